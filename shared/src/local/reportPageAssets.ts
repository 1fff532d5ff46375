import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PageScript, ReportPageAssets } from '../core/report/index.js';
import { FileMissingError } from '../errors.js';
import { repoRoot } from './paths.js';

/** The chart library's one-file build (Chart.js, its colour helper inside), minified. */
const CHART_LIBRARY_FILE = 'chart.umd.min.js';
/** The page's own script, which draws the charts from the page's data. */
const CHART_SCRIPT_FILE = 'charts.js';

/** The scripts' places in a checkout, relative to its root. */
const REPORT_PAGE_SOURCES = {
  chartLibrary: join('node_modules', 'chart.js', 'dist', CHART_LIBRARY_FILE),
  chartScript: join('shared', 'report-page', CHART_SCRIPT_FILE),
} as const;

interface ReportPageAssetPaths {
  readonly chartLibrary: string;
  readonly chartScript: string;
}

/**
 * Where the page's scripts are: in a checkout, the library in node_modules and the page's script
 * in shared/report-page; bundled beside a Lambda's code, both in one folder
 * (EVOLVEREC_REPORT_PAGE_DIR).
 */
function reportPageAssetPaths(bundledDir?: string): ReportPageAssetPaths {
  if (bundledDir !== undefined && bundledDir !== '') {
    return {
      chartLibrary: join(bundledDir, CHART_LIBRARY_FILE),
      chartScript: join(bundledDir, CHART_SCRIPT_FILE),
    };
  }
  return {
    chartLibrary: join(repoRoot, REPORT_PAGE_SOURCES.chartLibrary),
    chartScript: join(repoRoot, REPORT_PAGE_SOURCES.chartScript),
  };
}

async function pageScript(path: string, what: string): Promise<PageScript> {
  if (!existsSync(path)) throw new FileMissingError(path, what);
  // The source-map comment would make a browser's developer tools fetch the map.
  const source = (await readFile(path, 'utf8')).replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
  return { source, sha256: createHash('sha256').update(source, 'utf8').digest('base64') };
}

/** Reads the page's scripts and hashes them for its Content-Security-Policy. */
async function readReportPageAssets(
  paths: ReportPageAssetPaths = reportPageAssetPaths()
): Promise<ReportPageAssets> {
  const [chartLibrary, chartScript] = await Promise.all([
    pageScript(paths.chartLibrary, 'the chart library (npm ci installs chart.js)'),
    pageScript(paths.chartScript, "the report page's chart script"),
  ]);
  return { chartLibrary, chartScript };
}

export type { ReportPageAssetPaths };
export { REPORT_PAGE_SOURCES, readReportPageAssets, reportPageAssetPaths };
