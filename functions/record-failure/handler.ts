import { cloudStepServices } from '../../shared/src/lambda/cloudStepServices.js';
import { lambdaStep } from '../../shared/src/lambda/stepHandler.js';

/** The state machine's `RecordFailure` state (shared/src/engine/steps). */
export const handler = lambdaStep('RecordFailure', cloudStepServices);
