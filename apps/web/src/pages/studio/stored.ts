import { isInputRole, type GivenInput } from '../../lib/input-roles.ts';
import type { ModelDraft, SharedDraft } from './params.ts';
import type { Run } from './run-results.tsx';

/** Checks for what the studio reads back from sessionStorage, which may be stale or edited. */

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const isString = (v: unknown): v is string => typeof v === 'string';

export function isDrafts(v: unknown): v is Record<string, ModelDraft> {
  return (
    isObject(v) &&
    Object.values(v).every(
      (d) => isObject(d) && Object.values(d).every((x) => typeof x === 'string'),
    )
  );
}

export function isShared(v: unknown): v is SharedDraft {
  return isObject(v) && typeof v.seed === 'string' && typeof v.negativePrompt === 'string';
}

export function isRuns(v: unknown): v is Run[] {
  return (
    Array.isArray(v) &&
    v.every(
      (r) =>
        isObject(r) &&
        typeof r.batchId === 'string' &&
        typeof r.prompt === 'string' &&
        typeof r.at === 'string' &&
        Array.isArray(r.refused),
    )
  );
}

/** The images given to the run (uploaded, handed on, or carried from History). */
export function isGivenInputs(v: unknown): v is GivenInput[] {
  return (
    Array.isArray(v) &&
    v.every(
      (i) =>
        isObject(i) &&
        isInputRole(i.role) &&
        typeof i.sha256 === 'string' &&
        /^[0-9a-f]{64}$/.test(i.sha256) &&
        typeof i.url === 'string' &&
        typeof i.name === 'string' &&
        (i.width === undefined || typeof i.width === 'number') &&
        (i.height === undefined || typeof i.height === 'number'),
    )
  );
}
