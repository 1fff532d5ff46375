import { z } from 'zod';
import type { PreparedView, ViewUser } from '../core/dataset/index.js';
import type { DiagnosisTemplates } from '../core/diagnosis/index.js';
import {
  diagnosisStatusSchema,
  interpretByRules,
  interpretWithLlm,
} from '../core/diagnosis/index.js';
import { assembleFeedback } from '../core/feedback/index.js';
import type { LlmClient, LlmExchange } from '../core/llm/index.js';
import { llmExchangeSchema } from '../core/llm/index.js';
import type { ProbeSandbox } from '../core/probes/index.js';
import { buildProbeInput } from '../core/probes/index.js';
import type { ProgramFiles } from '../core/program/index.js';
import type { ScoringModel } from '../core/ranking/index.js';
import type { SimulatorChoice } from '../core/simulation/index.js';
import { critiqueSchema, signalShareFigures } from '../core/simulation/index.js';
import { SimulationFailedError } from '../errors.js';
import { diagnoseModel } from './diagnoseModel.js';
import type { ProgramFeedback } from './ports.js';
import { simulateUsers } from './simulateUsers.js';
import { vetProbeScript } from './vetProbeScript.js';

/** The probe script's file in a program. */
const PROBES_FILE = 'probes.js';

const figuresSchema = z.record(z.string(), z.number());

/** How long the simulated users took: what `run` prints as seconds per simulated user. */
const simulationTimingSchema = z
  .object({
    users: z.int().min(0),
    failedUsers: z.int().min(0),
    seconds: z.number().min(0),
    llmCalls: z.int().min(0),
  })
  .strict();

/**
 * The simulate step's result, stored between steps as JSON. When every simulated user failed,
 * `failure` says why and there is no critique; the calls they made are kept all the same.
 */
const simulationFeedbackSchema = z
  .object({
    simulator: critiqueSchema.omit({ source: true }).extend({ figures: figuresSchema }).optional(),
    failure: z.string().optional(),
    /** Why the rules stood in for the LLM aggregator. */
    fallback: z.string().optional(),
    /** satisfaction, viewRate, meanRating, exitDepth and the signal shares: archive features. */
    figures: figuresSchema,
    timing: simulationTimingSchema.optional(),
    exchanges: z.array(llmExchangeSchema),
  })
  .strict();

/** The diagnose step's result, stored between steps as JSON. */
const diagnosisFeedbackSchema = z
  .object({
    diagnosis: z
      .object({
        status: diagnosisStatusSchema,
        findings: z.array(z.string()),
        figures: figuresSchema,
        definitions: z.record(z.string(), z.string()),
      })
      .strict(),
    probes: z
      .object({
        figures: figuresSchema,
        rejection: z.string().optional(),
        /** Figures of the kept probes.js that did not move under the perturbation. */
        dropped: z.array(z.string()).optional(),
      })
      .strict()
      .optional(),
    /** The probes.js kept when the proposal's was rejected (the parent's). */
    keptProbes: z.string().optional(),
    /** Why the rules stood in for the LLM interpreter. */
    fallback: z.string().optional(),
    /** `diag_*` figures and `coverage`: archive features. */
    figures: figuresSchema,
    exchanges: z.array(llmExchangeSchema),
  })
  .strict();

type SimulationFeedback = z.infer<typeof simulationFeedbackSchema>;
type DiagnosisFeedback = z.infer<typeof diagnosisFeedbackSchema>;

interface ModelFeedbackSettings {
  /** The candidate view: training histories and validation items, never the test split. */
  readonly view: PreparedView;
  /** The run's sampled users, the same for every candidate. */
  readonly users: readonly ViewUser[];
  /** Length of the top-K lists judged by the probes. */
  readonly k?: number;
  /** Simulated users done of total, as each is done (simulate only). */
  readonly onUserDone?: (done: number, total: number) => void;
}

/**
 * The simulate step: simulated users browse the model's pages and say what is wrong. Users who
 * all failed are a result too (the failure, and the calls they made), not a fault of the step:
 * running the step again would pay for every call again.
 */
async function simulateProgram(
  settings: ModelFeedbackSettings & { readonly simulator: SimulatorChoice },
  model: ScoringModel
): Promise<SimulationFeedback> {
  const started = performance.now();
  let simulation: Awaited<ReturnType<typeof simulateUsers>>;
  try {
    simulation = await simulateUsers({
      model,
      view: settings.view,
      users: settings.users,
      simulator: settings.simulator,
      ...(settings.onUserDone === undefined ? {} : { onUserDone: settings.onUserDone }),
    });
  } catch (error) {
    if (!(error instanceof SimulationFailedError)) throw error;
    const exchanges = error.exchanges.map((exchange) => llmExchangeSchema.parse(exchange));
    return {
      failure: error.message,
      figures: {},
      timing: timingOf(settings.users.length, settings.users.length, started, exchanges),
      exchanges,
    };
  }
  const { figures, critique } = simulation;
  return {
    ...(simulation.critiqueFallback === undefined ? {} : { fallback: simulation.critiqueFallback }),
    timing: timingOf(settings.users.length, figures.failedUsers, started, simulation.exchanges),
    simulator: {
      status: critique.status,
      failureModes: [...critique.failureModes],
      summary: critique.summary,
      figures: { ...figures },
    },
    figures: {
      satisfaction: figures.satisfaction,
      viewRate: figures.viewRate,
      meanRating: figures.meanRating,
      exitDepth: figures.exitDepth,
      ...signalShareFigures(simulation.signals),
    },
    exchanges: [...simulation.exchanges],
  };
}

