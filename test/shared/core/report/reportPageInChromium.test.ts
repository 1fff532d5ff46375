import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderRunReportPage } from '../../../../shared/src/core/report/index.js';
import { readReportPageAssets } from '../../../../shared/src/local/index.js';
import { launchChromium, openFile } from '../../../helpers/chromium.js';
import { HOSTILE, sampleReportData } from '../../../helpers/reportData.js';

let browser: Browser;
let dir: string;

beforeAll(async () => {
  [browser, dir] = await Promise.all([launchChromium(), mkdtemp(join(tmpdir(), 'report-page-'))]);
});

afterAll(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the report page in headless Chromium', () => {
  it('draws its charts offline, runs no injected script, and shows hostile text as text', async () => {
    // Arrange
    const path = join(dir, 'report.html');
    await writeFile(
      path,
      renderRunReportPage(sampleReportData().data, await readReportPageAssets())
    );

    // Act
    const { page, watch } = await openFile(browser, path);
    const charts = await page.evaluate(() => {
      const global = window as unknown as {
        Chart: { getChart(canvas: Element): { data: { datasets: { data: unknown[] }[] } } };
        __pwned?: unknown;
      };
      return {
        pwned: global.__pwned ?? null,
        images: document.querySelectorAll('img').length,
        drawn: Array.from(document.querySelectorAll('canvas')).map((canvas) => ({
          id: canvas.id,
          points: global.Chart.getChart(canvas)?.data.datasets.map((set) => set.data.length),
        })),
      };
    });
    const idea = await page.locator('#program-g001-c00 dd.idea').textContent();
    const reason = await page.locator('table.failures td.reason').first().textContent();

    // Assert
    expect(watch.requests).toEqual([]);
    expect(watch.errors).toEqual([]);
    expect(charts.pwned).toBeNull();
    expect(charts.images).toBe(0);
    expect(charts.drawn).toEqual([
      { id: 'chart-best-accuracy', points: [2, 2, 2, 2, 2, 2] },
      { id: 'chart-best-feedback', points: [2, 2] },
      { id: 'chart-curves-ndcg', points: [1, 3] },
      { id: 'chart-curves-loss', points: [1, 3] },
      { id: 'chart-pareto-satisfaction', points: [2, 1] },
      { id: 'chart-pareto-coverage', points: [2, 1] },
    ]);
    expect(idea).toBe(HOSTILE.idea);
    expect(reason).toBe(`exception: ${HOSTILE.reason}`);
    await page.close();
  });
});
