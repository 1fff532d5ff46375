import { describe, expect, it } from 'vitest';
import type { PreparedView } from '../../../../shared/src/core/dataset/index.js';
import { jobAgreement, judgeCases } from '../../../../shared/src/core/judging/index.js';

function judgeView(): PreparedView {
  return {
    name: 'hand-built',
    view: 'judge',
    catalog: { numItems: 9, items: [], popularity: new Uint32Array(10) },
    users: [
      { index: 0, train: [1, 2], valid: 3, test: 4, heldOut: true },
      { index: 1, train: [5], valid: 6, test: 7, heldOut: false },
      { index: 2, train: [8, 9], valid: null, test: null, heldOut: false },
      { index: 3, train: [2, 3], valid: 9, test: 1, heldOut: true },
    ],
  };
}

describe('judgeCases', () => {
  it('scores validation of record on the held-out users, and the tuning users apart', () => {
    // Act
    const { record, tuning } = judgeCases(judgeView(), 'val');

    // Assess
    expect(record).toEqual({
      histories: [
        [1, 2],
        [2, 3],
      ],
      targets: [3, 9],
    });
    expect(tuning).toEqual({ histories: [[5]], targets: [6] });
  });

  it('scores test on every user with a test item, the history ending with the validation item', () => {
    // Act
    const { record, tuning } = judgeCases(judgeView(), 'test');

    // Assess
    expect(record).toEqual({
      histories: [
        [1, 2, 3],
        [5, 6],
        [2, 3, 9],
      ],
      targets: [4, 7, 1],
    });
    expect(tuning).toBeUndefined();
  });
});

describe('jobAgreement', () => {
  it('agrees within the tolerance and disagrees past it', () => {
    expect(jobAgreement({ 'val_ndcg@10': 0.1 }, { 'val_ndcg@10': 0.102 })?.agrees).toBe(true);
    expect(jobAgreement({ 'val_ndcg@10': 0.1 }, { 'val_ndcg@10': 0.104 })?.agrees).toBe(false);
    expect(jobAgreement({ 'val_ndcg@10': 1 }, { 'val_ndcg@10': 0.1 })).toMatchObject({
      job: 1,
      judge: 0.1,
      agrees: false,
    });
  });

  it('says nothing when the job reported no validation figure', () => {
    expect(jobAgreement({}, { 'val_ndcg@10': 0.1 })).toBeUndefined();
  });
});
