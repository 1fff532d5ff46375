import { withInvocationDeadline } from '../adapters/invocationDeadline.js';
import type { StateMachineStepName, StepServices } from '../engine/index.js';
import { STATE_MACHINE_STEPS } from '../engine/index.js';
import { meterStepUsage } from '../middleware/meterStepUsage.js';
import { powertoolsFor } from './powertools.js';
import { withLambdaShell } from './withLambdaShell.js';

/** Time kept back from the function's limit to store what the step did after its last call. */
const STORE_MARGIN_MS = 15_000;

/**
 * The handler of one Lambda state: the shared shell, the step's strict schema over the event (a
 * definition and its handlers cannot drift apart silently), the step on the services with its
 * deadline (the function's time left less a margin, which the LLM clients cut their attempts
 * to), and each invocation metered into the run's costs. AWS functions pass services built from
 * their environment; the local runner passes its own.
 */
function lambdaStep(name: StateMachineStepName, services: () => Promise<StepServices>) {
  const step = STATE_MACHINE_STEPS[name];
  const { logger } = powertoolsFor(step.functionName);
  return withLambdaShell(step.functionName, async (event: unknown, context) => {
    const deadline = Date.now() + context.getRemainingTimeInMillis() - STORE_MARGIN_MS;
    return withInvocationDeadline(deadline, async () =>
      step.run(step.schema.parse(event), await services())
    );
  }).use(
    meterStepUsage({
      state: name,
      record: async (usage) => (await services()).store.recordStepUsage(usage),
      warn: (message, error) => logger.warn(message, { error }),
    })
  );
}

export { lambdaStep };
