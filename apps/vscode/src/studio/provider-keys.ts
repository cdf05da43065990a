import { KEY_ENV, KeyName, maskKey, ProviderKeyValue } from '@atelier/core/providers/keys';

/**
 * Provider keys for the local studio, kept in VS Code's SecretStorage: one secret per provider,
 * named after the provider's conventional environment variable (core's KEY_ENV, first name).
 * They reach a studio only as that variable in the environment of an `atelier serve` the
 * extension starts: never on its command line, never in the log. A team server keeps its own
 * keys (its vault, admins only).
 */

/** The part of vscode.SecretStorage used here (so the rules are tested without VS Code). */
export interface Secrets {
  get(key: string): Thenable<string | undefined>;
  store(key: string, value: string): Thenable<void>;
  delete(key: string): Thenable<void>;
}

export const PROVIDERS: readonly KeyName[] = KeyName.options;

/** OPENAI_API_KEY, GEMINI_API_KEY, FAL_KEY…: the secret's name and the studio's variable. */
export function keyVariable(provider: KeyName): string {
  const variable = KEY_ENV[provider][0];
  if (!variable) throw new Error(`No environment variable is known for ${provider}.`);
  return variable;
}

/** Checks a pasted key with the rule the studio's vault uses; the message names what is wrong. */
export function checkKey(value: string): { key: string } | { error: string } {
  const parsed = ProviderKeyValue.safeParse(value);
  if (parsed.success) return { key: parsed.data };
  return { error: `The key ${parsed.error.issues[0]?.message ?? 'is not valid'}.` };
}

export async function storeKey(
  secrets: Secrets,
  provider: KeyName,
  value: string,
): Promise<string> {
  const checked = checkKey(value);
  if ('error' in checked) throw new Error(checked.error);
  await secrets.store(keyVariable(provider), checked.key);
  return maskKey(checked.key);
}

export async function removeKey(secrets: Secrets, provider: KeyName): Promise<void> {
  await secrets.delete(keyVariable(provider));
}

export interface StoredKey {
  provider: KeyName;
  variable: string;
  /** "sk-…f3Qz": enough to tell keys apart, never enough to use one. */
  masked: string;
}

/** The providers with a key in VS Code, masked. */
export async function storedKeys(secrets: Secrets): Promise<StoredKey[]> {
  const found = await Promise.all(
    PROVIDERS.map(async (provider) => {
      const variable = keyVariable(provider);
      const value = await secrets.get(variable);
      return value ? { provider, variable, masked: maskKey(value) } : undefined;
    }),
  );
  return found.filter((k): k is StoredKey => k !== undefined);
}

/** The keys kept in VS Code as their variables (OPENAI_API_KEY=…), and which providers they are. */
export async function keyVariables(
  secrets: Secrets,
): Promise<{ vars: Record<string, string>; providers: KeyName[] }> {
  const vars: Record<string, string> = {};
  const providers: KeyName[] = [];
  for (const provider of PROVIDERS) {
    const variable = keyVariable(provider);
    const value = await secrets.get(variable);
    if (!value) continue;
    vars[variable] = value;
    providers.push(provider);
  }
  return { vars, providers };
}

/**
 * The environment of a studio the extension starts: the extension host's, with each key kept
 * in VS Code set as its provider's variable (over one inherited from the shell: the user set
 * this one for Atelier).
 */
export async function studioEnv(
  secrets: Secrets,
  base: NodeJS.ProcessEnv = process.env,
): Promise<{ env: NodeJS.ProcessEnv; providers: KeyName[] }> {
  const { vars, providers } = await keyVariables(secrets);
  return { env: { ...base, ...vars }, providers };
}
