export type {
  DiagnosisPart,
  FeedbackParts,
  FeedbackStatus,
  ProbesPart,
  SimulatorPart,
} from './assembleFeedback.js';
export { assembleFeedback, FEEDBACK_MAX_CHARS } from './assembleFeedback.js';
