import { cloudStepServices } from '../../shared/src/lambda/cloudStepServices.js';
import { lambdaStep } from '../../shared/src/lambda/stepHandler.js';

/**
 * The trusted judge: the state machine's `Judge` and `FinalEvaluation` states, one payload
 * schema told apart by its split (shared/src/engine/steps/judge.ts).
 */
export const handler = lambdaStep('Judge', cloudStepServices);
