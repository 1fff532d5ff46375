import { randomBytes } from 'node:crypto';

/**
 * `20261126-043912-9f3a1c2e`: sorts by creation time (UTC), and is unique without asking anyone.
 * Fits runIdSchema, so it can name the run's keys and its Step Functions execution.
 */
function newRunId(now: Date = new Date()): string {
  const stamp = now.toISOString().slice(0, 19).replaceAll(/[-:]/g, '').replace('T', '-');
  return `${stamp}-${randomBytes(4).toString('hex')}`;
}

export { newRunId };
