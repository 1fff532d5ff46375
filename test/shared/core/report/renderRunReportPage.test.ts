import { beforeAll, describe, expect, it } from 'vitest';
import {
  COMPARED_FIGURES,
  comparisonSchema,
} from '../../../../shared/src/core/comparison/index.js';
import type { ReportPageAssets } from '../../../../shared/src/core/report/index.js';
import { renderRunReportPage } from '../../../../shared/src/core/report/index.js';
import { readReportPageAssets } from '../../../../shared/src/local/index.js';
import { HOSTILE, sampleReportData } from '../../../helpers/reportData.js';

let assets: ReportPageAssets;

beforeAll(async () => {
  assets = await readReportPageAssets();
});

/** The text of the element whose opening tag matches, up to its closing tag. */
function elementText(page: string, opening: RegExp, closing: string): string {
  const start = page.search(opening);
  expect(start, String(opening)).toBeGreaterThanOrEqual(0);
  return page.slice(start, page.indexOf(closing, start));
}

function chartDataOf(page: string): Record<string, unknown> {
  const open = '<script type="application/json" id="report-data">';
  const start = page.indexOf(open);
  expect(start).toBeGreaterThan(0);
  return JSON.parse(page.slice(start + open.length, page.indexOf('</script>', start)));
}

describe('renderRunReportPage', () => {
  it('escapes every idea, reason, critique and finding: none becomes markup', () => {
    // Arrange
    const { data } = sampleReportData();

    // Act
    const page = renderRunReportPage(data, assets);

    // Assert: the three scripts of the page and no other; the hostile text shown as text.
    expect(page.match(/<script/g)).toHaveLength(3);
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<b>bold idea</b>');
    expect(page).not.toContain('href="javascript:');
    expect(page).toContain('&lt;script>window.__pwned = &quot;idea&quot;&lt;/script>');
    expect(page).toContain('&lt;img src=&quot;x&quot; onerror=');
    expect(page).toContain('&lt;/script>&lt;script>window.__pwned = &quot;summary&quot;');
    expect(page).toContain('&lt;a href=&quot;javascript:window.__pwned=1&quot;>click&lt;/a> &amp;');
    expect(HOSTILE.idea).toContain('<script>');
  });

  it('allows only its own two scripts by hash and loads nothing from anywhere', () => {
    // Arrange
    const { data } = sampleReportData();

    // Act
    const page = renderRunReportPage(data, assets);

    // Assert
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(page)?.[1];
    expect(policy).toBe(
      `default-src 'none'; script-src 'sha256-${assets.chartLibrary.sha256}' 'sha256-${assets.chartScript.sha256}'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'`
    );
    expect(page).not.toMatch(/\s(src|href)="(https?:)?\/\//);
    expect(page).toContain(assets.chartLibrary.source);
    expect(assets.chartLibrary.source).not.toContain('sourceMappingURL');
  });

  it('sets the best program beside the seed, with its test figures and diff from the seed', () => {
    // Arrange
    const { data } = sampleReportData();

    // Act
    const page = renderRunReportPage(data, assets);

    // Assert
    const versus = elementText(page, /<table class="versus">/, '</table>');
    expect(versus).toMatch(
      /data-metric="val_ndcg@10"><th>val_ndcg@10<\/th><td>0\.0412<\/td><td>0\.0537<\/td><td>\+0\.0125<\/td>/
    );
    expect(versus).toMatch(
      /data-metric="coverage"><th>coverage<\/th><td>0\.0900<\/td><td>0\.1000<\/td><td>\+0\.0100/
    );
    const test = elementText(page, /<table class="test">/, '</table>');
    expect(test).toContain('<td>0.0933</td><td>0.0456</td>');
    expect(page).toContain('<span class="del">-    &quot;hidden&quot;: 64,\n</span>');
    expect(page).toContain('<span class="add">+    &quot;hidden&quot;: 128,\n</span>');
    expect(page).toContain('No published full-ranking anchors for ml-100k');
  });

  it("shows ML-1M's published anchors beside the run's test figures", () => {
    // Arrange
    const { data } = sampleReportData({ strategy: 'nas', dataset: 'ml-1m' });

    // Act
    const page = renderRunReportPage(data, assets);

    // Assert
    const anchors = elementText(page, /<table class="anchors">/, '</table>');
    expect(anchors).toContain("<td>this run's best</td><td>0.0933</td>");
    expect(anchors).toContain('<td>SASRec+ (full cross-entropy)</td><td>0.3152</td>');
    expect(anchors.match(/<tr>/g)).toHaveLength(1 + 8);
  });

  it('draws the tree with every program, failed and rejected ones with their reasons', () => {
    // Arrange
    const { data } = sampleReportData();

    // Act
    const page = renderRunReportPage(data, assets);

    // Assert
    const tree = elementText(page, /<svg class="tree"/, '</svg>');
    expect(tree.match(/<circle/g)).toHaveLength(5);
    expect(tree.match(/<line/g)).toHaveLength(4);
    expect(tree).toContain('g001-c02: failed at train: exception: &lt;img');
    expect(tree).toContain('g001-c03: rejected at duplicate: a near-copy of g000-seed');
    const failures = elementText(page, /<table class="failures">/, '</table>');
    expect(failures).toMatch(/g001-c02.*failed<\/td><td>train/s);
    expect(failures).toMatch(/g001-c03.*rejected<\/td><td>duplicate/s);
  });

  it('carries the best so far per generation, the curves and the Pareto front as chart data', () => {
    // Arrange
    const { data } = sampleReportData();

    // Act
    const page = renderRunReportPage(data, assets);
    const charts = chartDataOf(page);

    // Assert
    expect(charts.generations).toEqual([0, 1]);
    expect(charts.bestAccuracy).toContainEqual({ name: 'val_ndcg@10', values: [0.0412, 0.0537] });
    expect(charts.bestFeedback).toEqual([
      { name: 'satisfaction', values: [0.31, 0.36] },
      { name: 'coverage', values: [0.09, 0.25] },
    ]);
    expect(charts.curves).toEqual([
      { programId: 'g000-seed', epochs: [1], valNdcg10: [0.04], loss: [1.2] },
      {
        programId: 'g001-c00',
        epochs: [1, 2, 3],
        valNdcg10: [0.021, 0.047, 0.054],
        loss: [1.3, 1.1, 1.0],
      },
    ]);
    expect(charts.pareto).toEqual([
      {
        programId: 'g000-seed',
        accuracy: 0.0412,
        satisfaction: 0.31,
        coverage: 0.09,
        onFront: false,
      },
      { programId: 'g001-c00', accuracy: 0.0537, satisfaction: 0.36, coverage: 0.1, onFront: true },
      { programId: 'g001-c01', accuracy: 0.0301, satisfaction: 0.2, coverage: 0.25, onFront: true },
    ]);
    const front = elementText(page, /<table class="front">/, '</table>');
    expect(front).toContain('data-program="g001-c00"');
    expect(front).toContain('data-program="g001-c01"');
    expect(front).not.toContain('data-program="g000-seed"');
  });

  it('gives each program its idea, critique, findings and probe changes', () => {
    // Arrange
    const { data } = sampleReportData();

    // Act
    const page = renderRunReportPage(data, assets);

    // Assert
    const best = elementText(
      page,
      /<details class="program ok" id="program-g001-c00"/,
      '</details>'
    );
    expect(best).toContain('popular items only');
    expect(best).toContain('<span class="status NEEDS_IMPROVEMENT">');
    expect(best).toContain('+  return { spread: 2, depth: 3 };');
    expect(best).toContain('Dropped (did not move under perturbation): depth');
    const wide = elementText(
      page,
      /<details class="program ok" id="program-g001-c01"/,
      '</details>'
    );
    expect(wide).toContain('probes.js unchanged from the parent');
    expect(wide).toContain('not kept (work objects expire)');
    const seed = elementText(
      page,
      /<details class="program ok" id="program-g000-seed"/,
      '</details>'
    );
    expect(seed).toContain("the seed's own probes.js");
    expect(seed).toContain(
      'Feedback as the next prompt saw it</h4><pre class="feedback">CRITICAL: users leave'
    );
  });

  it('adds up cost and time by kind, and Lambda by state', () => {
    // Arrange
    const { data } = sampleReportData();

    // Act
    const page = renderRunReportPage(data, assets);

    // Assert: GB-s of Propose = 2 + 1 at 1 GB; Judge = 3 s at 2 GB.
    const costs = elementText(page, /<table class="costs">/, '</table>');
    expect(costs).toMatch(/data-kind="gpu">.*<td>0\.0094<\/td><td>2<\/td>\s*<td>85\.0<\/td>/s);
    expect(costs).toMatch(/data-kind="llm">.*<td>1<\/td>\s*<td>3\.2<\/td>\s*<td>900 \/ 150<\/td>/s);
    expect(costs).toMatch(/data-kind="lambda">.*<td>3<\/td>\s*<td>6\.0<\/td>/s);
    const states = elementText(page, /<table class="states">/, '</table>');
    expect(states).toMatch(/<th>Propose<\/th><td>2<\/td>\s*<td>3\.0<\/td><td>3\.0<\/td>/);
    expect(states).toMatch(/<th>Judge<\/th><td>1<\/td>\s*<td>3\.0<\/td><td>6\.0<\/td>/);
  });

  it('ends with the strategy comparison the run took part in, escaped like the rest', () => {
    // Arrange: two strategies over three seeds, one paired test, a hostile note.
    const interval = (mean: number, halfWidth: number | null) => ({ mean, halfWidth, n: 3 });
    const figures = (testNdcg10: ReturnType<typeof interval>) => ({
      ...Object.fromEntries(Object.keys(COMPARED_FIGURES).map((name) => [name, null])),
      testNdcg10,
    });
    const comparison = comparisonSchema.parse({
      id: 'cmp-1',
      dataset: 'ml-100k',
      strategies: ['nas', 'directional-nas'],
      seeds: [0, 1, 2],
      candidates: 4,
      maxEpochs: 10,
      device: 'cpu',
      rows: [
        { strategy: 'nas', runs: 3, figures: figures(interval(0.0612, 0.0041)) },
        { strategy: 'directional-nas', runs: 3, figures: figures(interval(0.0655, null)) },
      ],
      tests: [
        {
          strategy: 'directional-nas',
          against: 'nas',
          figure: 'testNdcg10',
          n: 3,
          meanDifference: 0.0043,
          halfWidth: 0.002,
          t: 9.25,
          pValue: 0.0131,
        },
      ],
      runs: [],
      notes: [HOSTILE.reason],
    });
    const { data } = sampleReportData();

    // Act
    const page = renderRunReportPage({ ...data, comparison }, assets);
    const without = renderRunReportPage(data, assets);

    // Assert
    const table = elementText(page, /<table class="comparison">/, '</table>');
    expect(table).toMatch(
      /data-strategy="nas"><th>nas<\/th><td>3<\/td>.*<td>0\.0612 ± 0\.0041<\/td>/s
    );
    expect(table).toMatch(/data-strategy="directional-nas">.*<td>0\.0655<\/td>/s);
    const tests = elementText(page, /<table class="tests">/, '</table>');
    expect(tests).toMatch(/<td>\+0\.0043 ± 0\.0020<\/td>\s*<td>9\.25<\/td><td>0\.013<\/td>/);
    expect(page).not.toContain(HOSTILE.reason);
    expect(page).toContain('href="#comparison"');
    expect(without).not.toContain('id="comparison"');
  });
});
