import type { z } from 'zod';
import { AtelierError } from '../errors.ts';
import { describeIssues } from '../validate.ts';
import type { ProviderOptions } from './spec.ts';

/**
 * Reads this provider's namespace of `providerOptions` with its own strict schema. Other
 * namespaces belong to other providers (one request may fan out to several) and are left alone.
 */
export function parseProviderOptions<S extends z.ZodObject>(
  namespace: string,
  schema: S,
  options: ProviderOptions,
): z.output<S> {
  const result = schema.safeParse(options[namespace] ?? {});
  if (result.success) return result.data;
  const accepted = Object.keys(schema.shape);
  throw new AtelierError(
    'invalid_request',
    `Invalid providerOptions.${namespace}: ${describeIssues(result.error.issues)}`,
    {
      hint: `${namespace} takes ${accepted.length ? accepted.join(', ') : 'no options'} here.`,
      details: { namespace, accepted },
    },
  );
}
