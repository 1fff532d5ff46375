import type { ArchiveEntry } from '../../../../shared/src/core/archive/index.js';

/** An evaluated program with harmless defaults; tests override what they are about. */
function entry(programId: string, overrides: Partial<ArchiveEntry> = {}): ArchiveEntry {
  const fitness = overrides.fitness ?? 0.05;
  return {
    programId,
    island: 0,
    generation: 1,
    parentId: null,
    fitness,
    features: { 'val_ndcg@10': fitness },
    objectives: { accuracy: fitness },
    ...overrides,
  };
}

/** Deep-freezes a value, so a test fails if a pure function writes into its input. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

export { deepFreeze, entry };
