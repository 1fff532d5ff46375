import { bestProgram, paretoFront } from '../archive/index.js';
import type { Comparison } from '../comparison/index.js';
import { comparisonMarkdown } from '../comparison/index.js';
import type { RunState } from '../evolution/index.js';
import type { LedgerEntry, LedgerTotals } from '../llm/index.js';
import { ledgerTotals } from '../llm/index.js';
import type { OutcomeCounts } from './outcomeCounts.js';
import { describeOutcomeCounts, outcomeCounts } from './outcomeCounts.js';

/** One generation in a run's report: how many candidates, how many trained, its best. */
interface GenerationLine {
  readonly generation: number;
  readonly candidates: number;
  readonly trained: number;
  readonly failed: number;
  /** The generation's best validation NDCG@10, if any candidate trained. */
  readonly bestFitness?: number;
  /** The run's best so far after this generation. */
  readonly runBestFitness?: number;
}

/** What `evolverec show` prints and `report.json` holds. */
interface RunReport {
  readonly runId: string;
  readonly strategy: string;
  readonly dataset: string;
  readonly status: string;
  readonly stopReason?: string;
  readonly generations: readonly GenerationLine[];
  readonly best?: {
    readonly programId: string;
    readonly validation: Readonly<Record<string, number>>;
    /** Test metrics of the final evaluation, when it ran. */
    readonly test?: Readonly<Record<string, number>>;
  };
  readonly paretoFront: readonly string[];
  /** Every program that failed, where and why: a candidate's fault is its own, and shown. */
  readonly failures: readonly {
    readonly programId: string;
    readonly stage: string;
    readonly reason: string;
  }[];
  /** How the candidates ended, per strategy and model, and the repair loop's success. */
  readonly outcomes: readonly OutcomeCounts[];
  /** Programs whose feedback had rules stand in for an LLM (interpreter, critique). */
  readonly llmFallbacks: number;
  readonly costs: LedgerTotals;
  readonly candidatesTried: number;
  /** Why the final test evaluation is missing, when it is. */
  readonly finalNote?: string;
  /** The strategy comparison this run took part in (`evolverec compare`), once it is done. */
  readonly comparison?: Comparison;
}

/**
 * The report of a run from its state, the final evaluation's test metrics, and the costs kept
 * beside the state (each step's Lambda invocations).
 */
function runReport(
  state: RunState,
  final: { readonly test?: Readonly<Record<string, number>>; readonly note?: string } = {},
  stepCosts: readonly LedgerEntry[] = [],
  comparison?: Comparison
): RunReport {
  const lines: GenerationLine[] = [];
  let runBest: number | undefined;
  for (let generation = 0; generation <= state.generation; generation += 1) {
    const programs = state.programs.filter((program) => program.generation === generation);
    const fitnesses = programs.flatMap((program) =>
      program.fitness === undefined ? [] : [program.fitness]
    );
    const bestFitness = fitnesses.length === 0 ? undefined : Math.max(...fitnesses);
    if (bestFitness !== undefined) runBest = Math.max(runBest ?? bestFitness, bestFitness);
    lines.push({
      generation,
      candidates: programs.length,
      trained: programs.filter((program) => program.status === 'ok').length,
      failed: programs.filter((program) => program.status === 'failed').length,
      ...(bestFitness === undefined ? {} : { bestFitness }),
      ...(runBest === undefined ? {} : { runBestFitness: runBest }),
    });
  }
  const best = bestProgram(state.archive);
  const validation =
    best === undefined
      ? {}
      : Object.fromEntries(
          Object.entries(best.features).filter(([name]) => name.startsWith('val_'))
        );
  return {
    runId: state.runId,
    strategy: state.config.strategy,
    dataset: state.config.dataset,
    status: state.status,
    ...(state.stopReason === undefined ? {} : { stopReason: state.stopReason }),
    generations: lines,
    ...(best === undefined
      ? {}
      : {
          best: {
            programId: best.programId,
            validation,
            ...(final.test === undefined ? {} : { test: final.test }),
          },
        }),
    paretoFront: paretoFront(Object.values(state.archive.programs)).map((entry) => entry.programId),
    failures: state.programs.flatMap((program) =>
      program.status === 'failed'
        ? [
            {
              programId: program.id,
              stage: program.failureStage ?? 'unknown',
              reason: program.failureReason ?? '',
            },
          ]
        : []
    ),
    outcomes: [outcomeCounts(state.config, state.programs)],
    llmFallbacks: state.programs.filter((program) => (program.llmFallbacks ?? 0) > 0).length,
    costs: ledgerTotals([...state.ledger, ...stepCosts]),
    candidatesTried: state.candidatesTried,
    ...(final.note === undefined ? {} : { finalNote: final.note }),
    ...(comparison === undefined ? {} : { comparison }),
  };
}

/** The report as Markdown, for people reading the bucket. */
function runReportMarkdown(report: RunReport): string {
  const figure = (value: number | undefined) => (value === undefined ? '-' : value.toFixed(4));
  const lines = [
    `# Run ${report.runId}`,
    '',
    `${report.strategy} on ${report.dataset}: ${report.status}${report.stopReason === undefined ? '' : ` (${report.stopReason})`}`,
    '',
    '| generation | candidates | trained | failed | best val NDCG@10 | run best |',
    '|---|---|---|---|---|---|',
    ...report.generations.map(
      (line) =>
        `| ${line.generation} | ${line.candidates} | ${line.trained} | ${line.failed} | ${figure(line.bestFitness)} | ${figure(line.runBestFitness)} |`
    ),
    '',
  ];
  if (report.best !== undefined) {
    lines.push(`Best program: ${report.best.programId}`);
    for (const [split, metrics] of [
      ['validation', report.best.validation],
      ['test', report.best.test],
    ] as const) {
      if (metrics === undefined) continue;
      const names = Object.keys(metrics).sort();
      lines.push(
        `- ${split}: ${names.map((name) => `${name} ${figure(metrics[name])}`).join(', ')}`
      );
    }
  }
  if (report.finalNote !== undefined) lines.push(`- final evaluation: ${report.finalNote}`);
  if (report.failures.length > 0) {
    lines.push('', 'Failed programs:');
    for (const failure of report.failures) {
      lines.push(`- ${failure.programId} at ${failure.stage}: ${failure.reason}`);
    }
  }
  lines.push(
    '',
    'Outcomes:',
    ...report.outcomes.map((group) => `- ${describeOutcomeCounts(group)}`)
  );
  if (report.llmFallbacks > 0) {
    lines.push(`- rules stood in for an LLM in the feedback of ${report.llmFallbacks} program(s)`);
  }
  const { costs } = report;
  lines.push(
    '',
    `Costs: USD ${costs.usd.toFixed(4)} (LLM ${costs.usdByKind.llm.toFixed(4)}, GPU ${costs.usdByKind.gpu.toFixed(4)}, Lambda ${costs.usdByKind.lambda.toFixed(4)}); ${costs.countByKind.llm} LLM calls (${costs.failedLlmCalls} failed), ${costs.promptTokens + costs.completionTokens} tokens, ${costs.countByKind.lambda} Lambda invocations; ${report.candidatesTried} candidates tried.`,
    `Pareto front: ${report.paretoFront.join(', ') || '-'}`
  );
  if (report.comparison !== undefined) lines.push('', comparisonMarkdown(report.comparison));
  return `${lines.join('\n')}\n`;
}

export type { GenerationLine, RunReport };
export { runReport, runReportMarkdown };
