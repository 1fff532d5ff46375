import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../../../shared/src/core/llm/index.js';
import {
  checkBudget,
  ledgerTotals,
  runBudgetSchema,
} from '../../../../shared/src/core/llm/index.js';

const at = '2026-03-01T12:00:00.000Z';
const spent = (...usd: number[]) =>
  ledgerTotals(usd.map((value): LedgerEntry => ({ kind: 'llm', usd: value, at })));

const early = { iterationsDone: 3, elapsedSeconds: 60 };

describe('checkBudget', () => {
  it('lets the run go on while every limit has room', () => {
    // Prepare / Act
    const check = checkBudget(
      spent(0.5),
      { usd: 1, iterations: 10, wallSeconds: 3_600 },
      { ...early, nextCallEstimateUsd: 0.1 }
    );

    // Assess
    expect(check).toEqual({ ok: true });
  });

  it('lets a run without limits go on', () => {
    // Prepare / Act / Assess
    expect(checkBudget(spent(100), {}, { iterationsDone: 1e6, elapsedSeconds: 1e6 })).toEqual({
      ok: true,
    });
  });

  it('stops on USD once the spend reaches the budget', () => {
    // Prepare / Act
    const check = checkBudget(spent(0.6, 0.4), { usd: 1 }, early);

    // Assess
    expect(check).toEqual({
      ok: false,
      exhausted: 'usd',
      message: 'USD budget exhausted: spent $1.0000 of $1.0000',
    });
  });

  it('stops on USD when the next call’s estimate does not fit in what is left', () => {
    // Prepare / Act
    const check = checkBudget(spent(0.95), { usd: 1 }, { ...early, nextCallEstimateUsd: 0.08 });

    // Assess
    expect(check).toEqual({
      ok: false,
      exhausted: 'usd',
      message:
        'USD budget exhausted: spent $0.9500 of $1.0000 and the next call is estimated at $0.0800',
    });
  });

  it('stops on iterations once the last one is done', () => {
    // Prepare / Act
    const check = checkBudget(spent(), { iterations: 3 }, early);

    // Assess
    expect(check).toEqual({
      ok: false,
      exhausted: 'iterations',
      message: 'iteration budget exhausted: 3 of 3 done',
    });
  });

  it('stops on wall time once it has elapsed', () => {
    // Prepare / Act
    const check = checkBudget(spent(), { wallSeconds: 60 }, early);

    // Assess
    expect(check).toEqual({
      ok: false,
      exhausted: 'wall',
      message: 'wall-time budget exhausted: 60 s of 60 s elapsed',
    });
  });
});

describe('runBudgetSchema', () => {
  it.each([
    [{ usd: 0 }, 'usd'],
    [{ iterations: 2.5 }, 'iterations'],
    [{ wallSeconds: -1 }, 'wallSeconds'],
    [{ dollars: 5 }, ''],
  ])('rejects %j, naming the field', (value, field) => {
    // Prepare / Act
    const parsed = runBudgetSchema.safeParse(value);

    // Assess
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path.join('.')).toBe(field);
  });
});
