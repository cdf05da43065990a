import { describe, expect, it } from 'vitest';
import { FaultQueue, HTTP_FAULTS } from './faults.ts';
import type { RecordedRequest } from './http/types.ts';
import { JobClock, LatencyPlan } from './latency.ts';

const request = (path: string, model?: string): RecordedRequest => ({
  seq: 1,
  time: 0,
  method: 'POST',
  path,
  query: {},
  headers: {},
  bodyBytes: 0,
  ...(model ? { model } : {}),
});
const all = () => true;

describe('FaultQueue', () => {
  it('applies faults in order, each for its number of times', () => {
    const queue = new FaultQueue((k) => HTTP_FAULTS.has(k), 'test');
    const first = queue.add(500, { times: 2 });
    queue.add(503);
    const kinds = Array.from({ length: 4 }, () => queue.take(request('/x'), all)?.kind);
    expect(kinds).toEqual([500, 500, 503, undefined]);
    expect([first.hits, first.remaining]).toEqual([2, 0]);
  });

  it('matches by model, path substring, RegExp or function', () => {
    const queue = new FaultQueue(() => true, 'test');
    queue.add(429, { match: 'gpt-image-2' });
    queue.add(500, { match: /\/status$/ });
    queue.add(503, { match: (r) => r.method === 'POST' && r.path === '/exact' });
    expect(queue.take(request('/a', 'gpt-image-1.5'), all)).toBeUndefined();
    expect(queue.take(request('/a', 'gpt-image-2'), all)?.kind).toBe(429);
    expect(queue.take(request('/job/status'), all)?.kind).toBe(500);
    expect(queue.take(request('/exact'), all)?.kind).toBe(503);
  });

  it('skips faults the request cannot take, and keeps them for later', () => {
    const queue = new FaultQueue(() => true, 'test');
    queue.add('safety');
    queue.add(500);
    expect(queue.take(request('/poll'), (k) => k !== 'safety')?.kind).toBe(500);
    expect(queue.take(request('/generate'), all)?.kind).toBe('safety');
  });

  it('supports unlimited faults, cancellation and Retry-After defaults', () => {
    const queue = new FaultQueue(() => true, 'test');
    const forever = queue.add(429, { times: Infinity });
    for (let i = 0; i < 5; i++)
      expect(queue.take(request('/x'), all)).toMatchObject({ kind: 429, retryAfterSeconds: 1 });
    forever.cancel();
    expect(queue.take(request('/x'), all)).toBeUndefined();
    queue.add(503, { retryAfterSeconds: 9 });
    expect(queue.take(request('/x'), all)).toMatchObject({ kind: 503, retryAfterSeconds: 9 });
  });

  it('refuses unknown faults, bad options and faults the emulator cannot apply', () => {
    const queue = new FaultQueue((k) => HTTP_FAULTS.has(k), 'openai');
    expect(() => queue.add(418 as never)).toThrow(/Unknown fault 418/);
    expect(() => queue.add('expired-url')).toThrow(/openai emulator cannot apply/);
    expect(() => queue.add(500, { times: 0 })).toThrow(/times/);
  });
});

describe('latency', () => {
  const base = { requestMs: 0, queuedPolls: 1, runningPolls: 1, queuedMs: 0, runningMs: 0 };

  it('moves a job through queued, running and completed by polls', () => {
    const clock = new JobClock({ ...base, queuedPolls: 2 });
    expect([clock.poll(), clock.queuePosition()]).toEqual(['queued', 1]);
    expect([clock.poll(), clock.queuePosition()]).toEqual(['queued', 0]);
    expect(clock.poll()).toBe('running');
    expect(clock.poll()).toBe('completed');
  });

  it('waits for time as well as polls', () => {
    const clock = new JobClock({ ...base, queuedPolls: 0, runningPolls: 0, runningMs: 60_000 });
    expect(clock.poll()).toBe('running');
    expect(clock.phase(clock.createdAt + 60_001)).toBe('completed');
  });

  it('takes per-request overrides in order, then falls back to the default', () => {
    const plan = new LatencyPlan(base, 5);
    plan.set({ requestMs: 100 }, { match: 'slow', times: 1 });
    expect(plan.resolve(request('/fast')).requestMs).toBe(5);
    expect(plan.resolve(request('/slow')).requestMs).toBe(100);
    expect(plan.resolve(request('/slow')).requestMs).toBe(5);
    plan.set(50);
    expect(plan.resolve(request('/x')).requestMs).toBe(50);
    plan.reset();
    expect(plan.resolve(request('/x')).requestMs).toBe(5);
    expect(() => plan.set({ requestMs: -1 })).toThrow(/requestMs/);
    expect(() => plan.set({ bogus: 1 } as never)).toThrow();
  });
});
