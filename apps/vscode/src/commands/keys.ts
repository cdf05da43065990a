import * as vscode from 'vscode';
import type { KeyName } from '@atelier/core/providers/keys';
import type { Deps } from '../panels/run.ts';
import type { Connection, Studio } from '../studio/connection.ts';
import {
  checkKey,
  keyVariable,
  PROVIDERS,
  removeKey,
  storedKeys,
  storeKey,
} from '../studio/provider-keys.ts';

/**
 * Set / Remove Provider Key. For the local studio the key is kept in VS Code's SecretStorage and
 * given to the `atelier serve` the extension starts (studio/provider-keys.ts). For a team server
 * (or a studio named by atelier.studioUrl) it goes through the studio's keys procedures, as the
 * CLI and the web app do: stored encrypted by the server, admins only (the API refuses others
 * with its own message). A key is read from a password box and never logged.
 */

type KeyStatus = Awaited<ReturnType<Deps['connection']['client']['keys']['list']['query']>>[number];

function describe(k: KeyStatus): string {
  if (!k.set) return 'not set';
  // Admins also see the stored key's last four characters.
  const last4 = 'last4' in k && typeof k.last4 === 'string' ? ` (…${k.last4})` : '';
  if (k.source === 'stored')
    return `stored in the studio${last4}${k.updatedAt ? `, set ${k.updatedAt.slice(0, 10)}` : ''}`;
  if (k.source === 'env') return `from the environment (${k.variable ?? 'variable'})`;
  return "from the CLI's key store";
}

export async function setProviderKey(deps: Deps, studio: Studio): Promise<void> {
  if (deps.connection.kind === 'local') return setLocalKey(deps, studio);
  const { client } = deps.connection;
  const keys = await client.keys.list.query();
  const pick = await vscode.window.showQuickPick(
    keys.map((k) => ({ label: k.provider, description: describe(k), key: k })),
    { placeHolder: 'Provider whose API key to set' },
  );
  if (!pick) return;
  const value = await vscode.window.showInputBox({
    title: `Atelier: Set Provider Key — ${pick.key.provider}`,
    prompt: `The ${pick.key.provider} API key, stored encrypted by the studio at ${deps.connection.label}`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim().length >= 8 ? undefined : 'Paste the whole key'),
  });
  if (!value) return;
  const status = await client.keys.set.mutate({ provider: pick.key.provider, value: value.trim() });
  deps.log.info(`Key for ${status.provider}: ${describe(status)}.`);
  void vscode.window.showInformationMessage(
    `Atelier: the ${status.provider} key is ${describe(status)}.`,
  );
}

export async function removeProviderKey(deps: Deps, studio: Studio): Promise<void> {
  if (deps.connection.kind === 'local') return removeLocalKey(deps, studio);
  const { client } = deps.connection;
  const stored = (await client.keys.list.query()).filter((k) => k.source === 'stored');
  if (stored.length === 0) {
    void vscode.window.showInformationMessage(
      'Atelier: the studio stores no provider key (keys from the environment or the CLI stay where they are).',
    );
    return;
  }
  const pick = await vscode.window.showQuickPick(
    stored.map((k) => ({ label: k.provider, description: describe(k), key: k })),
    { placeHolder: 'Provider whose stored key to remove' },
  );
  if (!pick) return;
  const result = await client.keys.remove.mutate({ provider: pick.key.provider });
  deps.log.info(`Key for ${pick.key.provider} removed; now ${describe(result.status)}.`);
  void vscode.window.showInformationMessage(
    `Atelier: the stored ${pick.key.provider} key is removed; the key is now ${describe(result.status)}.`,
  );
}

async function studioStatus(connection: Connection): Promise<Map<KeyName, KeyStatus>> {
  const keys = await connection.client.keys.list.query();
  return new Map(keys.map((k) => [k.provider, k]));
}

