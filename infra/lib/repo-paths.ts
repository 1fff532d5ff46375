import { join } from 'node:path';

/** The checkout the stack is built from (infra/lib → two levels up). */
const repoRoot = join(import.meta.dirname, '..', '..');

export { repoRoot };
