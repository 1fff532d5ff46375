export type { QuickJsSandboxLimits } from './quickJsSandbox.js';
export { createQuickJsProbeSandbox } from './quickJsSandbox.js';
