import { Provider } from '@atelier/core/catalog';
import { AtelierError } from '@atelier/core/errors';

/** One `-m` value: a catalog id or alias, optionally pinned to a route as `model@provider`. */
export interface ModelPick {
  /** As typed, for messages and the summary. */
  given: string;
  /** The id or alias, without the route pin. */
  name: string;
  provider?: Provider;
}

export function parseModelPicks(values: readonly string[] | undefined): ModelPick[] {
  if (!values || values.length === 0) {
    throw new AtelierError('invalid_input', 'Name at least one model with -m <model>.', {
      hint: 'e.g. -m nano-banana-pro -m gpt-image-2; `atelier models` lists them.',
    });
  }
  const picks = values.map((given): ModelPick => {
    const at = given.lastIndexOf('@');
    if (at <= 0) return { given, name: given.trim() };
    const provider = Provider.safeParse(
      given
        .slice(at + 1)
        .trim()
        .toLowerCase(),
    );
    if (!provider.success) {
      throw new AtelierError(
        'invalid_input',
        `-m ${given}: "${given.slice(at + 1)}" is not a provider; use one of ${Provider.options.join(', ')}.`,
      );
    }
    return { given, name: given.slice(0, at).trim(), provider: provider.data };
  });
  const seen = new Set<string>();
  for (const pick of picks) {
    const key = pick.name.toLowerCase();
    // The studio's jobs pin routes by model name (generate.create), so one run holds each model
    // once.
    if (seen.has(key)) {
      throw new AtelierError('invalid_input', `-m ${pick.name} is named twice.`, {
        hint: 'Name each model once per run; run again to compare two routes of one model.',
      });
    }
    seen.add(key);
  }
  return picks;
}
