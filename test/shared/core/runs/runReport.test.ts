import { describe, expect, it } from 'vitest';
import { compareStrategies } from '../../../../shared/src/core/comparison/index.js';
import type { RunState } from '../../../../shared/src/core/evolution/index.js';
import { runConfigSchema, startRunState } from '../../../../shared/src/core/evolution/index.js';
import { runReport, runReportMarkdown } from '../../../../shared/src/core/runs/index.js';

function state(): RunState {
  return startRunState(
    'c-nas-s0',
    runConfigSchema.parse({ strategy: 'nas', dataset: 'ml-100k' }),
    '2026-01-01T00:00:00.000Z'
  );
}

describe('runReport with a comparison', () => {
  it('carries the comparison the run took part in, and renders it as a section', () => {
    // Prepare
    const comparison = compareStrategies(
      {
        id: 'c',
        dataset: 'ml-100k',
        strategies: ['nas'],
        seeds: [0],
        candidates: 4,
        maxEpochs: 5,
        device: 'cpu',
      },
      [],
      { notes: ['directional-nas not run'] }
    );

    // Act
    const report = runReport(state(), {}, [], comparison);
    const text = runReportMarkdown(report);

    // Assess
    expect(report.comparison).toEqual(comparison);
    expect(text).toContain('## Strategy comparison');
    expect(text).toContain('- directional-nas not run');
    expect(runReportMarkdown(runReport(state()))).not.toContain('Strategy comparison');
  });
});
