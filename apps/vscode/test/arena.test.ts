import { appRouter, createCallerFactory, createContext } from '@atelier/api';
import { describe, expect, it } from 'vitest';
import { arenaHtml, votable, type ArenaRound, type Reveal } from '../src/views/arena.ts';
import { compareHtml } from '../src/views/compare.ts';
import { evidenceHtml, type Evidence } from '../src/views/evidence.ts';
import { choiceForKey } from '../src/webview/arena-keys.ts';
import { parseFromWebview } from '../src/webview/messages.ts';

const api = createCallerFactory(appRouter)(createContext());

const png = {
  src: 'data:image/png;base64,iVBORw0KGgo=',
  mediaType: 'image/png',
  width: 64,
  height: 64,
};

function round(over: Partial<ArenaRound> = {}): ArenaRound {
  return {
    prompt: 'a red <fox>',
    planText: 'GPT Image 2 via openai: $0.042\nFLUX.2 [pro] via bfl: $0.03',
    refused: 0,
    slots: [
      { position: 'A', generationId: 'gen_b', status: 'succeeded', media: png },
      { position: 'B', generationId: 'gen_a', status: 'succeeded', media: png },
    ],
    ...over,
  };
}

const reveal: Reveal = {
  voteId: 'vote_1',
  choice: 'B',
  reveal: [
    {
      position: 'A',
      generationId: 'gen_b',
      model: 'flux-2-pro',
      modelName: 'FLUX.2 [pro]',
      provider: 'bfl',
      costMicros: 30_000,
      latencyMs: 8_400,
      won: false,
    },
    {
      position: 'B',
      generationId: 'gen_a',
      model: 'gpt-image-2',
      modelName: 'GPT Image 2',
      provider: 'openai',
      costMicros: 42_000,
      latencyMs: 21_000,
      won: true,
    },
  ],
};

describe('blind round view', () => {
  it('shows the outputs under letters only, and the vote once every output is in', () => {
    const html = arenaHtml(round());
    const cards = html.slice(html.indexOf('<div class="cards">'));
    expect(cards).not.toMatch(/gpt-image|flux|GPT Image|openai|bfl/i);
    expect(cards.match(/data-testid="arena-slot"/g)).toHaveLength(2);
    expect(html).toContain('&lt;fox&gt;');
    expect(html).toContain('data-arena-votes="2"');
    for (const c of ['A', 'B', 'tie', 'both_bad'])
      expect(html).toContain(`data-action="vote" data-choice="${c}"`);
    expect(html).toContain('<kbd>4</kbd>');
  });

  it('holds the vote while an output is missing and says why when one failed', () => {
    const running = round({
      slots: [
        { position: 'A', generationId: 'gen_b', status: 'running', progress: '40%' },
        { position: 'B', generationId: 'gen_a', status: 'succeeded', media: png },
      ],
    });
    expect(votable(running)).toBe(false);
    expect(arenaHtml(running)).not.toContain('data-arena-votes');
    expect(arenaHtml(running)).toContain('40%');
    const failed = round({
      slots: [
        { position: 'A', generationId: 'gen_b', status: 'failed', error: 'content policy' },
        { position: 'B', generationId: 'gen_a', status: 'succeeded', media: png },
      ],
    });
    expect(arenaHtml(failed)).toMatch(/cannot be voted on/);
    expect(arenaHtml(failed)).toContain('content policy');
  });

  it('names the positions with three or four outputs (tie and all bad without keys)', () => {
    const html = arenaHtml(
      round({
        slots: ['A', 'B', 'C'].map((p, i) => ({
          position: p as 'A',
          generationId: `gen_${i}`,
          status: 'succeeded' as const,
          media: png,
        })),
      }),
    );
    expect(html).toContain('data-arena-votes="3"');
    expect(html).toContain('data-choice="C"');
    expect(html).not.toContain('<kbd>4</kbd>');
    expect(html).toContain('All bad');
  });

  it('reveals names, cost and latency after the vote and closes it', () => {
    const r = round({ reveal });
    expect(votable(r)).toBe(false);
    const html = arenaHtml(r);
    expect(html).not.toContain('data-arena-votes');
    expect(html).toContain('Your vote: <strong>B is better</strong>');
    expect(html).toContain('GPT Image 2</strong> ★');
    expect(html).toContain('FLUX.2 [pro]');
    expect(html).toContain('$0.042');
    expect(html).toContain('21 s');
    expect(html).toContain('8.4 s');
  });
});

