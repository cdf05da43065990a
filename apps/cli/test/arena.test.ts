import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonError } from './cli.ts';
import { startSandbox, type Sandbox } from './emulated.ts';

/** `atelier arena` and `atelier leaderboard` against the emulators, in the embedded studio. */

let box: Sandbox;
beforeAll(async () => {
  box = await startSandbox();
});
afterAll(() => box.close());

interface Round {
  voteId: string;
  choice: string;
  files: { position: string; path: string }[];
  reveal: {
    position: string;
    model: string;
    won: boolean;
    costMicros: number;
    latencyMs: number;
  }[];
}
interface Board {
  votes: number;
  standings: {
    model: string;
    rank: number;
    votes: number;
    wins: number;
    preliminary: boolean;
    lower: number;
    upper: number;
  }[];
}

describe('atelier arena', () => {
  it('runs a blind round, takes the vote from --vote, reveals names, cost and latency; the board counts it', async () => {
    const run = await box.run([
      'arena',
      'a copper kettle on a windowsill',
      '-m',
      'gpt-image-2',
      '-m',
      'flux-2-pro',
      '--vote',
      '2',
      '--json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const round = JSON.parse(run.stdout) as Round;
    expect(round.choice).toBe('B');
    expect(round.reveal.map((r) => r.model).sort()).toEqual(['flux-2-pro', 'gpt-image-2']);
    expect(round.reveal.find((r) => r.won)?.position).toBe('B');
    for (const f of round.files) {
      expect(existsSync(f.path)).toBe(true);
      expect(f.path).not.toMatch(/gpt|flux/);
    }
    for (const r of round.reveal) expect(r.costMicros).toBeGreaterThan(0);

    const board = await box.run(['leaderboard', '--json']);
    expect(board.code).toBe(0);
    const parsed = JSON.parse(board.stdout) as Board;
    expect(parsed.votes).toBe(1);
    expect(parsed.standings[0]).toMatchObject({ rank: 1, wins: 1, preliminary: true });
    expect(parsed.standings[0]?.model).toBe(round.reveal.find((r) => r.won)?.model);
  });

  it('refuses a vote for a position that is not shown, and a round with no way to vote, before spending (exit 2)', async () => {
    const three = await box.run([
      'arena',
      'a fox',
      '-m',
      'gpt-image-2',
      '-m',
      'flux-2-pro',
      '--vote',
      '3',
      '--json',
    ]);
    expect(three.code).toBe(2);
    expect(jsonError(three).message).toMatch(
      /--vote: 3 names position C, but only 2 outputs were shown/,
    );
    const none = await box.run([
      'arena',
      'a fox',
      '-m',
      'gpt-image-2',
      '-m',
      'flux-2-pro',
      '--json',
    ]);
    expect(none.code).toBe(2);
    expect(jsonError(none).message).toMatch(/--vote is needed/);
  });

  it('runs a video round on named video models (inferred), writes the clips by position, reveals cost and latency', async () => {
    const run = await box.run([
      'arena',
      'a paper boat drifting down a rainy street',
      '-m',
      'veo-3-1-fast',
      '-m',
      'kling-v3',
      '--vote',
      'tie',
      '--yes',
      '--json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const round = JSON.parse(run.stdout) as Round & { kind: string };
    expect(round.kind).toBe('video');
    expect(round.choice).toBe('tie');
    expect(round.reveal.map((r) => r.model).sort()).toEqual(['kling-v3', 'veo-3-1-fast']);
    for (const f of round.files) {
      expect(f.path).toMatch(/round-[a-z0-9]+-[AB]\.mp4$/);
      expect(existsSync(f.path)).toBe(true);
    }
    for (const r of round.reveal) {
      expect(r.costMicros).toBeGreaterThan(0);
      expect(r.latencyMs).toBeGreaterThanOrEqual(0);
    }
  });

  it('gives every model the round settings (--seconds), and refuses a setting of the other kind (exit 2)', async () => {
    const run = await box.run([
      'arena',
      'a kite over a windy beach',
      '-m',
      'veo-3-1-fast',
      '-m',
      'kling-v3',
      '--seconds',
      '6',
      '--vote',
      '1',
      '--yes',
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const round = JSON.parse(run.stdout) as Round;
    // Veo 3.1 Fast bills by the second: 6 s is 0.6 of the 8 s default's $0.80.
    expect(round.reveal.find((r) => r.model === 'veo-3-1-fast')?.costMicros).toBe(600_000);

    const wrong = await box.run([
      'arena',
      'a fox',
      '-m',
      'gpt-image-2',
      '-m',
      'flux-2-pro',
      '--seconds',
      '4',
      '--vote',
      '1',
      '--json',
    ]);
    expect(wrong.code).toBe(2);
    expect(jsonError(wrong).message).toMatch(/--seconds: for video rounds only/);
  });

  it('samples a video round with --modality video', async () => {
    const run = await box.run([
      'arena',
      'a lighthouse beam sweeping through fog',
      '--modality',
      'video',
      '--max-cost',
      '20',
      '--vote',
      '1',
      '--json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const round = JSON.parse(run.stdout) as Round & { kind: string };
    expect(round.kind).toBe('video');
    expect(round.files).toHaveLength(2);
    for (const f of round.files) expect(f.path).toMatch(/\.mp4$/);
    const board = await box.run(['leaderboard', '--modality', 'video', '--json']);
    expect(board.code).toBe(0);
    const models = (JSON.parse(board.stdout) as Board).standings.map((s) => s.model);
    for (const r of round.reveal) expect(models).toContain(r.model);
    // Only video models: the image round's models are not on the video board.
    expect(models).not.toContain('gpt-image-2');
    expect(models).not.toContain('flux-2-pro');
  });
});
