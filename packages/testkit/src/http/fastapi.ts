import type { z } from 'zod';

/**
 * One entry of a FastAPI 422 `{ detail: [...] }`, as pydantic v2 words it. BFL and fal both
 * answer validation errors this way.
 */
export interface FieldError {
  type: string;
  loc: (string | number)[];
  msg: string;
  input?: unknown;
  ctx?: Record<string, unknown>;
  url?: string;
}

const valueAt = (input: unknown, path: readonly PropertyKey[]) =>
  path.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k], input);

const quoteList = (values: readonly unknown[]) => {
  const quoted = values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v)));
  return quoted.length > 1
    ? `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`
    : (quoted[0] ?? '');
};

const TYPE_NAMES: Record<string, [string, string]> = {
  string: ['string_type', 'Input should be a valid string'],
  number: ['float_type', 'Input should be a valid number'],
  int: ['int_type', 'Input should be a valid integer'],
  boolean: ['bool_type', 'Input should be a valid boolean'],
  array: ['list_type', 'Input should be a valid list'],
  object: ['dict_type', 'Input should be a valid dictionary'],
};

/** zod issues → pydantic v2 errors (`less_than_equal`, `enum`, `multiple_of`, `missing`…). */
export function fastapiErrors(error: z.ZodError, input: unknown): FieldError[] {
  return error.issues.map((issue): FieldError => {
    const loc = ['body', ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    const value = valueAt(input, issue.path);
    const at = { loc, ...(value !== undefined ? { input: value } : {}) };
    switch (issue.code) {
      case 'invalid_type': {
        if (value === undefined) return { type: 'missing', ...at, msg: 'Field required', input };
        const [type, msg] = TYPE_NAMES[issue.expected === 'int' ? 'int' : issue.expected] ?? [
          'type_error',
          `Input should be a valid ${issue.expected}`,
        ];
        return { type, ...at, msg };
      }
      case 'too_big':
        return issue.origin === 'string'
          ? {
              type: 'string_too_long',
              ...at,
              msg: `String should have at most ${String(issue.maximum)} characters`,
              ctx: { max_length: issue.maximum },
            }
          : {
              type: issue.inclusive === false ? 'less_than' : 'less_than_equal',
              ...at,
              msg: `Input should be less than${issue.inclusive === false ? '' : ' or equal to'} ${String(issue.maximum)}`,
              ctx: { [issue.inclusive === false ? 'lt' : 'le']: issue.maximum },
            };
      case 'too_small':
        return issue.origin === 'string'
          ? {
              type: 'string_too_short',
              ...at,
              msg: `String should have at least ${String(issue.minimum)} character${Number(issue.minimum) === 1 ? '' : 's'}`,
              ctx: { min_length: issue.minimum },
            }
          : {
              type: issue.inclusive === false ? 'greater_than' : 'greater_than_equal',
              ...at,
              msg: `Input should be greater than${issue.inclusive === false ? '' : ' or equal to'} ${String(issue.minimum)}`,
              ctx: { [issue.inclusive === false ? 'gt' : 'ge']: issue.minimum },
            };
      case 'not_multiple_of':
        return {
          type: 'multiple_of',
          ...at,
          msg: `Input should be a multiple of ${String(issue.divisor)}`,
          ctx: { multiple_of: issue.divisor },
        };
      case 'invalid_value':
        return {
          type: issue.values.every((v) => typeof v === 'string') ? 'enum' : 'literal_error',
          ...at,
          msg: `Input should be ${quoteList(issue.values)}`,
          ctx: { expected: quoteList(issue.values) },
        };
      default:
        return { type: 'value_error', ...at, msg: `Value error, ${issue.message}` };
    }
  });
}

/**
 * A value outside an enum or literal set. Like pydantic in lax mode, a numeric enum also takes
 * the number written as a string; a string enum never takes a number.
 */
export function enumError(
  field: string,
  value: unknown,
  values: readonly (string | number)[],
): FieldError | undefined {
  const ok = values.some((v) =>
    typeof v === 'number'
      ? value === v || (typeof value === 'string' && value.trim() !== '' && Number(value) === v)
      : value === v,
  );
  if (ok) return undefined;
  const expected = quoteList(values);
  return {
    type: values.every((v) => typeof v === 'string') ? 'enum' : 'literal_error',
    loc: ['body', field],
    msg: `Input should be ${expected}`,
    input: value,
    ctx: { expected },
  };
}

/** A custom validator's refusal, worded as pydantic words a raised ValueError. */
export function valueError(field: string, message: string, input?: unknown): FieldError {
  return {
    type: 'value_error',
    loc: ['body', field],
    msg: `Value error, ${message}`,
    ...(input !== undefined ? { input } : {}),
  };
}

/** Keys of a request body the model does not declare: FastAPI ignores them without a word. */
export function unknownKeys(body: object, known: ReadonlySet<string>): string[] {
  return Object.keys(body).filter((key) => !known.has(key));
}
