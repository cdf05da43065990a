import { posix } from 'node:path';

/**
 * The text that refers to a saved image from the document it is inserted into, in that
 * document's language, with a path relative to the document (forward slashes on every OS).
 */

export interface ReferenceInput {
  /** VS Code's languageId of the document. */
  languageId: string;
  /** Folder of the document, absolute (any OS's separators). */
  documentDir: string;
  /** The saved file, absolute. */
  filePath: string;
  alt: string;
  width?: number;
  height?: number;
  /** A video gets a link (Markdown) or a <video> element (HTML, JSX) instead of an image. */
  video?: boolean;
}

const MARKDOWN = new Set(['markdown', 'mdx', 'quarto', 'rmd']);
const HTML = new Set(['html', 'vue', 'svelte', 'php', 'astro', 'handlebars', 'razor', 'erb']);
const JSX = new Set(['javascriptreact', 'typescriptreact']);
const CSS = new Set(['css', 'scss', 'sass', 'less', 'stylus', 'postcss']);

const toPosix = (p: string) => p.replace(/\\/g, '/');

/** `filePath` relative to `documentDir`, "./"-prefixed when it stays in or below it. */
export function relativePath(documentDir: string, filePath: string): string {
  const from = toPosix(documentDir);
  const to = toPosix(filePath);
  // Windows drive letters compare case-insensitively; posix.relative needs a common root.
  const norm = (p: string) => (/^[A-Za-z]:/.test(p) ? `/${p[0]?.toLowerCase()}${p.slice(2)}` : p);
  const rel = posix.relative(norm(from), norm(to));
  return rel.startsWith('../') ? rel : `./${rel}`;
}

const escapeAttr = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One line of alt text: newlines and runs of spaces collapsed. */
export function altText(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

function markdownPath(rel: string): string {
  const path = rel.startsWith('./') ? rel.slice(2) : rel;
  // CommonMark: a destination with spaces or parentheses goes in angle brackets.
  return /[\s()<>]/.test(path) ? `<${path.replace(/[<>]/g, encodeURIComponent)}>` : path;
}

export function referenceFor(input: ReferenceInput): string {
  const rel = relativePath(input.documentDir, input.filePath);
  const alt = altText(input.alt);
  const size = (jsx: boolean) =>
    [
      input.width === undefined ? '' : jsx ? ` width={${input.width}}` : ` width="${input.width}"`,
      input.height === undefined
        ? ''
        : jsx
          ? ` height={${input.height}}`
          : ` height="${input.height}"`,
    ].join('');
  if (input.video && MARKDOWN.has(input.languageId)) {
    return `[${alt.replace(/([\\[\]])/g, '\\$1')}](${markdownPath(rel)})`;
  }
  if (input.video && (HTML.has(input.languageId) || JSX.has(input.languageId))) {
    const jsx = JSX.has(input.languageId);
    return `<video src="${escapeAttr(rel)}" title="${escapeAttr(alt)}"${size(jsx)} controls${jsx ? ' />' : '></video>'}`;
  }
  if (MARKDOWN.has(input.languageId)) {
    return `![${alt.replace(/([\\[\]])/g, '\\$1')}](${markdownPath(rel)})`;
  }
  if (HTML.has(input.languageId)) {
    return `<img src="${escapeAttr(rel)}" alt="${escapeAttr(alt)}"${size(false)}>`;
  }
  if (JSX.has(input.languageId)) {
    return `<img src="${escapeAttr(rel)}" alt="${escapeAttr(alt)}"${size(true)} />`;
  }
  if (CSS.has(input.languageId)) return `url("${rel.replace(/["\\]/g, '\\$&')}")`;
  return rel;
}
