import type { ModelEntryInput } from './schema.ts';

/** Lower-cases and folds punctuation so "Nano Banana Pro", "nano-banana-pro" and "NANO_BANANA PRO" meet. */
export function normalizeName(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\s_[\]()]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Every name a model answers to: id, display name, aliases and provider model ids. */
export function namesOf(model: ModelEntryInput): string[] {
  return [
    model.id,
    model.name,
    ...(model.aliases ?? []),
    ...model.routes.map((r) => r.providerModelId),
  ];
}
