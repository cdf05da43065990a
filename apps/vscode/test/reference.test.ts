import { describe, expect, it } from 'vitest';
import { altText, referenceFor, relativePath } from '../src/lib/reference.ts';

const base = {
  documentDir: '/ws/docs',
  filePath: '/ws/assets/generated/fox-gpt-image-2.png',
  alt: 'A red "fox" [hero]',
  width: 1024,
  height: 768,
};

describe('referenceFor', () => {
  it('Markdown: an image with escaped alt text and a path relative to the document', () => {
    expect(referenceFor({ ...base, languageId: 'markdown' })).toBe(
      '![A red "fox" \\[hero\\]](../assets/generated/fox-gpt-image-2.png)',
    );
    expect(referenceFor({ ...base, documentDir: '/ws', languageId: 'markdown' })).toBe(
      '![A red "fox" \\[hero\\]](assets/generated/fox-gpt-image-2.png)',
    );
  });
  it('Markdown: a path with spaces goes in angle brackets', () => {
    expect(
      referenceFor({ ...base, filePath: '/ws/docs/my images/a b.png', languageId: 'markdown' }),
    ).toBe('![A red "fox" \\[hero\\]](<my images/a b.png>)');
  });
  it('HTML: <img> with src, alt, width and height, attributes escaped', () => {
    expect(referenceFor({ ...base, languageId: 'html' })).toBe(
      '<img src="../assets/generated/fox-gpt-image-2.png" alt="A red &quot;fox&quot; [hero]" width="1024" height="768">',
    );
  });
  it('JSX/TSX: self-closing <img> with numeric width and height', () => {
    for (const languageId of ['javascriptreact', 'typescriptreact']) {
      expect(referenceFor({ ...base, languageId })).toBe(
        '<img src="../assets/generated/fox-gpt-image-2.png" alt="A red &quot;fox&quot; [hero]" width={1024} height={768} />',
      );
    }
  });
  it('CSS: url("…")', () => {
    expect(referenceFor({ ...base, languageId: 'css' })).toBe(
      'url("../assets/generated/fox-gpt-image-2.png")',
    );
    expect(referenceFor({ ...base, languageId: 'scss', documentDir: '/ws/assets' })).toBe(
      'url("./generated/fox-gpt-image-2.png")',
    );
  });
  it('plain text and other languages: the relative path', () => {
    expect(referenceFor({ ...base, languageId: 'plaintext' })).toBe(
      '../assets/generated/fox-gpt-image-2.png',
    );
  });
  it('uses forward slashes for Windows paths', () => {
    expect(relativePath('C:\\ws\\docs', 'c:\\ws\\assets\\a.png')).toBe('../assets/a.png');
  });
});

describe('altText', () => {
  it('is one line, trimmed, capped', () => {
    expect(altText('  a\n  red\tfox ')).toBe('a red fox');
    expect(altText('x'.repeat(300)).length).toBe(200);
  });
});

describe('referenceFor a video', () => {
  const clip = { ...base, filePath: '/ws/docs/clips/boat.mp4', video: true };
  it('links it from Markdown and embeds it in HTML and JSX', () => {
    expect(referenceFor({ ...clip, languageId: 'markdown' })).toBe(
      '[A red "fox" \\[hero\\]](clips/boat.mp4)',
    );
    expect(referenceFor({ ...clip, languageId: 'html' })).toBe(
      '<video src="./clips/boat.mp4" title="A red &quot;fox&quot; [hero]" width="1024" height="768" controls></video>',
    );
    expect(referenceFor({ ...clip, languageId: 'typescriptreact' })).toBe(
      '<video src="./clips/boat.mp4" title="A red &quot;fox&quot; [hero]" width={1024} height={768} controls />',
    );
  });
});
