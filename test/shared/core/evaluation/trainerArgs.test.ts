import { describe, expect, it } from 'vitest';
import { dataGetArgs, prepareArgs, runArgs } from '../../../../shared/src/core/evaluation/index.js';

describe('trainer argument builders', () => {
  it('builds the prepare command for a cached view directory', () => {
    // Prepare / Act
    const args = prepareArgs({
      dataset: 'ml-1m',
      dataDir: '/data',
      out: '/c/ml-1m/candidate',
      view: 'candidate',
    });

    // Assess
    expect(args).toEqual([
      'prepare',
      ...['--dataset', 'ml-1m', '--data-dir', '/data', '--out', '/c/ml-1m/candidate'],
      ...['--view', 'candidate'],
    ]);
  });

  it('builds a candidate run without the test flag or limits when none are given', () => {
    // Prepare / Act
    const args = runArgs({ program: '/p', data: '/d', out: '/o', evaluateTest: false });

    // Assess
    expect(args).toEqual(['run', '--program', '/p', '--data', '/d', '--out', '/o']);
  });

  it('adds the test flag and limits when a final run asks for them', () => {
    // Prepare / Act
    const args = runArgs({
      program: '/p',
      data: '/d',
      out: '/o',
      evaluateTest: true,
      maxEpochs: 3,
      timeLimitSeconds: 90.5,
    });

    // Assess
    expect(args.slice(7)).toEqual(['--evaluate-test', '--max-epochs', '3', '--time-limit', '90.5']);
  });

  it('forwards the mirror to data get only when one is given', () => {
    // Prepare / Act
    const plain = dataGetArgs({ name: 'ml-100k', dataDir: '/data' });
    const mirrored = dataGetArgs({
      name: 'ml-1m',
      dataDir: '/data',
      mirror: 'http://127.0.0.1:8000',
    });

    // Assess
    expect(plain).toEqual(['data', 'get', 'ml-100k', '--data-dir', '/data']);
    expect(mirrored.slice(-2)).toEqual(['--mirror', 'http://127.0.0.1:8000']);
  });
});
