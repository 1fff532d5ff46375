import { describe, expect, it } from 'vitest';
import { decideAdmission } from '../../../../shared/src/core/admission/index.js';
import { queuedRun } from '../../../helpers/runRecords.js';

const limits = { maxConcurrentRuns: 2, maxRunUsd: 10 };

describe('decideAdmission', () => {
  it('admits a run within its budget limit while the team has room', () => {
    // Act
    const decision = decideAdmission({ run: queuedRun('r1'), runningRuns: 1, limits });

    // Assert
    expect(decision).toEqual({ kind: 'admit' });
  });

  it('makes a run wait while the team is at its concurrency limit', () => {
    // Act
    const decision = decideAdmission({ run: queuedRun('r1'), runningRuns: 2, limits });

    // Assert
    expect(decision).toEqual({ kind: 'wait', reason: 'team recsys has 2 of 2 runs running' });
  });

  it('rejects a run without a USD budget, since it could spend without bound', () => {
    // Arrange
    const run = queuedRun('r1', {}, { strategy: 'nas', dataset: 'ml-100k' });

    // Act
    const decision = decideAdmission({ run, runningRuns: 0, limits });

    // Assert
    expect(decision).toMatchObject({ kind: 'reject' });
    expect(decision.kind === 'reject' && decision.reason).toContain('config.budget.usd is missing');
  });

  it('rejects a budget above the limit even when the team is full, as waiting cannot help', () => {
    // Arrange
    const run = queuedRun('r1', {}, { strategy: 'nas', dataset: 'ml-100k', budget: { usd: 25 } });

    // Act
    const decision = decideAdmission({ run, runningRuns: 2, limits });

    // Assert
    expect(decision).toEqual({
      kind: 'reject',
      reason: "config.budget.usd $25 is above team recsys's limit of $10 per run",
    });
  });

  it('admits a budget exactly at the limit', () => {
    // Arrange
    const run = queuedRun('r1', {}, { strategy: 'nas', dataset: 'ml-100k', budget: { usd: 10 } });

    // Act
    const decision = decideAdmission({ run, runningRuns: 0, limits });

    // Assert
    expect(decision).toEqual({ kind: 'admit' });
  });
});
