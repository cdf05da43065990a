import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, escapeHtml, nonce, pageHtml } from '../src/webview/html.ts';
import { FromWebview, parseFromWebview, ToWebview } from '../src/webview/messages.ts';
import { resultCardHtml } from '../src/views/results.ts';

describe('messages', () => {
  it('accepts the known messages', () => {
    expect(parseFromWebview({ type: 'keep', id: '01JABCDEF' })).toEqual({
      type: 'keep',
      id: '01JABCDEF',
    });
    expect(parseFromWebview({ type: 'search', query: 'red fox -cartoon' })).toEqual({
      type: 'search',
      query: 'red fox -cartoon',
    });
    expect(ToWebview.parse({ type: 'patch', id: 'a1', html: '<p>x</p>' }).type).toBe('patch');
  });
  it('refuses unknown types, extra fields and ids that are not ids', () => {
    expect(parseFromWebview({ type: 'exec', command: 'rm -rf' })).toBeUndefined();
    expect(parseFromWebview({ type: 'keep', id: 'a', extra: 1 })).toBeUndefined();
    expect(parseFromWebview({ type: 'keep', id: '"><script>' })).toBeUndefined();
    expect(parseFromWebview('keep')).toBeUndefined();
    expect(FromWebview.safeParse({ type: 'search', query: 'x'.repeat(1001) }).success).toBe(false);
  });
});

describe('pageHtml', () => {
  const csp = 'https://file+.vscode-resource.vscode-cdn.net';
  it('has a strict CSP with the nonce on the script and the stylesheet', () => {
    const n = nonce();
    expect(n).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(contentSecurityPolicy(csp, n)).toBe(
      `default-src 'none'; img-src ${csp} data:; media-src ${csp} data:; script-src 'nonce-${n}'; style-src ${csp} 'nonce-${n}'; font-src ${csp}`,
    );
    const html = pageHtml({
      cspSource: csp,
      nonce: n,
      scriptUri: `${csp}/dist/webview.js`,
      styleUri: `${csp}/media/webview.css`,
      title: 'Atelier: Results',
      body: '<p>x</p>',
    });
    expect(html).toContain(`<script nonce="${n}" src="${csp}/dist/webview.js"></script>`);
    expect(html).toContain(`http-equiv="Content-Security-Policy"`);
    expect(html.match(/<script/g)).toHaveLength(1);
  });
  it('refuses a weak nonce', () => {
    expect(() =>
      pageHtml({ cspSource: csp, nonce: 'abc', scriptUri: '', styleUri: '', title: '', body: '' }),
    ).toThrow(/nonce/);
  });
  it('never carries the token: result cards hold data: URIs, and text is escaped', () => {
    const token = 'atl_secret_token_value_1234';
    const card = resultCardHtml({
      id: '01JX',
      modelId: 'gpt-image-2',
      modelName: '<b>GPT</b>',
      status: 'succeeded',
      costMicros: 42_000,
      latencyMs: 1234,
      media: {
        src: 'data:image/png;base64,iVBORw0KGgo=',
        mediaType: 'image/png',
        width: 64,
        height: 64,
      },
    });
    const html = pageHtml({
      cspSource: csp,
      nonce: nonce(),
      scriptUri: 's',
      styleUri: 'c',
      title: 't',
      body: card,
    });
    expect(html).not.toContain(token);
    expect(html).not.toContain('authorization');
    expect(html).toContain('&lt;b&gt;GPT&lt;/b&gt;');
    expect(html).toContain('data-testid="keep"');
    expect(html).toContain('title="42,000 micro-USD">$0.042<');
  });
  it('shows a failed model with its message and hint under data-testid="error"', () => {
    const html = resultCardHtml({
      id: '01JY',
      modelId: 'm',
      modelName: 'M',
      status: 'failed',
      error: { message: 'Rate limited by OpenAI.', hint: 'Retry in a minute.' },
    });
    expect(html).toContain('data-testid="error"');
    expect(html).toContain('Rate limited by OpenAI.');
    expect(html).toContain('Retry in a minute.');
    expect(html).not.toContain('data-testid="keep"');
  });
  it('escapes every HTML special character', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});