async function setLocalKey(deps: Deps, studio: Studio): Promise<void> {
  const inVsCode = new Map((await storedKeys(deps.context.secrets)).map((k) => [k.provider, k]));
  const status = await studioStatus(deps.connection);
  const pick = await vscode.window.showQuickPick(
    PROVIDERS.map((provider) => {
      const mine = inVsCode.get(provider);
      const now = status.get(provider);
      return {
        label: provider,
        description: mine ? `set in VS Code (${mine.masked})` : 'not set in VS Code',
        detail: `Given to the local studio as ${keyVariable(provider)}; the studio now uses: ${now ? describe(now) : 'not known'}`,
        provider,
      };
    }),
    { placeHolder: 'Provider whose API key to keep in VS Code for the local studio' },
  );
  if (!pick) return;
  const variable = keyVariable(pick.provider);
  const value = await vscode.window.showInputBox({
    title: `Atelier: Set Provider Key — ${pick.provider}`,
    prompt: `The ${pick.provider} API key, kept in VS Code's SecretStorage and given to the local studio as ${variable}`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => {
      const checked = checkKey(v);
      return 'error' in checked ? checked.error : undefined;
    },
  });
  if (!value) return;
  await storeKey(deps.context.secrets, pick.provider, value);
  deps.log.info(`Key for ${pick.provider} kept in VS Code's SecretStorage (${variable}).`);
  await applyToLocalStudio(deps, studio, pick.provider, 'set');
}

async function removeLocalKey(deps: Deps, studio: Studio): Promise<void> {
  const mine = await storedKeys(deps.context.secrets);
  // Keys stored in the local studio itself (set before keys moved into VS Code, or from the web app).
  const inStudio = [...(await studioStatus(deps.connection)).values()].filter(
    (k) => k.source === 'stored',
  );
  if (mine.length === 0 && inStudio.length === 0) {
    void vscode.window.showInformationMessage(
      'Atelier: no provider key is kept in VS Code or stored in the studio (keys from the environment or `atelier keys set` stay where they are).',
    );
    return;
  }
  const pick = await vscode.window.showQuickPick(
    [
      ...mine.map((k) => ({
        label: k.provider,
        description: `kept in VS Code (${k.masked}, ${k.variable})`,
        provider: k.provider,
        where: 'vscode' as const,
      })),
      ...inStudio.map((k) => ({
        label: k.provider,
        description: describe(k),
        provider: k.provider,
        where: 'studio' as const,
      })),
    ],
    { placeHolder: 'Provider key to remove' },
  );
  if (!pick) return;
  if (pick.where === 'studio') {
    const result = await deps.connection.client.keys.remove.mutate({ provider: pick.provider });
    deps.log.info(
      `Key for ${pick.provider} removed from the studio; now ${describe(result.status)}.`,
    );
    void vscode.window.showInformationMessage(
      `Atelier: the ${pick.provider} key stored in the studio is removed; the key is now ${describe(result.status)}.`,
    );
    return;
  }
  await removeKey(deps.context.secrets, pick.provider);
  deps.log.info(`Key for ${pick.provider} removed from VS Code's SecretStorage.`);
  await applyToLocalStudio(deps, studio, pick.provider, 'removed');
}

/**
 * A studio reads its environment when it starts: one the extension started is offered a
 * restart; one started elsewhere (`atelier serve` in a terminal) keeps the keys it started with.
 */
async function applyToLocalStudio(
  deps: Deps,
  studio: Studio,
  provider: KeyName,
  change: 'set' | 'removed',
): Promise<void> {
  const what =
    change === 'set'
      ? `the ${provider} key is kept in VS Code`
      : `the ${provider} key is removed from VS Code`;
  if (!studio.startedHere(deps.connection.url)) {
    void vscode.window.showInformationMessage(
      `Atelier: ${what}. The local studio at ${deps.connection.url} was not started by VS Code, so it does not see this change: keys set in VS Code apply once the extension starts the studio (stop that one, then run Atelier: Use Local Studio).`,
    );
    return;
  }
  const restart = 'Restart Studio';
  const choice = await vscode.window.showInformationMessage(
    `Atelier: ${what}. The local studio reads keys when it starts: restart it now?`,
    restart,
  );
  if (choice !== restart) return;
  const connection = await studio.restartLocal();
  const now = (await studioStatus(connection)).get(provider);
  if (!now) return;
  const variable = keyVariable(provider);
  // Keys saved in the studio or with `atelier keys set` come before the environment.
  const shadowed = now.source === 'stored' || now.source === 'cli';
  const message = `Atelier: the studio restarted; its ${provider} key is ${describe(now)}.`;
  if (shadowed && change === 'set')
    void vscode.window.showWarningMessage(
      `${message} That one comes before ${variable} from VS Code: remove it to use the key kept in VS Code.`,
    );
  else void vscode.window.showInformationMessage(message);
}
