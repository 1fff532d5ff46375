export { renderJsonSchemas } from './jsonSchemas.js';
export { parseContract, parseJsonContract } from './parseContract.js';