/**
 * The diagnose step: the built-in probes and the program's own probes.js read the model's outputs
 * and taps. A probes.js the proposal changed is kept only if it passes vetting; otherwise the
 * parent's stays and the rejection is feedback. Figures that do not read the model are dropped,
 * and the feedback names them.
 */
async function diagnoseProgram(
  settings: ModelFeedbackSettings & {
    /** Rules offline, or the judge role with its templates. */
    readonly interpreter:
      | { readonly kind: 'rules' }
      | { readonly kind: 'llm'; readonly llm: LlmClient; readonly templates: DiagnosisTemplates };
    readonly sandbox: ProbeSandbox;
  },
  model: ScoringModel,
  program: { readonly files: ProgramFiles; readonly parentFiles?: ProgramFiles }
): Promise<DiagnosisFeedback> {
  const { view, users, interpreter } = settings;
  const k = settings.k ?? 10;
  const diagnosisUsers = users.map((user) => ({ history: user.train, valid: user.valid }));
  const diagnosis = await diagnoseModel(model, view.catalog, diagnosisUsers, { k });
  const interpreted =
    interpreter.kind === 'rules'
      ? { interpretation: interpretByRules(diagnosis), exchanges: [] }
      : await interpretWithLlm(interpreter.llm, interpreter.templates, diagnosis, {
          users: users.length,
          k,
        });
  const candidate = program.files[PROBES_FILE];
  const probes =
    candidate === undefined
      ? undefined
      : await vetProbeScript(
          settings.sandbox,
          { candidate, parent: program.parentFiles?.[PROBES_FILE] ?? candidate },
          buildProbeInput({
            histories: diagnosisUsers.map((user) => user.history),
            result: diagnosis.scoring,
            catalog: view.catalog,
          })
        );
  const { status, findings } = interpreted.interpretation;
  return {
    ...('fallbackReason' in interpreted && interpreted.fallbackReason !== undefined
      ? { fallback: interpreted.fallbackReason }
      : {}),
    diagnosis: {
      status,
      findings: [...findings],
      figures: diagnosis.figures,
      definitions: diagnosis.definitions,
    },
    ...(probes === undefined
      ? {}
      : {
          probes: {
            figures: probes.figures,
            ...(probes.rejection === undefined ? {} : { rejection: probes.rejection }),
            ...(probes.dropped.length === 0 ? {} : { dropped: [...probes.dropped] }),
          },
          ...(probes.accepted ? {} : { keptProbes: probes.source }),
        }),
    figures: {
      ...prefixed('diag_', diagnosis.figures),
      ...(diagnosis.figures.catalog_coverage === undefined
        ? {}
        : { coverage: diagnosis.figures.catalog_coverage }),
    },
    exchanges: [...interpreted.exchanges],
  };
}

function timingOf(
  users: number,
  failedUsers: number,
  startedMs: number,
  exchanges: readonly LlmExchange[]
): SimulationFeedback['timing'] {
  return {
    users,
    failedUsers,
    seconds: (performance.now() - startedMs) / 1000,
    llmCalls: exchanges.length,
  };
}

/**
 * The directional feedback of the record step: both verdicts as the bounded text of the children's
 * prompts, their figures for the archive, and the program as kept. Either part may be missing
 * (its step failed); the program is then recorded with what there is. Where rules stood in for
 * an LLM, or the simulated users all failed, `llmFallbacks` says so.
 */
function combineFeedback(
  parts: { readonly simulation?: SimulationFeedback; readonly diagnosis?: DiagnosisFeedback },
  files: ProgramFiles,
  maxChars: number
): ProgramFeedback {
  const { simulation, diagnosis } = parts;
  const text = assembleFeedback(
    {
      ...(simulation?.simulator === undefined ? {} : { simulator: simulation.simulator }),
      ...(diagnosis === undefined ? {} : { diagnosis: diagnosis.diagnosis }),
      ...(diagnosis?.probes === undefined ? {} : { probes: diagnosis.probes }),
    },
    maxChars
  );
  return {
    text,
    figures: { ...simulation?.figures, ...diagnosis?.figures },
    files:
      diagnosis?.keptProbes === undefined
        ? files
        : { ...files, [PROBES_FILE]: diagnosis.keptProbes },
    exchanges: [...(simulation?.exchanges ?? []), ...(diagnosis?.exchanges ?? [])],
    llmFallbacks: [
      ...(simulation?.failure === undefined
        ? []
        : [{ part: 'simulated users', reason: simulation.failure }]),
      ...(simulation?.fallback === undefined
        ? []
        : [{ part: 'critique', reason: simulation.fallback }]),
      ...(diagnosis?.fallback === undefined
        ? []
        : [{ part: 'interpreter', reason: diagnosis.fallback }]),
    ],
  };
}

/** Diagnosis figures join the archive's features under a prefix, apart from the simulator's. */
function prefixed(
  prefix: string,
  figures: Readonly<Record<string, number>>
): Record<string, number> {
  return Object.fromEntries(
    Object.entries(figures).map(([name, value]) => [`${prefix}${name}`, value])
  );
}

export type { DiagnosisFeedback, ModelFeedbackSettings, SimulationFeedback };
export {
  combineFeedback,
  diagnoseProgram,
  diagnosisFeedbackSchema,
  simulateProgram,
  simulationFeedbackSchema,
};
