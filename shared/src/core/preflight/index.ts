export { budgetProblem, leastCandidateUsd, llmUsesOf } from './runPreflight.js';