describe('blind round keys and messages', () => {
  it('maps 1–4 to A, B, tie, both bad with two outputs, and to positions with more', () => {
    expect(['1', '2', '3', '4', '5'].map((k) => choiceForKey(k, 2))).toEqual([
      'A',
      'B',
      'tie',
      'both_bad',
      undefined,
    ]);
    expect(['1', '3', '4'].map((k) => choiceForKey(k, 3))).toEqual(['A', 'C', undefined]);
    expect(choiceForKey('a', 2)).toBeUndefined();
  });

  it('accepts a vote with a known choice only', () => {
    expect(parseFromWebview({ type: 'vote', choice: 'tie' })).toEqual({
      type: 'vote',
      choice: 'tie',
    });
    expect(parseFromWebview({ type: 'vote', choice: 'E' })).toBeUndefined();
    expect(parseFromWebview({ type: 'vote', choice: 'A', generations: ['x'] })).toBeUndefined();
  });
});

const evidence: Evidence = {
  voter: 'mine',
  useCase: 'product',
  empty: false,
  boardSize: 3,
  votes: 12,
  models: [
    {
      model: 'gpt-image-2',
      name: 'GPT Image 2',
      rating: {
        rating: 1061.4,
        lower: 1012.2,
        upper: 1120.9,
        rank: 1,
        votes: 12,
        wins: 8,
        preliminary: true,
      },
      measured: {
        finished: 10,
        failureRate: 0.1,
        p50Ms: 21_000,
        p95Ms: 30_000,
        kept: 4,
        spentMicros: 420_000,
        costPerKeptMicros: 105_000,
      },
      claimedLatency: [
        {
          minSeconds: 8,
          maxSeconds: 12,
          text: '8–12 s',
          source: { ref: 'seeds/models.md', asOf: '2026-11-23', kind: 'seed' },
        },
      ],
      claimedPrice: { micros: 42_000, per: 'image', label: '$0.042 / image' },
      latencyGap: 'claimed 8 s–12 s, measured p50 21 s',
    },
    {
      model: 'flux-2-pro',
      name: 'FLUX.2 <pro>',
      rating: null,
      measured: null,
      claimedLatency: [],
      claimedPrice: null,
      latencyGap: null,
    },
  ],
  headToHead: [
    { a: 'gpt-image-2', b: 'flux-2-pro', votes: 10, aWins: 6, bWins: 2, draws: 2, aWinRate: 0.7 },
  ],
  batches: [],
};

describe('your evidence', () => {
  it('shows the rating and interval, head to head and measured against claimed', () => {
    const html = evidenceHtml(evidence);
    expect(html).toContain('data-testid="your-evidence"');
    expect(html).toContain('1061 <span class="muted">(1012–1121) · #1 · 12 votes · preliminary');
    expect(html).toContain('claimed 8 s–12 s, measured p50 21 s');
    expect(html).toContain('10 %');
    expect(html).toContain('$0.105');
    expect(html).toContain('FLUX.2 &lt;pro&gt;');
    expect(html).toContain('no votes');
    expect(html).toContain('GPT Image 2 beat FLUX.2 &lt;pro&gt; 6–2 (2 draws): 70 % over 10 votes');
  });

  it('is one hint when there is none, and part of Compare when given', async () => {
    const empty = { ...evidence, empty: true, models: [], headToHead: [] } as Evidence;
    expect(evidenceHtml(empty)).toMatch(/data-testid="evidence-hint".*Blind Round/);
    const c = await api.compare.run({ ids: ['gpt-image-2', 'flux-2-pro'] });
    expect(compareHtml(c)).not.toContain('evidence');
    expect(compareHtml(c, evidence)).toContain('data-testid="your-evidence"');
  });
});
