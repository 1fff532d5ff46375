import { SearchSpaceError } from '../../errors.js';

/** One `"<key>": <literal>,` line of HPARAMS, cut around its value. */
interface HparamLine {
  readonly line: string;
  /** Everything before the value: indentation, key and colon. */
  readonly head: string;
  readonly literal: string;
  /** Everything after the value: comma and comment. */
  readonly tail: string;
}

const PYTHON_NUMBER = /^[-+]?(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][-+]?\d+)?$/;

/** The line of a hyperparameters block that sets `key`; exactly one must. */
function hparamLine(blockContent: string, key: string): HparamLine {
  const pattern = new RegExp(`^(\\s*"${key}"\\s*:\\s*)([^,#\\s][^,#]*?)(\\s*,?\\s*(?:#.*)?)$`);
  const lines = blockContent
    .split('\n')
    .map((line) => ({ line, match: pattern.exec(line) }))
    .flatMap(({ line, match }) =>
      match === null
        ? []
        : [{ line, head: match[1] ?? '', literal: match[2] ?? '', tail: match[3] ?? '' }]
    );
  const [only] = lines;
  if (only === undefined || lines.length > 1) {
    const found = lines.length === 0 ? 'no line sets it' : `${lines.length} lines set it`;
    throw new SearchSpaceError(
      `HPARAMS["${key}"]: ${found}; nas needs one "${key}": <value>, line`
    );
  }
  return only;
}

/** The number a Python numeric literal stands for (`64`, `1e-3`, `0.2`, `1_000`). */
function parsePythonNumber(literal: string, key: string): number {
  const value = Number(literal.replace(/_/g, ''));
  if (!PYTHON_NUMBER.test(literal) || !Number.isFinite(value)) {
    throw new SearchSpaceError(`HPARAMS["${key}"] is ${literal}, not a number literal`);
  }
  return value;
}

/** A Python literal of a value: floats always carry a point or an exponent (`0.0`, `0.0005`). */
function formatPythonNumber(value: number, type: 'int' | 'float'): string {
  return type === 'float' && Number.isInteger(value) ? value.toFixed(1) : String(value);
}

export type { HparamLine };
export { formatPythonNumber, hparamLine, parsePythonNumber };
