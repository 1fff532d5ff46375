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

  it('builds a run without budget flags when none are given, leaving the sandbox required', () => {
    // Prepare / Act
    const args = runArgs({ program: '/p', data: '/d', out: '/o' });

    // Assess
    expect(args).toEqual(['run', '--program', '/p', '--data', '/d', '--out', '/o']);
  });

  it('passes every budget flag given, and lets an unsandboxed run through only when allowed', () => {
    // Prepare / Act
    const args = runArgs({
      program: '/p',
      data: '/d',
      out: '/o',
      maxEpochs: 3,
      patience: 4,
      evalEvery: 2,
      timeLimitSeconds: 90.5,
      allowUnsandboxed: true,
    });

    // Assess
    expect(args.slice(7)).toEqual([
      ...['--max-epochs', '3', '--patience', '4', '--eval-every', '2'],
      ...['--time-limit', '90.5', '--sandbox', 'if-available'],
    ]);
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
