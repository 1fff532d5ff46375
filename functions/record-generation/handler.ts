import { cloudStepServices } from '../../shared/src/lambda/cloudStepServices.js';
import { lambdaStep } from '../../shared/src/lambda/stepHandler.js';

/** The state machine's `RecordGeneration` state (shared/src/engine/steps). */
export const handler = lambdaStep('RecordGeneration', cloudStepServices);
