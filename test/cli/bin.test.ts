import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '..', '..', 'cli', 'bin.js');

describe('the evolverec bin', () => {
  it('runs the TypeScript CLI from a plain checkout and exits 2 without a command', () => {
    // Prepare / Act
    const run = spawnSync(process.execPath, [bin], { encoding: 'utf8' });

    // Assess
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('evolverec: a command is required');
  });
});
