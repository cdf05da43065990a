import type { ChildProcess } from 'node:child_process';
import * as vscode from 'vscode';
import { parseSettings, type Settings } from '../lib/settings.ts';
import { createStudioHttpClient, type StudioHttpClient } from '@atelier/api/client';
import { downloadAsset, uploadAsset } from './client.ts';
import { findCli, findRunningStudio, resolveDataDir, startStudio } from './local.ts';
import { storedKeys, studioEnv } from './provider-keys.ts';

/**
 * Which studio the extension talks to, in this order: the atelier.studioUrl setting (no token);
 * else the studio saved by "Connect to Studio" (URL in global state, token in SecretStorage);
 * else the local studio chosen by "Use Local Studio" (a running `atelier serve` on the user's
 * data folder, or one started here); else the user is asked to choose.
 */

export type StudioKind = 'setting' | 'connected' | 'local';

export interface Connection {
  url: string;
  kind: StudioKind;
  /** For the status bar: "local studio", "studio.example.com". */
  label: string;
  client: StudioHttpClient;
  download(sha256: string): Promise<Uint8Array>;
  upload(data: Uint8Array): ReturnType<typeof uploadAsset>;
  /** For the MCP server's environment only; never logged or put in HTML. */
  token(): Promise<string | undefined>;
}

const SERVER_URL = 'atelier.serverUrl';
const USE_LOCAL = 'atelier.useLocalStudio';
const TOKEN = 'atelier.token';

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration('atelier');
  return parseSettings({
    studioUrl: c.get('studioUrl'),
    outputFolder: c.get('outputFolder'),
    confirmAboveUsd: c.get('confirmAboveUsd'),
    cliPath: c.get('cliPath'),
  });
}

function normalizeUrl(value: string): string | undefined {
  try {
    const u = new URL(value.trim());
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    return u.toString().replace(/\/+$/, '');
  } catch {
    return undefined;
  }
}

