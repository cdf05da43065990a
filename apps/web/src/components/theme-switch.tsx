import { setThemeChoice, useThemeChoice, type ThemeChoice } from '../lib/theme.ts';

const CHOICES: { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** System / light / dark as a radio group: arrow keys move between them, as any radio group. */
export function ThemeSwitch() {
  const choice = useThemeChoice();
  return (
    <fieldset className="segmented theme-switch">
      <legend className="visually-hidden">Theme</legend>
      {CHOICES.map((c) => (
        <label key={c.value}>
          <input
            type="radio"
            name="theme"
            value={c.value}
            checked={choice === c.value}
            onChange={() => setThemeChoice(c.value)}
          />
          <span>{c.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
