import { cloudStepServices } from '../../shared/src/lambda/cloudStepServices.js';
import { lambdaStep } from '../../shared/src/lambda/stepHandler.js';

/** The state machine's `Record` state (shared/src/engine/steps). */
export const handler = lambdaStep('Record', cloudStepServices);
