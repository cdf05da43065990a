import { useEffect, useState } from 'react';

/**
 * A text field whose value lives in the address: the field shows a draft as typed, and the draft
 * is committed once typing pauses (and only when `valid`). When the address changes from
 * elsewhere (back button, "clear filters"), the draft follows it; its own commits do not reset it.
 */
export function useDraft(
  external: string,
  commit: (value: string) => void,
  {
    delay = 250,
    valid = () => true,
    normalize = (v) => v,
  }: {
    delay?: number;
    valid?: (value: string) => boolean;
    /** How the address will spell a committed draft ("80.0" → "80"), so it is not taken for an outside change. */
    normalize?: (value: string) => string;
  } = {},
): [string, (value: string) => void] {
  const [draft, setDraft] = useState(external);
  const [synced, setSynced] = useState(external);
  const [committed, setCommitted] = useState(external);
  if (external !== synced) {
    setSynced(external);
    if (external !== committed) {
      setDraft(external);
      setCommitted(external);
    }
  }
  useEffect(() => {
    if (!valid(draft) || normalize(draft) === committed) return;
    const timer = setTimeout(() => {
      setCommitted(normalize(draft));
      commit(draft);
    }, delay);
    return () => clearTimeout(timer);
  });
  return [draft, setDraft];
}
