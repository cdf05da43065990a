import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The manifest VS Code reads (package.json) and the .vsix `pnpm build` packages: the commands,
 * menus, settings and MCP provider of the contract in /apps/vscode/test/e2e and README.
 */

interface Manifest {
  engines: { vscode: string };
  main: string;
  activationEvents?: string[];
  devDependencies: Record<string, string>;
  contributes: {
    commands: { command: string; title: string; category: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    configuration: {
      title: string;
      properties: Record<
        string,
        { type: string; default: unknown; description?: string; markdownDescription?: string }
      >;
    };
    mcpServerDefinitionProviders: { id: string; label: string }[];
  };
}

const root = new URL('../', import.meta.url);

/** The names in a zip's central directory (no unzip binary needed). */
function zipEntries(path: URL): string[] {
  const zip = readFileSync(path);
  // End of central directory: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error(`${path.pathname} is not a zip file`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory entry');
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extra + comment;
  }
  return names;
}
const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as Manifest;

const COMMANDS = {
  'atelier.browseModels': 'Browse Models',
  'atelier.compareModels': 'Compare Models',
  'atelier.arena': 'Blind Round (Arena)',
  'atelier.estimateCost': 'Estimate Cost',
  'atelier.recommend': 'Recommend a Model',
  'atelier.generateFromPrompt': 'Generate Image from Prompt',
  'atelier.generateFromSelection': 'Generate Image from Selection',
  'atelier.editImage': 'Edit Image…',
  'atelier.generateVideo': 'Generate Video',
  'atelier.lintPrompt': 'Lint Prompt',
  'atelier.openHistory': 'Open History',
  'atelier.showSpend': 'Show Spend',
  'atelier.connect': 'Connect to Studio',
  'atelier.useLocalStudio': 'Use Local Studio',
  'atelier.signOut': 'Sign Out',
  'atelier.setProviderKey': 'Set Provider Key',
  'atelier.removeProviderKey': 'Remove Provider Key',
};

describe('extension manifest', () => {
  it('names the VS Code version whose APIs it uses (MCP providers: 1.101) and its CommonJS entry', () => {
    expect(manifest.engines.vscode).toBe('^1.101.0');
    expect(manifest.devDependencies['@types/vscode']).toBe('1.101.0');
    expect(manifest.main).toBe('./dist/extension.cjs');
    // Commands activate the extension by themselves (VS Code ≥ 1.74); the status bar needs start-up.
    expect(manifest.activationEvents).toEqual(['onStartupFinished']);
  });

  it('declares every command of the contract in category Atelier', () => {
    const declared = Object.fromEntries(manifest.contributes.commands.map((c) => [c.command, c]));
    for (const [id, title] of Object.entries(COMMANDS)) {
      expect(declared[id], id).toEqual({ command: id, title, category: 'Atelier' });
    }
    expect(manifest.contributes.commands).toHaveLength(Object.keys(COMMANDS).length);
  });

  it('puts the selection commands in the editor menu and Edit Image on image files in the Explorer', () => {
    const editor = manifest.contributes.menus['editor/context'] ?? [];
    expect(editor).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          command: 'atelier.generateFromSelection',
          when: 'editorHasSelection',
        }),
        expect.objectContaining({ command: 'atelier.lintPrompt', when: 'editorHasSelection' }),
      ]),
    );
    const explorer = manifest.contributes.menus['explorer/context'] ?? [];
    expect(explorer).toEqual([
      expect.objectContaining({
        command: 'atelier.editImage',
        when: 'resourceExtname =~ /\\.(png|jpe?g|webp)$/',
      }),
    ]);
  });

  it('contributes the settings with types, defaults and descriptions', () => {
    const props = manifest.contributes.configuration.properties;
    expect(Object.keys(props).sort()).toEqual([
      'atelier.cliPath',
      'atelier.confirmAboveUsd',
      'atelier.outputFolder',
      'atelier.studioUrl',
    ]);
    expect(props['atelier.studioUrl']).toMatchObject({ type: 'string', default: '' });
    expect(props['atelier.outputFolder']).toMatchObject({
      type: 'string',
      default: 'assets/generated',
    });
    expect(props['atelier.confirmAboveUsd']).toMatchObject({ type: 'number', default: 0.5 });
    expect(props['atelier.cliPath']).toMatchObject({ type: 'string', default: '' });
    for (const [key, p] of Object.entries(props))
      expect(p.description ?? p.markdownDescription, key).toBeTruthy();
  });

  it('contributes the Atelier MCP server provider', () => {
    expect(manifest.contributes.mcpServerDefinitionProviders).toEqual([
      { id: 'atelier', label: 'Atelier' },
    ]);
  });
});

describe('build output (pnpm build)', () => {
  const dist = (name: string) => new URL(`dist/${name}`, root);

  it('has the extension host bundle and the webview script', () => {
    expect(existsSync(dist('extension.cjs'))).toBe(true);
    expect(existsSync(dist('webview.js'))).toBe(true);
    // CommonJS with vscode left to the host.
    expect(readFileSync(dist('extension.cjs'), 'utf8')).toMatch(/require\("vscode"\)/);
  });

  it('packages a .vsix with the manifest, the bundles and nothing of the sources', () => {
    const listing = zipEntries(dist('atelier.vsix'));
    expect(listing).toEqual(
      expect.arrayContaining([
        'extension/package.json',
        'extension/dist/extension.cjs',
        'extension/dist/webview.js',
        'extension/media/webview.css',
        'extension.vsixmanifest',
      ]),
    );
    expect(listing.filter((f) => /\.ts$|node_modules|\/src\/|\/test\//.test(f))).toEqual([]);
  });
});
