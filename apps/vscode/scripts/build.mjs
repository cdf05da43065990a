// Builds the extension: the extension host (CommonJS, as VS Code loads it, `vscode` external),
// the webview script apart (a browser IIFE loaded by the panels under their CSP), then the
// .vsix with vsce. --no-dependencies: everything is bundled, so vsce must not run npm (this is
// a pnpm workspace with workspace: devDependencies).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = !process.argv.includes('--dev');

await build({
  absWorkingDir: root,
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  sourcemap: !production,
  minify: production,
  legalComments: 'none',
  logLevel: 'warning',
});

await build({
  absWorkingDir: root,
  entryPoints: ['src/webview/main.ts'],
  outfile: 'dist/webview.js',
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  minify: production,
  legalComments: 'none',
  logLevel: 'warning',
});

if (!process.argv.includes('--no-package')) {
  // vsce's packaging function, without its command-line entry: that one also loads the
  // marketplace publishing code (Azure sign-in), which packaging does not use.
  const require = createRequire(import.meta.url);
  const { packageCommand } = require('@vscode/vsce/out/package.js');
  await packageCommand({
    cwd: root,
    packagePath: join(root, 'dist', 'atelier.vsix'),
    dependencies: false,
    allowMissingRepository: true,
  });
}
