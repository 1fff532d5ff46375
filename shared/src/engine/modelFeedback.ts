import type { PreparedView, ViewUser } from '../core/dataset/index.js';
import type {
  DiagnosisFigures,
  DiagnosisInterpretation,
  DiagnosisTemplates,
} from '../core/diagnosis/index.js';
import { interpretByRules, interpretWithLlm } from '../core/diagnosis/index.js';
import { assembleFeedback } from '../core/feedback/index.js';
import type { LlmClient, LlmExchange } from '../core/llm/index.js';
import type { ProbeSandbox } from '../core/probes/index.js';
import { buildProbeInput } from '../core/probes/index.js';
import type { ScoringModel } from '../core/ranking/index.js';
import type { SimulatorChoice } from '../core/simulation/index.js';
import { diagnoseModel } from './diagnoseModel.js';
import type { FeedbackSource, ProgramFeedback } from './ports.js';
import { simulateUsers } from './simulateUsers.js';
import type { VettedProbes } from './vetProbeScript.js';
import { vetProbeScript } from './vetProbeScript.js';

/** The probe script's file in a program. */
const PROBES_FILE = 'probes.js';

interface ModelFeedbackSettings {
  /** Opens a trained candidate's model from its location (a folder, or an S3 prefix). */
  readonly loadModel: (location: string) => Promise<ScoringModel>;
  /** The candidate view: training histories and validation items, never the test split. */
  readonly view: PreparedView;
  /** The run's sampled users, the same for every candidate. */
  readonly users: readonly ViewUser[];
  readonly simulator: SimulatorChoice;
  /** Rules offline, or the judge role with its templates. */
  readonly interpreter:
    | { readonly kind: 'rules' }
    | { readonly kind: 'llm'; readonly llm: LlmClient; readonly templates: DiagnosisTemplates };
  readonly sandbox: ProbeSandbox;
  readonly maxChars: number;
  /** Length of the top-K lists judged by the probes. */
  readonly k?: number;
}

/**
 * The simulate and diagnose steps for one trained program: simulated users browse its pages, the
 * built-in probes and the program's own probes.js read its outputs and taps, and the two verdicts
 * become the directional feedback of its children's prompts. A probes.js the proposal changed is
 * kept only if it passes vetting; otherwise the parent's stays and the rejection is feedback.
 */
function createModelFeedbackSource(settings: ModelFeedbackSettings): FeedbackSource {
  const { view, users, sandbox } = settings;
  const k = settings.k ?? 10;
  return {
    async feedbackFor({ files, parentFiles, modelLocation }): Promise<ProgramFeedback> {
      const model = await settings.loadModel(modelLocation);
      try {
        const simulation = await simulateUsers({
          model,
          view,
          users,
          simulator: settings.simulator,
        });
        const diagnosisUsers = users.map((user) => ({ history: user.train, valid: user.valid }));
        const diagnosis = await diagnoseModel(model, view.catalog, diagnosisUsers, { k });
        const interpreted = await interpret(settings, diagnosis, { users: users.length, k });
        const probes = await vetProgramProbes(sandbox, files, parentFiles, () =>
          buildProbeInput({
            histories: diagnosisUsers.map((user) => user.history),
            result: diagnosis.scoring,
            catalog: view.catalog,
          })
        );
        const text = assembleFeedback(
          {
            simulator: { ...simulation.critique, figures: simulation.figures },
            diagnosis: { ...interpreted.interpretation, ...diagnosis },
            ...(probes === undefined
              ? {}
              : {
                  probes: {
                    figures: probes.figures,
                    ...(probes.rejection === undefined ? {} : { rejection: probes.rejection }),
                  },
                }),
          },
          settings.maxChars
        );
        return {
          text,
          figures: {
            satisfaction: simulation.figures.satisfaction,
            viewRate: simulation.figures.viewRate,
            meanRating: simulation.figures.meanRating,
            exitDepth: simulation.figures.exitDepth,
            ...prefixed('diag_', diagnosis.figures),
            ...(diagnosis.figures.catalog_coverage === undefined
              ? {}
              : { coverage: diagnosis.figures.catalog_coverage }),
          },
          files:
            probes === undefined || probes.accepted
              ? files
              : { ...files, [PROBES_FILE]: probes.source },
          exchanges: [...simulation.exchanges, ...interpreted.exchanges],
        };
      } finally {
        await model.close();
      }
    },
  };
}

async function interpret(
  settings: ModelFeedbackSettings,
  diagnosis: DiagnosisFigures,
  scope: { readonly users: number; readonly k: number }
): Promise<{ interpretation: DiagnosisInterpretation; exchanges: readonly LlmExchange[] }> {
  const { interpreter } = settings;
  if (interpreter.kind === 'rules')
    return { interpretation: interpretByRules(diagnosis), exchanges: [] };
  const { interpretation, exchanges } = await interpretWithLlm(
    interpreter.llm,
    interpreter.templates,
    diagnosis,
    scope
  );
  return { interpretation, exchanges };
}

/** Vets the program's probes.js against its parent's; undefined when it has none. */
async function vetProgramProbes(
  sandbox: ProbeSandbox,
  files: Readonly<Record<string, string>>,
  parentFiles: Readonly<Record<string, string>> | undefined,
  input: () => ReturnType<typeof buildProbeInput>
): Promise<VettedProbes | undefined> {
  const candidate = files[PROBES_FILE];
  if (candidate === undefined) return undefined;
  const parent = parentFiles?.[PROBES_FILE] ?? candidate;
  return vetProbeScript(sandbox, { candidate, parent }, input());
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

export type { ModelFeedbackSettings };
export { createModelFeedbackSource };
