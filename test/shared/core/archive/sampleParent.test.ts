import { describe, expect, it } from 'vitest';
import type {
  ArchiveConfigInput,
  ArchiveEntry,
  ArchiveState,
  SamplingMode,
} from '../../../../shared/src/core/archive/index.js';
import {
  createArchive,
  insertProgram,
  sampleParent,
} from '../../../../shared/src/core/archive/index.js';
import { createRng } from '../../../../shared/src/core/random/index.js';
import { entry } from './entries.js';

const insertAll = (archive: ArchiveState, entries: readonly ArchiveEntry[]) =>
  entries.reduce((current, next) => insertProgram(current, next).archive, archive);

/**
 * Island 0 holds five programs over two cells of `x` (fixed range, x < 0.5 is cell [0]);
 * with an elite list of two, `top` and `second` are the elites, and cell [1] is `loner`'s.
 */
const islandOf = (sampling: ArchiveConfigInput['sampling']) =>
  insertAll(
    createArchive({
      islands: 2,
      eliteSize: 2,
      sampling,
      dimensions: [{ name: 'x', bins: 2, range: [0, 1] }],
    }),
    [
      entry('top', { fitness: 0.5, features: { x: 0.1 } }),
      entry('second', { fitness: 0.4, features: { x: 0.2 } }),
      entry('third', { fitness: 0.3, features: { x: 0.3 } }),
      entry('fourth', { fitness: 0.2, features: { x: 0.4 } }),
      entry('loner', { fitness: 0.1, features: { x: 0.9 } }),
    ]
  );

const sampleMany = (archive: ArchiveState, island: number, count: number, seed = 'parents') => {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => sampleParent(archive, island, rng));
};

describe('sampleParent', () => {
  it('exploits by drawing from the elites that live on the island', () => {
    // Prepare
    const archive = islandOf({ explore: 0, exploit: 1, random: 0 });

    // Act
    const samples = sampleMany(archive, 0, 200);

    // Assess
    expect(new Set(samples.map((sample) => sample.mode))).toEqual(new Set(['exploit']));
    expect(new Set(samples.map((sample) => sample.parent.programId))).toEqual(
      new Set(['top', 'second'])
    );
  });

  it('exploits the island’s best when no elite lives there', () => {
    // Prepare: island 1 gets two weak programs; the elites stay on island 0
    const archive = insertAll(islandOf({ explore: 0, exploit: 1, random: 0 }), [
      entry('weak', { island: 1, fitness: 0.01, features: { x: 0.1 } }),
      entry('weaker', { island: 1, fitness: 0.001, features: { x: 0.9 } }),
    ]);

    // Act
    const samples = sampleMany(archive, 1, 50);

    // Assess
    expect(new Set(samples.map((sample) => sample.parent.programId))).toEqual(new Set(['weak']));
  });

  it('explores by drawing cell champions, each occupied cell alike', () => {
    // Prepare
    const archive = islandOf({ explore: 1, exploit: 0, random: 0 });

    // Act
    const parents = sampleMany(archive, 0, 400).map((sample) => sample.parent.programId);

    // Assess: two cells, so the loner is drawn about half the time despite its fitness
    expect(new Set(parents)).toEqual(new Set(['top', 'loner']));
    expect(Math.abs(parents.filter((id) => id === 'loner').length - 200)).toBeLessThan(40);
  });

  it('draws uniformly over the island in random mode', () => {
    // Prepare
    const archive = islandOf({ explore: 0, exploit: 0, random: 1 });

    // Act
    const parents = sampleMany(archive, 0, 500).map((sample) => sample.parent.programId);

    // Assess
    for (const id of ['top', 'second', 'third', 'fourth', 'loner']) {
      expect(Math.abs(parents.filter((parent) => parent === id).length - 100)).toBeLessThan(35);
    }
  });

  it('chooses modes in the configured ratios', () => {
    // Prepare
    const archive = islandOf({ explore: 0.2, exploit: 0.7, random: 0.1 });

    // Act
    const modes = sampleMany(archive, 0, 2000).map((sample) => sample.mode);

    // Assess
    const share = (mode: SamplingMode) => modes.filter((drawn) => drawn === mode).length / 2000;
    expect(share('explore')).toBeCloseTo(0.2, 1);
    expect(share('exploit')).toBeCloseTo(0.7, 1);
    expect(share('random')).toBeCloseTo(0.1, 1);
  });

  it('draws from every island while the requested one is still empty', () => {
    // Prepare
    const archive = islandOf({ explore: 0, exploit: 0, random: 1 });

    // Act
    const parents = sampleMany(archive, 1, 100).map((sample) => sample.parent.island);

    // Assess
    expect(new Set(parents)).toEqual(new Set([0]));
  });

  it('gives the same parents for the same seed', () => {
    // Prepare
    const archive = islandOf({ explore: 0.3, exploit: 0.4, random: 0.3 });

    // Act
    const first = sampleMany(archive, 0, 30, 'same');
    const again = sampleMany(archive, 0, 30, 'same');
    const other = sampleMany(archive, 0, 30, 'other');

    // Assess
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it('throws on an empty archive and on an unknown island', () => {
    // Prepare
    const rng = createRng(1);

    // Act
    const fromEmpty = () => sampleParent(createArchive(), 0, rng);
    const fromNowhere = () => sampleParent(islandOf(undefined), 5, rng);

    // Assess
    expect(fromEmpty).toThrow('the archive is empty; insert the seed program first');
    expect(fromNowhere).toThrow('island must be an integer in 0..1, got 5');
  });
});
