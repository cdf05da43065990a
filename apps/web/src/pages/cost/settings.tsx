import type { WholeModel } from '../../lib/catalog-view.ts';
import type { RouterInputs } from '../../trpc.ts';

export type Settings = Omit<
  RouterInputs['pricing']['estimate'],
  'model' | 'provider' | 'prompt' | 'count'
>;

interface Choice {
  key: 'quality' | 'size' | 'resolution' | 'aspectRatio' | 'seconds' | 'audio' | 'variant';
  label: string;
  options: { value: string; label: string }[];
}

/** The settings that can change a model's price, with the values the catalog says it offers. */
export function choicesFor(model: WholeModel): Choice[] {
  const list = (values: readonly (string | number)[], suffix = '') =>
    values.map((v) => ({ value: String(v), label: `${v}${suffix}` }));
  const variants = [
    ...new Set(
      model.routes
        .flatMap((r) =>
          'tiers' in r.price
            ? (r.price.tiers as { when: { variant?: string } }[]).map((t) => t.when.variant)
            : [],
        )
        .filter((v): v is string => !!v),
    ),
  ];
  const choices: Choice[] = [];
  if (model.modality === 'image') {
    const c = model.image;
    if (c.qualities.length)
      choices.push({ key: 'quality', label: 'Quality', options: list(c.qualities) });
    const sizes =
      c.sizes.kind === 'list' ? c.sizes.values : c.sizes.kind === 'range' ? c.sizes.presets : [];
    if (sizes.length) choices.push({ key: 'size', label: 'Size', options: list(sizes) });
    if (c.resolutions.length)
      choices.push({
        key: 'resolution',
        label: 'Resolution',
        options: list(c.resolutions.map((r) => r.name)),
      });
    if (c.aspectRatios.length)
      choices.push({ key: 'aspectRatio', label: 'Aspect ratio', options: list(c.aspectRatios) });
  } else {
    const c = model.video;
    choices.push({ key: 'seconds', label: 'Clip length', options: list(c.durations, ' s') });
    choices.push({ key: 'resolution', label: 'Resolution', options: list(c.resolutions) });
    if (c.aspectRatios.length > 1)
      choices.push({ key: 'aspectRatio', label: 'Aspect ratio', options: list(c.aspectRatios) });
    if (c.audio === 'optional')
      choices.push({
        key: 'audio',
        label: 'Audio',
        options: [
          { value: 'true', label: 'With audio' },
          { value: 'false', label: 'Without audio' },
        ],
      });
  }
  if (variants.length) choices.push({ key: 'variant', label: 'Variant', options: list(variants) });
  return choices;
}

function toSetting(key: Choice['key'], value: string): Partial<Settings> {
  if (key === 'seconds') return { seconds: Number(value) };
  if (key === 'audio') return { audio: value === 'true' };
  return { [key]: value };
}

function fromSetting(settings: Settings, key: Choice['key']): string {
  const v = settings[key];
  return v === undefined ? '' : String(v);
}

/** One model's price settings; "Provider default" leaves a setting open (priced as a range). */
export function SettingsFields({
  model,
  settings,
  onChange,
}: {
  model: WholeModel;
  settings: Settings;
  onChange: (s: Settings) => void;
}) {
  const choices = choicesFor(model);
  if (!choices.length) return <p className="muted">No settings change this model's price.</p>;
  return (
    <div className="row">
      {choices.map((c) => (
        <label key={c.key} className="field">
          <span>{c.label}</span>
          <select
            value={fromSetting(settings, c.key)}
            onChange={(e) => {
              const next: Settings = { ...settings };
              delete next[c.key];
              onChange(e.target.value ? { ...next, ...toSetting(c.key, e.target.value) } : next);
            }}
          >
            <option value="">Provider default</option>
            {c.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      ))}
    </div>
  );
}
