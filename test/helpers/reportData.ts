import { createArchive, insertProgram } from '../../shared/src/core/archive/index.js';
import type {
  ProgramRecord,
  RunConfigInput,
  RunState,
} from '../../shared/src/core/evolution/index.js';
import { archiveEntryFor, runConfigSchema } from '../../shared/src/core/evolution/index.js';
import { unifiedDiff } from '../../shared/src/core/program/index.js';
import type { ReportProgram, RunReportData } from '../../shared/src/core/report/index.js';

/** Text a hostile program, title or LLM could put in an idea, a reason or a critique. */
const HOSTILE = {
  idea: '<script>window.__pwned = "idea"</script><b>bold idea</b>',
  reason: '<img src="x" onerror="window.__pwned = \'reason\'">',
  summary: '</script><script>window.__pwned = "summary"</script>',
  finding: '<a href="javascript:window.__pwned=1">click</a> & "quotes"',
} as const;

const SEED_FILES = {
  'model.py': 'HPARAMS = {\n    "hidden": 64,\n    "dropout": 0.2,\n}\n',
  'probes.js': 'function probes(input) {\n  return { spread: 1 };\n}\n',
};
const BEST_FILES = {
  'model.py': 'HPARAMS = {\n    "hidden": 128,\n    "dropout": 0.2,\n}\n',
  'probes.js': 'function probes(input) {\n  return { spread: 2, depth: 3 };\n}\n',
};

const AT = '2026-11-26T05:00:00.000Z';

function okRecord(
  id: string,
  generation: number,
  parentId: string | null,
  metrics: Readonly<Record<string, number>>,
  feedback: { readonly satisfaction: number; readonly coverage: number },
  idea?: string
): ProgramRecord {
  return {
    id,
    generation,
    island: 0,
    parentId,
    inspirationIds: [],
    status: 'ok',
    ...(idea === undefined ? {} : { idea }),
    feedback: 'CRITICAL: users leave',
    metrics,
    judged: {
      users: 470,
      jobMetrics: { 'val_ndcg@10': (metrics['val_ndcg@10'] ?? 0) + 0.0005 },
      agreement: {
        metric: 'val_ndcg@10',
        job: (metrics['val_ndcg@10'] ?? 0) + 0.0005,
        judge: metrics['val_ndcg@10'] ?? 0,
        tolerance: 0.002,
        agrees: true,
      },
    },
    features: { ...metrics, complexity: 40, ...feedback },
    repairs: [],
    usd: 0.0123,
    trainSeconds: 42.5,
    createdAt: AT,
  };
}

function failedRecord(
  id: string,
  stage: 'train' | 'duplicate',
  reason: string,
  idea: string
): ProgramRecord {
  return {
    id,
    generation: 1,
    island: 0,
    parentId: 'g000-seed',
    inspirationIds: [],
    status: 'failed',
    failure: { stage, reason },
    idea,
    metrics: {},
    features: {},
    repairs: [],
    usd: 0,
    trainSeconds: 0,
    createdAt: AT,
  };
}

function metricsOf(ndcg10: number): Record<string, number> {
  return {
    'val_hr@5': ndcg10 * 1.4,
    'val_ndcg@5': ndcg10 * 0.9,
    'val_hr@10': ndcg10 * 2,
    'val_ndcg@10': ndcg10,
    'val_hr@20': ndcg10 * 3,
    'val_ndcg@20': ndcg10 * 1.2,
  };
}

/**
 * A finished run of a seed and one generation: a better child (the best, which changed its
 * probes.js), a child on the Pareto front by coverage only, a child the harness failed and a
 * near-duplicate; its ideas, reasons and feedback hold hostile markup.
 */
