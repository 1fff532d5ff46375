import { paretoFront } from '../archive/index.js';
import type { ProgramRecord } from '../evolution/index.js';
import { CUTOFFS } from '../judging/index.js';
import type { LedgerEntry, LedgerKind } from '../llm/index.js';
import { ledgerKindSchema, ledgerTotals } from '../llm/index.js';
import type { ReportProgram } from './runReportData.js';

/** A split's metrics in the protocol's order: HR and NDCG at each cut-off. */
function protocolMetrics(split: 'val' | 'test'): readonly string[] {
  return CUTOFFS.flatMap((k) => [`${split}_hr@${k}`, `${split}_ndcg@${k}`]);
}

/** The judge's validation metrics, the figures of record of every program. */
const VALIDATION_METRICS = protocolMetrics('val');

/** The feedback figures that are Pareto objectives beside accuracy. */
const FEEDBACK_OBJECTIVES = ['satisfaction', 'coverage'] as const;

/** The best value of each metric over the generations so far, generation by generation. */
interface BestSoFar {
  readonly generation: number;
  readonly values: Readonly<Record<string, number | undefined>>;
}

/** A program that trained, placed on the Pareto front's axes. */
interface ParetoPoint {
  readonly programId: string;
  readonly accuracy: number;
  readonly satisfaction?: number;
  readonly coverage?: number;
  readonly onFront: boolean;
}

/** What one kind of cost came to: USD, how many, how long, and (LLM) tokens. */
interface CostLine {
  readonly kind: LedgerKind;
  readonly usd: number;
  readonly count: number;
  readonly seconds: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
}

/** Lambda invocations of one state machine state: how many, and their seconds. */
interface StateUsageLine {
  readonly state: string;
  readonly invocations: number;
  readonly seconds: number;
  readonly gbSeconds: number;
}

/** A metric of a program that trained; undefined for a failed one or a missing figure. */
function figureOf(record: ProgramRecord, name: string): number | undefined {
  if (record.status !== 'ok') return undefined;
  return record.metrics[name] ?? record.features[name];
}

/**
 * For every generation up to `lastGeneration`, the best of each metric over the programs of that
 * generation and the ones before (each metric on its own: the best HR@20 may be another
 * program's than the best NDCG@10).
 */
function bestSoFarByGeneration(
  programs: readonly ReportProgram[],
  metrics: readonly string[],
  lastGeneration: number
): BestSoFar[] {
  const lines: BestSoFar[] = [];
  const best: Record<string, number | undefined> = {};
  for (let generation = 0; generation <= lastGeneration; generation += 1) {
    for (const { record } of programs) {
      if (record.generation !== generation) continue;
      for (const name of metrics) {
        const value = figureOf(record, name);
        if (value === undefined || !Number.isFinite(value)) continue;
        const current = best[name];
        best[name] = current === undefined ? value : Math.max(current, value);
      }
    }
    lines.push({ generation, values: { ...best } });
  }
  return lines;
}

/**
 * Every program that trained on the three objectives (validation NDCG@10, satisfaction,
 * coverage), marked when no other program of the run dominates it.
 */
function paretoPoints(programs: readonly ReportProgram[]): ParetoPoint[] {
  const entries = programs.flatMap(({ record }) => {
    const accuracy = figureOf(record, 'val_ndcg@10');
    if (accuracy === undefined) return [];
    const satisfaction = figureOf(record, 'satisfaction');
    const coverage = figureOf(record, 'coverage');
    return [
      {
        programId: record.id,
        objectives: {
          accuracy,
          ...(satisfaction === undefined ? {} : { satisfaction }),
          ...(coverage === undefined ? {} : { coverage }),
        },
      },
    ];
  });
  const front = new Set(paretoFront(entries).map((entry) => entry.programId));
  return entries.map(({ programId, objectives }) => ({
    programId,
    ...objectives,
    onFront: front.has(programId),
  }));
}

/** Cost, count, seconds and tokens of each kind of the run's ledger. */
function costLines(ledger: readonly LedgerEntry[]): CostLine[] {
  const totals = ledgerTotals(ledger);
  return ledgerKindSchema.options.map((kind) => {
    const entries = ledger.filter((entry) => entry.kind === kind);
    return {
      kind,
      usd: totals.usdByKind[kind],
      count: totals.countByKind[kind],
      seconds: totals.secondsByKind[kind],
      promptTokens: entries.reduce((sum, entry) => sum + (entry.promptTokens ?? 0), 0),
      completionTokens: entries.reduce((sum, entry) => sum + (entry.completionTokens ?? 0), 0),
    };
  });
}

/** The Lambda invocations grouped by state, in the order the states first ran. */
function usageByState(
  usages: readonly {
    readonly state: string;
    readonly seconds: number;
    readonly memoryMb: number;
    readonly at: string;
  }[]
): StateUsageLine[] {
  const lines = new Map<string, { invocations: number; seconds: number; gbSeconds: number }>();
  for (const usage of [...usages].sort((a, b) => a.at.localeCompare(b.at))) {
    const line = lines.get(usage.state) ?? { invocations: 0, seconds: 0, gbSeconds: 0 };
    line.invocations += 1;
    line.seconds += usage.seconds;
    line.gbSeconds += (usage.memoryMb / 1024) * usage.seconds;
    lines.set(usage.state, line);
  }
  return [...lines].map(([state, line]) => ({ state, ...line }));
}

export type { BestSoFar, CostLine, ParetoPoint, StateUsageLine };
export {
  bestSoFarByGeneration,
  costLines,
  FEEDBACK_OBJECTIVES,
  figureOf,
  paretoPoints,
  protocolMetrics,
  usageByState,
  VALIDATION_METRICS,
};
