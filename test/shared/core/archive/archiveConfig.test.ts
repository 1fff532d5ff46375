import { describe, expect, it } from 'vitest';
import { createArchive } from '../../../../shared/src/core/archive/index.js';
import { ContractViolationError } from '../../../../shared/src/errors.js';

describe('archive config', () => {
  it('fills in every default when given nothing', () => {
    // Prepare / Act
    const { config } = createArchive();

    // Assess
    expect(config).toEqual({
      islands: 3,
      dimensions: [
        { name: 'val_ndcg@10', bins: 10 },
        { name: 'satisfaction', bins: 10 },
        { name: 'complexity', bins: 10 },
      ],
      populationSize: 50,
      eliteSize: 20,
      migration: { interval: 10, migrants: 1 },
      sampling: { explore: 0.2, exploit: 0.7, random: 0.1 },
      inspirations: { best: true, top: 2, neighbours: 2, random: 1 },
    });
  });

  it('accepts ratios that sum to 1 up to rounding', () => {
    // Prepare / Act
    const { config } = createArchive({ sampling: { explore: 0.1, exploit: 0.7, random: 0.2 } });

    // Assess
    expect(config.sampling).toEqual({ explore: 0.1, exploit: 0.7, random: 0.2 });
  });

  it.each([
    [{ sampling: { explore: 0.5, exploit: 0.3, random: 0.1 } }, 'sampling: explore + exploit'],
    [{ sampling: { explore: 0.5 } }, 'must sum to 1, got 1.3'],
    [{ islands: 0 }, 'islands: Too small'],
    [{ populationSize: 0 }, 'populationSize: Too small'],
    [{ migration: { interval: 0 } }, 'migration.interval: Too small'],
    [{ dimensions: [] }, 'dimensions: Too small'],
    [{ dimensions: [{ name: 'complexity' }, { name: 'complexity' }] }, 'repeated: complexity'],
    [{ dimensions: [{ name: 'coverage', range: [1, 0] }] }, 'dimensions.0.range: range must'],
    [{ elites: 5 }, 'Unrecognized key: "elites"'],
  ])('rejects %j with an error naming the field', (config, message) => {
    // Prepare / Act
    const act = () => createArchive(config as never);

    // Assess
    expect(act).toThrow(ContractViolationError);
    expect(act).toThrow(message);
  });
});
