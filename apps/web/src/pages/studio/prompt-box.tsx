import type { RouterOutputs } from '../../trpc.ts';

type Analysis = RouterOutputs['prompt']['analyze'];

/** "Ctrl+Enter" or "⌘+Enter", as the keyboard in front of the user labels it. */
export const RUN_SHORTCUT =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)
    ? '⌘+Enter'
    : 'Ctrl+Enter';

/**
 * The prompt, its lint hints and what the plan read from it. The hints come from the prompt
 * analyser once typing pauses; the count is announced, the list is not (it changes as you type
 * and would talk over you). The notes are the plan's: flags such as `--ar 16:9` read as settings
 * and taken out of the text.
 */
export function PromptBox({
  id,
  value,
  onChange,
  analysis,
  analysing,
  notes,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  analysis: Analysis | undefined;
  analysing: boolean;
  /** What the plan read from this prompt. */
  notes: readonly string[];
}) {
  const hints = value.trim() ? (analysis?.hints ?? []) : [];
  const quoted = value.trim() ? (analysis?.quotedText ?? []) : [];
  return (
    <div className="field prompt-box">
      <label htmlFor={id} className="field-label">
        Prompt
      </label>
      <textarea
        id={id}
        name="prompt"
        rows={4}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={`${id}-help ${id}-hint-count${notes.length ? ` ${id}-notes` : ''}`}
        placeholder="A red fox in fresh snow at dawn, soft backlight, 85mm, editorial photography"
        spellCheck
      />
      <p className="field-help" id={`${id}-help`}>
        {RUN_SHORTCUT} runs every chosen model.
        {analysis && value.trim() && ` ${analysis.words} words.`}
      </p>
      <p className="visually-hidden" id={`${id}-hint-count`} aria-live="polite">
        {hints.length ? `${hints.length} prompt hints.` : ''}
      </p>
      {notes.length > 0 && (
        <ul className="notes prompt-notes" id={`${id}-notes`} data-testid="prompt-notes">
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {value.trim() && (
        // A box of fixed height from the moment there is a prompt: hints arriving (a restored
        // draft's first analysis, a change of prompt) fill it without moving the Run button below.
        <div
          className="prompt-hints"
          role="region"
          aria-label="Prompt hints"
          // It scrolls when the hints are long: keyboard users can reach it.
          tabIndex={0}
          aria-busy={analysing}
        >
          <p className="field-label">Hints</p>
          {hints.length > 0 || quoted.length > 0 ? (
            <div data-testid="prompt-hints">
              {hints.length > 0 && (
                <ul className="notes">
                  {hints.map((h) => (
                    <li key={h}>{h}</li>
                  ))}
                </ul>
              )}
              {quoted.length > 0 && (
                <p className="muted">Text to render: {quoted.map((q) => `“${q}”`).join(', ')}.</p>
              )}
            </div>
          ) : (
            <p className="muted">
              {analysis ? 'None: the prompt reads well.' : 'Reading the prompt…'}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
