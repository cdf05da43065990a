export * from './money.ts';
export * from './errors.ts';
export * from './validate.ts';
export * from './catalog/index.ts';
export * from './pricing/index.ts';
export * from './providers/index.ts';
export * from './prompt/index.ts';
export * from './compare/index.ts';
