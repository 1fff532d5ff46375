import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';

/** Environment variables the local tools read; unset and empty mean the same. */
type LocalEnv = Readonly<Record<string, string | undefined>>;

/** The checkout this code runs from (shared/src/local → three levels up). */
const repoRoot = resolve(import.meta.dirname, '..', '..', '..');

/** EVOLVEREC_PYTHON, else the checkout's .venv, else python3 on the PATH. */
function resolvePython(env: LocalEnv): string {
  const venvPython = join(repoRoot, '.venv', 'bin', 'python');
  return nonEmpty(env.EVOLVEREC_PYTHON) ?? (existsSync(venvPython) ? venvPython : 'python3');
}

/** --data-dir, else EVOLVEREC_DATA_DIR, else ~/.cache/evolverec/data. */
function resolveDataDir(flag: string | undefined, env: LocalEnv): string {
  const chosen = nonEmpty(flag) ?? nonEmpty(env.EVOLVEREC_DATA_DIR);
  return resolve(chosen ?? join(homedir(), '.cache', 'evolverec', 'data'));
}

/** Local state (prepared datasets, evaluation outputs): EVOLVEREC_STATE_DIR, else .evolverec. */
function resolveStateDir(env: LocalEnv): string {
  return resolve(nonEmpty(env.EVOLVEREC_STATE_DIR) ?? join(repoRoot, '.evolverec'));
}

/** Where a dataset's prepared view is cached, by its source's cache name (sourceCacheName). */
function preparedViewDir(stateDir: string, cacheName: string, view: string): string {
  return join(stateDir, 'datasets', cacheName, view);
}

/** `<state>/evals/<UTC timestamp>-<program dir name>`, e.g. 20250102T030405123Z-sasrec. */
function defaultEvalOutDir(stateDir: string, now: Date, programDir: string): string {
  const stamp = now.toISOString().replace(/[-:.]/g, '');
  return join(stateDir, 'evals', `${stamp}-${basename(resolve(programDir))}`);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

export type { LocalEnv };
export {
  defaultEvalOutDir,
  preparedViewDir,
  repoRoot,
  resolveDataDir,
  resolvePython,
  resolveStateDir,
};
