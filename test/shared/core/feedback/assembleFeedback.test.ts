import { describe, expect, it } from 'vitest';
import type { FeedbackParts } from '../../../../shared/src/core/feedback/index.js';
import { assembleFeedback } from '../../../../shared/src/core/feedback/index.js';

const parts: FeedbackParts = {
  simulator: {
    status: 'NEEDS_IMPROVEMENT',
    failureModes: [
      'pages are dominated by blockbusters for niche users',
      'recent genre shifts ignored',
    ],
    summary: 'Users watch 1 in 5 recommendations.',
    figures: { viewRate: 0.21, satisfaction: 0.43, exitDepth: 1.6, meanRating: 3.7 },
  },
  diagnosis: {
    status: 'CRITICAL',
    findings: ['representations collapse: effective rank 3.1 of 64'],
    figures: { effective_rank: 3.1, coverage: 0.12 },
    definitions: {
      effective_rank: 'exp(entropy of the normalised eigenvalues)',
      coverage: 'distinct recommended / items',
    },
  },
  probes: {
    figures: { attention_entropy: 2.5 },
    rejection: 'its figures did not move under shuffled item embeddings',
    dropped: ['catalogue_size', 'answer'],
  },
};

describe('assembleFeedback', () => {
  it('puts statuses, failure modes and findings before the figures', () => {
    // Act
    const text = assembleFeedback(parts);

    // Assert
    const lines = text.split('\n');
    expect(lines[0]).toBe('User simulator: NEEDS_IMPROVEMENT');
    expect(lines).toContain('- failure mode: recent genre shifts ignored');
    expect(lines).toContain('Model diagnosis: CRITICAL');
    expect(text.indexOf('finding: representations collapse')).toBeLessThan(
      text.indexOf('Simulator figures')
    );
    expect(text).toContain(
      '- effective_rank = 3.1000 (exp(entropy of the normalised eigenvalues))'
    );
    expect(text).toContain('The proposed probes.js was not kept: its figures did not move');
    expect(text).toContain(
      "probes.js figures dropped: 'catalogue_size', 'answer'; they did not move under a known perturbation"
    );
    expect(text).toContain('probes.js figures: attention_entropy 2.5000');
  });

  it('stays within its bound, cutting whole lines and saying so', () => {
    // Act
    const text = assembleFeedback(parts, 200);

    // Assert
    expect(text.length).toBeLessThanOrEqual(200);
    expect(text).toMatch(/… \(\d+ more lines cut\)$/);
    expect(text.startsWith('User simulator: NEEDS_IMPROVEMENT')).toBe(true);
  });

  it('gives an empty section when there is no feedback at all', () => {
    expect(assembleFeedback({})).toBe('');
  });
});
