export type { JudgeRequest } from './judgeRequest.js';
export type { ObjectJudgeOptions } from './objectJudge.js';
export { createObjectJudge } from './objectJudge.js';
export type { JudgeLimits, ProcessJudge } from './processJudge.js';
export { runJudgeProcess } from './processJudge.js';
