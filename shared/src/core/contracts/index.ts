// jsonSchemas.ts is imported by path (the schema script and its test): it reads every contract,
// so exporting it here would tie each module that parses a contract to all the others.
export { parseContract, parseJsonContract } from './parseContract.js';
