export * from './contracts/index.js';
export * from './evaluation/index.js';
export * from './ranking/index.js';
