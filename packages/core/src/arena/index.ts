export * from './bradley-terry.ts';
export * from './outcomes.ts';
export * from './bootstrap.ts';
export { mulberry32 } from './random.ts';
