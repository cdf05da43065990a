/**
 * Colour only for people: on a TTY, not under NO_COLOR (https://no-color.org), not on a dumb
 * terminal. FORCE_COLOR turns it on for pipes (e.g. `| less -R`).
 */
export function wantsColor(
  stream: { isTTY?: boolean },
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true;
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}