function sampleReportData(config: RunConfigInput = { strategy: 'nas', dataset: 'ml-100k' }): {
  readonly data: RunReportData;
  readonly records: Readonly<
    Record<'seed' | 'best' | 'wide' | 'broken' | 'duplicate', ProgramRecord>
  >;
} {
  const records = {
    seed: okRecord('g000-seed', 0, null, metricsOf(0.0412), { satisfaction: 0.31, coverage: 0.09 }),
    best: okRecord(
      'g001-c00',
      1,
      'g000-seed',
      metricsOf(0.0537),
      { satisfaction: 0.36, coverage: 0.1 },
      HOSTILE.idea
    ),
    wide: okRecord(
      'g001-c01',
      1,
      'g000-seed',
      metricsOf(0.0301),
      { satisfaction: 0.2, coverage: 0.25 },
      'blocks: 2 → 1'
    ),
    broken: failedRecord('g001-c02', 'train', `exception: ${HOSTILE.reason}`, 'heads: 1 → 3'),
    duplicate: failedRecord('g001-c03', 'duplicate', 'a near-copy of g000-seed', 'dropout kept'),
  };
  const parsedConfig = runConfigSchema.parse(config);
  let archive = createArchive(parsedConfig.archive);
  for (const record of [records.seed, records.best, records.wide]) {
    archive = insertProgram(
      archive,
      archiveEntryFor(record, record.metrics, 40, {
        satisfaction: record.features.satisfaction ?? 0,
        coverage: record.features.coverage ?? 0,
      })
    ).archive;
  }
  const state: RunState = {
    version: 1,
    runId: 'sample-run',
    config: parsedConfig,
    status: 'finished',
    stopReason: 'all 1 generations done',
    generation: 1,
    seedProgramId: 'g000-seed',
    archive,
    candidatesTried: 4,
    ledger: [
      { kind: 'gpu', usd: 0.0047, at: AT, programId: 'g000-seed', seconds: 42.5 },
      { kind: 'gpu', usd: 0.0047, at: AT, programId: 'g001-c00', seconds: 42.5 },
      {
        kind: 'llm',
        usd: 0.0021,
        at: AT,
        role: 'proposer',
        model: 'gpt-4.1',
        promptTokens: 900,
        completionTokens: 150,
        seconds: 3.2,
        programId: 'g001-c00',
      },
    ],
    programs: Object.values(records).map((record) => ({
      id: record.id,
      generation: record.generation,
      island: 0,
      parentId: record.parentId,
      status: record.status,
      ...(record.status === 'ok' ? { fitness: record.metrics['val_ndcg@10'] ?? 0 } : {}),
    })),
    startedAt: AT,
    elapsedSecondsBefore: 0,
  };
  const best: ReportProgram = {
    record: records.best,
    diffFromParent: unifiedDiff(SEED_FILES, BEST_FILES),
    simulation: {
      simulator: {
        status: 'CRITICAL',
        summary: HOSTILE.summary,
        failureModes: ['popular items only'],
      },
      figures: { satisfaction: 0.36, viewRate: 0.12, meanRating: 3.9, exitDepth: 1.4 },
    },
    diagnosis: {
      diagnosis: {
        status: 'NEEDS_IMPROVEMENT',
        findings: [HOSTILE.finding],
        figures: { catalog_coverage: 0.1 },
      },
      probes: { figures: { spread: 2 }, dropped: ['depth'] },
    },
    curve: [
      { epoch: 1, loss: 1.3, valNdcg10: 0.021, seconds: 4 },
      { epoch: 2, loss: 1.1, valNdcg10: 0.047, seconds: 4 },
      { epoch: 3, loss: 1.0, valNdcg10: 0.054, seconds: 4 },
    ],
  };
  const data: RunReportData = {
    state,
    programs: [
      { record: records.seed, curve: [{ epoch: 1, loss: 1.2, valNdcg10: 0.04, seconds: 4 }] },
      best,
      { record: records.wide, diffFromParent: unifiedDiff(SEED_FILES, SEED_FILES) },
      { record: records.broken },
      { record: records.duplicate },
    ],
    bestDiffFromSeed: unifiedDiff(SEED_FILES, BEST_FILES),
    final: { test: { 'test_hr@10': 0.0933, 'test_ndcg@10': 0.0456 } },
    stepUsage: [
      {
        runId: 'sample-run',
        state: 'Propose',
        requestId: 'r1',
        seconds: 2,
        memoryMb: 1024,
        at: AT,
      },
      {
        runId: 'sample-run',
        state: 'Judge',
        requestId: 'r2',
        seconds: 3,
        memoryMb: 2048,
        at: '2026-11-26T05:00:01.000Z',
      },
      {
        runId: 'sample-run',
        state: 'Propose',
        requestId: 'r3',
        seconds: 1,
        memoryMb: 1024,
        at: '2026-11-26T05:00:02.000Z',
      },
    ],
    generatedAt: '2026-11-26T06:00:00.000Z',
  };
  return { data, records };
}

export { BEST_FILES, HOSTILE, SEED_FILES, sampleReportData };
