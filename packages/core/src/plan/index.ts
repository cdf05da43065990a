export { planGeneration, refusalOf, type PlanContext } from './plan.ts';
export { promptSettings } from './prompt-settings.ts';
export * from './request.ts';
