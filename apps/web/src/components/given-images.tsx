import type { ReactNode } from 'react';
import { inputLabel, type GenerationInput } from '../lib/generations.ts';

/**
 * The images a run was given (its references in order, then its mask) as small thumbnails, each
 * named "Reference 1" … "Mask" in its caption and its alt text, so a run shows what it started from.
 */
export function GivenImages({
  inputs,
  label,
  lead,
  children,
}: {
  inputs: readonly Pick<GenerationInput, 'role' | 'index' | 'url'>[];
  /** The group's accessible name. */
  label: string;
  /** Shown before the thumbnails. */
  lead?: string;
  /** Shown after them (actions). */
  children?: ReactNode;
}) {
  return (
    <div className="given-images" role="group" aria-label={label}>
      {lead && <span className="muted">{lead}</span>}
      {inputs.map((input) => (
        <figure key={`${input.role}-${input.index}`} className="given-image">
          <img src={input.url} alt={inputLabel(input)} width={48} height={48} />
          <figcaption>{inputLabel(input)}</figcaption>
        </figure>
      ))}
      {children}
    </div>
  );
}
