import { describeDroppedFigures } from '../probes/index.js';

/** A verdict of the simulator's aggregator or the diagnosis interpreter. */
type FeedbackStatus = 'CRITICAL' | 'NEEDS_IMPROVEMENT' | 'STABLE';

/** The simulated users' critique of a candidate, with its figures. */
interface SimulatorPart {
  readonly status: FeedbackStatus;
  readonly failureModes: readonly string[];
  readonly summary: string;
  readonly figures: Readonly<Record<string, number>>;
}

/** The diagnosis of the model's internals: findings, and each figure with its definition. */
interface DiagnosisPart {
  readonly status: FeedbackStatus;
  readonly findings: readonly string[];
  readonly figures: Readonly<Record<string, number>>;
  readonly definitions: Readonly<Record<string, string>>;
}

/**
 * The evolvable probes' figures, why a proposed probes.js was turned down, if it was, and the
 * figures of the kept one that were dropped because they did not read the model.
 */
interface ProbesPart {
  readonly figures: Readonly<Record<string, number>>;
  readonly rejection?: string;
  readonly dropped?: readonly string[];
}

interface FeedbackParts {
  readonly simulator?: SimulatorPart;
  readonly diagnosis?: DiagnosisPart;
  readonly probes?: ProbesPart;
}

/** Default bound of the directional-feedback section of a prompt. */
const FEEDBACK_MAX_CHARS = 4_000;

/**
 * The directional-feedback section of the next prompt: what users said, what the probes found,
 * most important first (statuses and failure modes, then findings, then figures), cut to
 * `maxChars` at a line boundary with a note saying so. Validation metrics are not repeated: the
 * prompt shows them beside the feedback.
 */
function assembleFeedback(parts: FeedbackParts, maxChars: number = FEEDBACK_MAX_CHARS): string {
  const lines: string[] = [];
  const { simulator, diagnosis, probes } = parts;
  if (simulator !== undefined) {
    lines.push(`User simulator: ${simulator.status}`);
    lines.push(...simulator.failureModes.map((mode) => `- failure mode: ${mode}`));
    if (simulator.summary !== '') lines.push(`- summary: ${simulator.summary}`);
  }
  if (diagnosis !== undefined) {
    lines.push(`Model diagnosis: ${diagnosis.status}`);
    lines.push(...diagnosis.findings.map((finding) => `- finding: ${finding}`));
  }
  if (probes?.rejection !== undefined) {
    lines.push(`The proposed probes.js was not kept: ${probes.rejection}`);
  }
  if (probes?.dropped !== undefined && probes.dropped.length > 0) {
    lines.push(describeDroppedFigures(probes.dropped));
  }
  if (simulator !== undefined) lines.push(`Simulator figures: ${figureList(simulator.figures)}`);
  if (diagnosis !== undefined) {
    lines.push('Diagnosis figures:');
    for (const name of Object.keys(diagnosis.figures).sort()) {
      const definition = diagnosis.definitions[name];
      const value = formatFigure(diagnosis.figures[name]);
      lines.push(`- ${name} = ${value}${definition === undefined ? '' : ` (${definition})`}`);
    }
  }
  if (probes !== undefined && Object.keys(probes.figures).length > 0) {
    lines.push(`probes.js figures: ${figureList(probes.figures)}`);
  }
  return boundLines(lines, maxChars);
}

function figureList(figures: Readonly<Record<string, number>>): string {
  return Object.keys(figures)
    .sort()
    .map((name) => `${name} ${formatFigure(figures[name])}`)
    .join(', ');
}

function formatFigure(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return 'n/a';
  return Number.isInteger(value) ? String(value) : value.toFixed(4);
}

/** Keeps whole lines up to `maxChars`, then says how many lines were left out. */
function boundLines(lines: readonly string[], maxChars: number): string {
  const kept: string[] = [];
  let length = 0;
  for (const [index, line] of lines.entries()) {
    const note = `… (${lines.length - index} more lines cut)`;
    if (length + line.length + 1 + note.length > maxChars) {
      kept.push(note);
      break;
    }
    kept.push(line);
    length += line.length + 1;
  }
  return kept.join('\n');
}

export type { DiagnosisPart, FeedbackParts, FeedbackStatus, ProbesPart, SimulatorPart };
export { assembleFeedback, FEEDBACK_MAX_CHARS };