export class Studio implements vscode.Disposable {
  #current: Connection | undefined;
  /** The `atelier serve` this extension started, and its URL. */
  #child: { process: ChildProcess; url: string } | undefined;
  readonly #changed = new vscode.EventEmitter<Connection | undefined>();
  readonly onDidChange = this.#changed.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {
    context.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('atelier.studioUrl')) this.#set(undefined);
      }),
    );
  }

  #set(connection: Connection | undefined): void {
    this.#current = connection;
    this.#changed.fire(connection);
  }

  #connection(
    url: string,
    kind: StudioKind,
    token: () => Promise<string | undefined>,
    tokenNow: string | undefined,
  ): Connection {
    const host = new URL(url).host;
    return {
      url,
      kind,
      label: kind === 'local' ? `local studio (${host})` : host,
      client: createStudioHttpClient(url, tokenNow),
      download: async (sha256) => downloadAsset(url, await token(), sha256),
      upload: async (data) => uploadAsset(url, await token(), data),
      token,
    };
  }

  /** The connection already made, if any (the status bar does not prompt). */
  get current(): Connection | undefined {
    return this.#current;
  }

  /** The studio to use, asking the user to choose when nothing is configured. */
  async get(): Promise<Connection> {
    if (this.#current) return this.#current;
    const resolved = await this.resolve({ start: true });
    if (resolved) return resolved;
    const pick = await vscode.window.showQuickPick(
      [
        {
          label: 'Use Local Studio',
          detail: 'Start or reuse `atelier serve` on your data folder',
          id: 'local' as const,
        },
        {
          label: 'Connect to Studio…',
          detail: 'A team studio: its URL and an API token',
          id: 'connect' as const,
        },
      ],
      { placeHolder: 'Which Atelier studio?' },
    );
    if (pick?.id === 'local') return this.useLocal();
    if (pick?.id === 'connect') {
      const c = await this.connect();
      if (c) return c;
    }
    throw new vscode.CancellationError();
  }

  /** Without prompting: the setting, the saved server, a running local studio, else (with `start`) the local studio chosen earlier, started. */
  async resolve(o: { start: boolean }): Promise<Connection | undefined> {
    const settings = readSettings();
    if (settings.studioUrl) {
      this.#set(this.#connection(settings.studioUrl, 'setting', async () => undefined, undefined));
      return this.#current;
    }
    const saved = this.context.globalState.get<string>(SERVER_URL);
    if (saved) {
      const token = await this.context.secrets.get(TOKEN);
      this.#set(
        this.#connection(
          saved,
          'connected',
          () => Promise.resolve(this.context.secrets.get(TOKEN)),
          token,
        ),
      );
      return this.#current;
    }
    const running = await findRunningStudio(resolveDataDir());
    if (running && running.mode === 'local') {
      this.#set(this.#connection(running.url, 'local', async () => undefined, undefined));
      return this.#current;
    }
    // Starting a studio is for commands; the status bar and the MCP provider only look.
    if (o.start && this.context.globalState.get<boolean>(USE_LOCAL)) return this.useLocal();
    return undefined;
  }

  /** Asks for a URL and a token, checks them with auth.me, then saves them. */
  async connect(): Promise<Connection | undefined> {
    const url = await vscode.window.showInputBox({
      title: 'Atelier: Connect to Studio',
      prompt: 'The studio URL',
      placeHolder: 'https://studio.example.com',
      value: this.context.globalState.get<string>(SERVER_URL) ?? '',
      ignoreFocusOut: true,
      validateInput: (v) => (normalizeUrl(v) ? undefined : 'An http:// or https:// URL'),
    });
    const normalized = url === undefined ? undefined : normalizeUrl(url);
    if (!normalized) return undefined;
    const token = await vscode.window.showInputBox({
      title: 'Atelier: Connect to Studio',
      prompt: 'API token (atl_…); leave empty for a local studio without sign-in',
      password: true,
      ignoreFocusOut: true,
    });
    if (token === undefined) return undefined;
    const client = createStudioHttpClient(normalized, token || undefined);
    const me = await client.auth.me.query();
    if (token) await this.context.secrets.store(TOKEN, token);
    else await this.context.secrets.delete(TOKEN);
    await this.context.globalState.update(SERVER_URL, normalized);
    await this.context.globalState.update(USE_LOCAL, false);
    this.log.info(`Connected to ${normalized} (${me.mode} mode).`);
    this.#set(
      this.#connection(
        normalized,
        'connected',
        () => Promise.resolve(this.context.secrets.get(TOKEN)),
        token || undefined,
      ),
    );
    if (readSettings().studioUrl) {
      void vscode.window.showWarningMessage(
        'Setting atelier.studioUrl is set and takes precedence over the connected studio; clear it to use this one.',
      );
    }
    return this.#current;
  }

  /**
   * Reuses the studio running on the data folder, else starts `atelier serve` with the provider
   * keys kept in VS Code in its environment (provider-keys.ts).
   */
  async useLocal(): Promise<Connection> {
    await this.context.globalState.update(USE_LOCAL, true);
    await this.context.globalState.update(SERVER_URL, undefined);
    const dataDir = resolveDataDir();
    const running = await findRunningStudio(dataDir);
    let url = running?.url;
    if (url && !this.startedHere(url) && (await storedKeys(this.context.secrets)).length > 0) {
      void vscode.window.showInformationMessage(
        `Atelier: using the local studio already running at ${url}, which VS Code did not start: provider keys set in VS Code apply once the extension starts the studio (stop that one, then run Atelier: Use Local Studio).`,
      );
    }
    if (!url) {
      const cli = findCli(readSettings().cliPath, this.context.extensionUri.fsPath);
      const { env, providers } = await studioEnv(this.context.secrets);
      const started = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: 'Atelier: starting the local studio…',
        },
        () => startStudio(cli, (line) => this.log.info(line), { env }),
      );
      this.#child = { process: started.child, url: started.url };
      url = started.url;
      // Which providers, never the keys.
      if (providers.length > 0)
        this.log.info(`Provider keys from VS Code given to the studio: ${providers.join(', ')}.`);
    }
    this.log.info(`Using the local studio at ${url} (data folder ${dataDir}).`);
    const connection = this.#connection(url, 'local', async () => undefined, undefined);
    this.#set(connection);
    return connection;
  }

  /** Whether the studio at `url` (else the local one in use) is the `atelier serve` this extension started and still runs. */
  startedHere(url = this.#current?.kind === 'local' ? this.#current.url : undefined): boolean {
    const child = this.#child;
    return (
      !!child &&
      child.url === url &&
      child.process.exitCode === null &&
      child.process.signalCode === null
    );
  }

  /** Stops the studio this extension started and starts it again, so it reads the keys anew. */
  async restartLocal(): Promise<Connection> {
    this.log.info('Restarting the local studio for the provider keys set in VS Code.');
    await this.#stopChild();
    this.#set(undefined);
    return this.useLocal();
  }

  async signOut(): Promise<void> {
    await this.context.secrets.delete(TOKEN);
    await this.context.globalState.update(SERVER_URL, undefined);
    await this.context.globalState.update(USE_LOCAL, false);
    await this.#stopChild();
    this.#set(undefined);
    this.log.info('Signed out: the saved studio and its token are forgotten.');
  }

  /** The CLI for `atelier mcp`, as for `atelier serve`. */
  cliPath(): string | undefined {
    return findCli(readSettings().cliPath, this.context.extensionUri.fsPath);
  }

  /** SIGTERM to the studio this extension started (it closes its database), SIGKILL after 10 s. */
  async #stopChild(): Promise<void> {
    const child = this.#child?.process;
    this.#child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  dispose(): void {
    void this.#stopChild();
    this.#changed.dispose();
  }
}
