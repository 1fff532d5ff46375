import { describe, expect, it } from 'vitest';
import { DIAGNOSIS_RULES } from '../../../../shared/src/core/diagnosis/index.js';
import { DIRECTION_TABLE, nasFindings } from '../../../../shared/src/core/nas/index.js';
import { seedSearchSpace } from './seedSearchSpace.js';

describe('the directional-nas table', () => {
  it('names only dimensions of the seed search space and rules the diagnosis has', () => {
    // Prepare
    const space = seedSearchSpace();
    const dimensions = new Map(space.dimensions.map((dimension) => [dimension.name, dimension]));

    // Assess: every move's dimension exists, and a named variant is one of its values.
    for (const row of DIRECTION_TABLE) {
      for (const move of row.moves) {
        const dimension = dimensions.get(move.dimension);
        expect(dimension, `${row.finding}: ${move.dimension}`).toBeDefined();
        const variants = typeof move.toward === 'string' ? [] : move.toward;
        for (const variant of variants) expect(dimension?.values).toContain(variant);
      }
      for (const { figure, when } of row.diagnosis) {
        expect(
          DIAGNOSIS_RULES.some((rule) => rule.figure === figure && rule.when === when),
          `${row.finding}: ${figure} ${when}`
        ).toBe(true);
      }
    }
  });
});

describe('nasFindings', () => {
  it('finds nothing in a parent whose figures cross no threshold', () => {
    // Act
    const findings = nasFindings({
      'val_ndcg@10': 0.1,
      diag_popularity_percentile: 60,
      diag_seq_repr_mean_cosine: 0.3,
      signal_overused_popularity: 0.1,
    });

    // Assess
    expect(findings).toEqual([]);
  });

  it('reads the diagnosis figures under their prefix and the users naming a signal', () => {
    // Act
    const findings = nasFindings({
      diag_popularity_percentile: 97.5,
      diag_seq_repr_mean_cosine: 0.99,
      signal_underused_recency: 0.55,
      signal_overused_popularity: 0.39,
    });

    // Assess: table order; the 39% share is under the critique's 40% bar.
    expect(findings.map((finding) => finding.finding)).toEqual([
      'leans on popularity',
      'ignores the order of the history',
      'collapsed representations',
    ]);
    expect(findings[0]?.evidence).toEqual(['popularity_percentile = 97.5000 > 95']);
    expect(findings[1]?.evidence).toEqual(['55% of simulated users say recency is underused']);
    expect(findings[2]?.evidence).toEqual(['seq_repr_mean_cosine = 0.9900 > 0.95']);
  });

  it('ignores a figure without its prefix: only the diagnosis speaks through diag_', () => {
    // Act
    const findings = nasFindings({ popularity_percentile: 99 });

    // Assess
    expect(findings).toEqual([]);
  });
});
