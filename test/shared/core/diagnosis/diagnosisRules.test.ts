import { describe, expect, it } from 'vitest';
import { DIAGNOSIS_RULES, interpretByRules } from '../../../../shared/src/core/diagnosis/index.js';

/** Figures of a healthy model: no rule is crossed. */
const healthy: Record<string, number> = {
  seq_repr_mean_cosine: 0.3,
  seq_repr_rank_ratio: 0.6,
  item_embeddings_rank_ratio: 0.8,
  recommendation_gini: 0.7,
  catalog_coverage: 0.35,
  popularity_percentile: 85,
  long_tail_share: 0.4,
  overlap_reverse: 0.5,
  overlap_mask_last: 0.6,
  genre_coherence: 0.55,
  repetition_share: 0.2,
  cold_warm_relative_gap: 0.1,
};

describe('interpretByRules', () => {
  it('is STABLE without findings when no threshold is crossed', () => {
    // Prepare
    const figures = healthy;

    // Act
    const interpretation = interpretByRules({ figures });

    // Assert
    expect(interpretation).toEqual({ status: 'STABLE', findings: [], source: 'rules' });
  });

  it('is NEEDS_IMPROVEMENT with a finding naming the figure, its value and the threshold', () => {
    // Prepare
    const figures = { ...healthy, overlap_reverse: 0.97 };

    // Act
    const interpretation = interpretByRules({ figures });

    // Assert
    expect(interpretation.status).toBe('NEEDS_IMPROVEMENT');
    expect(interpretation.findings).toEqual([
      'the ranking ignores the order of the history (overlap_reverse = 0.9700 > 0.9)',
    ]);
  });

  it('is CRITICAL for collapsed representations, reporting critical findings first', () => {
    // Prepare
    const figures = { ...healthy, genre_coherence: 0.1, seq_repr_mean_cosine: 0.99 };

    // Act
    const interpretation = interpretByRules({ figures });

    // Assert
    expect(interpretation.status).toBe('CRITICAL');
    expect(interpretation.findings).toHaveLength(2);
    expect(interpretation.findings[0]).toContain('seq_repr_mean_cosine = 0.9900 > 0.95');
    expect(interpretation.findings[1]).toContain('genre_coherence = 0.1000 < 0.3');
  });

  it('reports one finding per figure and direction, and both directions apart', () => {
    // Prepare: coverage crosses both its critical and its lower threshold.
    const coverage = interpretByRules({ figures: { ...healthy, catalog_coverage: 0.01 } });
    const tooLow = interpretByRules({ figures: { ...healthy, overlap_mask_last: 0.02 } });

    // Act
    const findings = [...coverage.findings, ...tooLow.findings];

    // Assert
    expect(findings).toEqual([
      'almost the whole catalogue is never recommended (catalog_coverage = 0.0100 < 0.02)',
      'the ranking hinges on the most recent item alone (overlap_mask_last = 0.0200 < 0.1)',
    ]);
  });

  it('crosses nothing with a figure that was not measured', () => {
    // Prepare
    const figures = {};

    // Act
    const interpretation = interpretByRules({ figures });

    // Assert
    expect(interpretation.status).toBe('STABLE');
  });

  it('lists a critical rule before the lower rule on the same figure and direction', () => {
    // Prepare
    const severities = new Map<string, string[]>();
    for (const rule of DIAGNOSIS_RULES) {
      const key = `${rule.figure}:${rule.when}`;
      severities.set(key, [...(severities.get(key) ?? []), rule.severity]);
    }

    // Act
    const misordered = [...severities].filter(([, order]) => order.indexOf('CRITICAL') > 0);

    // Assert
    expect(misordered).toEqual([]);
  });
});
