import type { StateMachineStepName, StepServices } from '../engine/index.js';
import { STATE_MACHINE_STEPS } from '../engine/index.js';
import { meterStepUsage } from '../middleware/meterStepUsage.js';
import { powertoolsFor } from './powertools.js';
import { withLambdaShell } from './withLambdaShell.js';

/**
 * The handler of one Lambda state: the shared shell, the step's strict schema over the event (a
 * definition and its handlers cannot drift apart silently), the step on the services, and each
 * invocation metered into the run's costs. AWS functions pass services built from their
 * environment; the local runner passes its own.
 */
function lambdaStep(name: StateMachineStepName, services: () => Promise<StepServices>) {
  const step = STATE_MACHINE_STEPS[name];
  const { logger } = powertoolsFor(step.functionName);
  return withLambdaShell(step.functionName, async (event: unknown) =>
    step.run(step.schema.parse(event), await services())
  ).use(
    meterStepUsage({
      state: name,
      record: async (usage) => (await services()).store.recordStepUsage(usage),
      warn: (message, error) => logger.warn(message, { error }),
    })
  );
}

export { lambdaStep };
