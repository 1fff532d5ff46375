import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalCloud } from '../../runner/localCloud.js';
import type { ProgramRecord } from '../../shared/src/core/evolution/index.js';
import { judgeResultSchema } from '../../shared/src/core/judging/index.js';
import { runKeys } from '../../shared/src/core/runs/index.js';
import { repoRoot } from '../../shared/src/local/index.js';
import { launchChromium, openFile } from '../helpers/chromium.js';
import { runCaptured } from '../helpers/cliHarness.js';

const dataDir = resolve(process.env.EVOLVEREC_DATA_DIR ?? join(repoRoot, '..', 'shared', 'data'));
const RUN = 'tiny-report';

let root: string;
let env: Record<string, string>;
let browser: Browser;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'evolverec-report-'));
  env = {
    PATH: process.env.PATH ?? '',
    EVOLVEREC_STATE_DIR: join(root, 'state'),
    EVOLVEREC_DATA_DIR: dataDir,
  };
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await rm(root, { recursive: true, force: true });
});

const cli = (argv: readonly string[]) => runCaptured(argv, env, () => new Date());

/** What the run stored: every program's record, and the judge's test verdict on the best. */
async function storedRun(stateDir: string) {
  const cloud = await openLocalCloud(stateDir);
  try {
    const state = await cloud.store.loadRunState(RUN);
    const records: ProgramRecord[] = [];
    for (const { id } of state?.programs ?? []) {
      const outcome = await cloud.store.loadOutcome(RUN, id);
      if (outcome !== undefined) records.push(outcome.record);
    }
    const best = [...records]
      .filter((record) => record.status === 'ok')
      .sort((a, b) => (b.metrics['val_ndcg@10'] ?? 0) - (a.metrics['val_ndcg@10'] ?? 0))[0];
    const verdict = judgeResultSchema.parse(
      JSON.parse(
        new TextDecoder().decode(await cloud.objects.get(runKeys(RUN).finalJudge(best?.id ?? '')))
      )
    );
    const page = new TextDecoder().decode(await cloud.objects.get(runKeys(RUN).reportHtml));
    return { records, best, verdict, page };
  } finally {
    await cloud.close();
  }
}

/** The figures a page shows: the versus table's cells, the tree's programs, the charts' data. */
async function shownFigures(page: Page) {
  return page.evaluate(() => {
    const cells = (selector: string) =>
      Array.from(document.querySelectorAll(selector)).map((cell) => cell.textContent ?? '');
    const chart = (id: string) => {
      const canvas = document.getElementById(id);
      const { Chart } = window as unknown as {
        Chart: {
          getChart(c: unknown): { data: { datasets: { label: string; data: unknown[] }[] } };
        };
      };
      return Chart.getChart(canvas)?.data.datasets.map(({ label, data }) => ({ label, data }));
    };
    return {
      ndcg: cells('table.versus tr[data-metric="val_ndcg@10"] td'),
      test: cells('table.test td'),
      tree: Array.from(document.querySelectorAll('svg.tree a')).map((node) =>
        node.getAttribute('data-program')
      ),
      bestSoFar: chart('chart-best-accuracy'),
      curves: chart('chart-curves-ndcg'),
      pareto: chart('chart-pareto-satisfaction'),
      gpuSeconds: cells('table.costs tr[data-kind="gpu"] td')[2],
    };
  });
}

describe('evolverec report, on a real run', () => {
  it("writes the run's page, which shows in Chromium the numbers the run stored", async () => {
    // Arrange: a real nas run on ml-100k: the seed and two candidates, one epoch each.
    const config = join(root, 'tiny.json');
    await writeFile(
      config,
      JSON.stringify({
        strategy: 'nas',
        dataset: 'ml-100k',
        generations: 1,
        candidatesPerGeneration: 2,
        training: { maxEpochs: 1 },
        feedback: { users: 20 },
      })
    );
    const run = await cli(['run', '--config', config, '--run-id', RUN]);
    expect(run.code, run.stderr).toBe(0);

    // Act
    const report = await cli(['report', RUN]);
    const stored = await storedRun(env.EVOLVEREC_STATE_DIR ?? '');
    const path = report.stdout.trim();
    const { page, watch } = await openFile(browser, path);
    const shown = await shownFigures(page);
    const screenshot = process.env.EVOLVEREC_REPORT_SCREENSHOT;
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });

    // Assert: the page made on demand and the one Finalize stored tell the same run.
    expect(report.code, report.stderr).toBe(0);
    expect(path).toBe(join(env.EVOLVEREC_STATE_DIR ?? '', 'reports', `${RUN}.html`));
    const onDemand = await readFile(path, 'utf8');
    const pick = (html: string) => html.match(/<table class="versus">[\s\S]*?<\/table>/)?.[0];
    expect(pick(onDemand)).toBeDefined();
    expect(pick(stored.page)).toBe(pick(onDemand));
    expect(watch.requests).toEqual([]);
    expect(watch.errors).toEqual([]);

    const { records, best, verdict } = stored;
    const seed = records.find((record) => record.id === 'g000-seed');
    const figure = (value: number | undefined) => value?.toFixed(4);
    expect(records).toHaveLength(3);
    expect(shown.tree.sort()).toEqual(records.map((record) => record.id).sort());
    expect(shown.ndcg.slice(0, 2)).toEqual([
      figure(seed?.metrics['val_ndcg@10']),
      figure(best?.metrics['val_ndcg@10']),
    ]);
    expect(verdict.status).toBe('ok');
    if (verdict.status !== 'ok') return;
    expect(shown.test).toContain(figure(verdict.metrics['test_ndcg@10']));
    const ndcgLine = shown.bestSoFar?.find((line) => line.label === 'val_ndcg@10');
    expect(ndcgLine?.data).toEqual([seed?.metrics['val_ndcg@10'], best?.metrics['val_ndcg@10']]);
    const trained = records.filter((record) => record.status === 'ok');
    expect(shown.curves?.map((line) => line.label).sort()).toEqual(
      trained.map((record) => record.id).sort()
    );
    expect(shown.pareto?.flatMap((set) => set.data)).toHaveLength(trained.length);
    const trainSeconds = records.reduce((sum, record) => sum + record.trainSeconds, 0);
    expect(shown.gpuSeconds).toBe(trainSeconds.toFixed(1));
    await page.close();
  }, 900_000);

  it('says when a run is unknown', async () => {
    // Act
    const unknown = await cli(['report', 'no-such-run']);
    const bad = await cli(['report', '../etc']);

    // Assert
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no run no-such-run here');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      'report takes one run id (letters, digits, ".", "_" and "-"), got \'../etc\''
    );
  });
});
