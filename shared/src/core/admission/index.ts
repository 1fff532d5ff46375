export type { AdmissionDecision, AdmissionLimits } from './decideAdmission.js';
export { decideAdmission } from './decideAdmission.js';
