import { describe, expect, it } from 'vitest';
import { newRunId } from '../../../../shared/src/api/index.js';
import {
  currentExecutionArn,
  executionNameOf,
  runIdSchema,
} from '../../../../shared/src/core/runs/index.js';
import { queuedRun } from '../../../helpers/runRecords.js';

const MACHINE_EXECUTIONS = 'arn:aws:states:eu-west-1:123456789012:execution:evolverec';

describe('executionNameOf', () => {
  it('names the first execution after the run and each resumed one after its resume', () => {
    expect(executionNameOf({ runId: 'r1' })).toBe('r1');
    expect(executionNameOf({ runId: 'r1', resumes: 3 })).toBe('r1-resume-3');
  });

  it("fits an execution name's 80 characters for any id the API makes", () => {
    const name = executionNameOf({ runId: newRunId(), resumes: 999_999 });
    expect(name.length).toBeLessThanOrEqual(80);
    expect(runIdSchema.safeParse(name).success).toBe(true);
  });
});

describe('currentExecutionArn', () => {
  it("is the run's execution when it is its latest admission's", () => {
    const first = queuedRun('r1', { executionArn: `${MACHINE_EXECUTIONS}:r1` });
    const resumed = queuedRun('r1', {
      resumes: 2,
      executionArn: `${MACHINE_EXECUTIONS}:r1-resume-2`,
    });
    expect(currentExecutionArn(first)).toBe(`${MACHINE_EXECUTIONS}:r1`);
    expect(currentExecutionArn(resumed)).toBe(`${MACHINE_EXECUTIONS}:r1-resume-2`);
  });

  it('is undefined before any is recorded, and when only an earlier one is', () => {
    expect(currentExecutionArn(queuedRun('r1'))).toBeUndefined();
    expect(
      currentExecutionArn(
        queuedRun('r1', { resumes: 2, executionArn: `${MACHINE_EXECUTIONS}:r1-resume-1` })
      )
    ).toBeUndefined();
    expect(
      currentExecutionArn(queuedRun('r1', { executionArn: `${MACHINE_EXECUTIONS}:xr1` }))
    ).toBeUndefined();
  });
});
