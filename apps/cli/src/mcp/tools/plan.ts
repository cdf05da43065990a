import { z } from 'zod';
import { planRun } from '../../run/plan.ts';
import { guarded } from '../errors.ts';
import { planOut, PlanOut, planText } from '../plan-output.ts';
import { RunInputShape, runRequest } from '../run-input.ts';
import { result, type ToolContext } from './shared.ts';

/** `plan_generation`: the studio's `generate.plan`, before anything is spent. */

export function registerPlanTool({ server, studio }: ToolContext): void {
  server.registerTool(
    'plan_generation',
    {
      title: 'Plan and estimate a run',
      description:
        "Plan one prompt through several models without spending anything: per model the route, the exact request (every priced setting explicit, with the defaults chosen), warnings for settings it cannot honour, refusals naming the field and the values allowed, and the cost as low / expected / high with each line's source. The same plan `generate` runs and the studio's budgets reserve.",
      inputSchema: RunInputShape,
      outputSchema: z.looseObject(PlanOut),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (input) =>
      guarded(async () => {
        const request = await runRequest(input);
        const plan = await studio.session((session) => planRun(session, request));
        return result(planText(plan), planOut(plan));
      }),
  );
}
