import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseJsonContract } from '../core/contracts/index.js';
import type { CandidateOutcome, RunState } from '../core/evolution/index.js';
import { candidateOutcomeSchema, runStateSchema } from '../core/evolution/index.js';
import type { ProgramFiles } from '../core/program/index.js';
import type { RunStore, StoredProgram } from '../engine/index.js';
import { FileMissingError, InvalidArgumentError } from '../errors.js';
import { readProgramDir, writeProgramDir } from './programDir.js';

/**
 * Runs kept in a local folder, one directory per run:
 *
 *     <root>/<runId>/state.json
 *     <root>/<runId>/programs/<programId>/{outcome.json, exchanges.json, diff.patch, files/…}
 *
 * Every file is written to a temporary name and renamed, so a killed run never leaves half a
 * file; the outcome is written last, so a program counts as stored only once all of it is.
 */
function createLocalRunStore(root: string): RunStore {
  const runDir = (runId: string) => join(root, checkedId(runId, 'run id'));
  const programDir = (runId: string, programId: string) =>
    join(runDir(runId), 'programs', checkedId(programId, 'program id'));

  return {
    async saveProgram(runId, program: StoredProgram) {
      const dir = programDir(runId, program.record.id);
      await writeProgramDir(join(dir, 'files'), program.files);
      await writeAtomically(join(dir, 'exchanges.json'), json(program.exchanges));
      if (program.diffFromParent !== undefined) {
        await writeAtomically(join(dir, 'diff.patch'), program.diffFromParent);
      }
      const outcome: CandidateOutcome = {
        record: program.record,
        ledger: program.ledger,
        ...(program.entry === undefined ? {} : { entry: program.entry }),
      };
      await writeAtomically(join(dir, 'outcome.json'), json(outcome));
    },

    async loadOutcome(runId, programId) {
      const path = join(programDir(runId, programId), 'outcome.json');
      if (!existsSync(path)) return undefined;
      return parseJsonContract(candidateOutcomeSchema, await readFile(path, 'utf8'), path);
    },

    async loadProgramFiles(runId, programId): Promise<ProgramFiles> {
      const dir = join(programDir(runId, programId), 'files');
      if (!existsSync(dir)) throw new FileMissingError(dir, `files of program ${programId}`);
      return readProgramDir(dir);
    },

    async saveRunState(state: RunState) {
      await writeAtomically(join(runDir(state.runId), 'state.json'), json(state));
    },

    async loadRunState(runId) {
      const path = join(runDir(runId), 'state.json');
      if (!existsSync(path)) return undefined;
      return parseJsonContract(runStateSchema, await readFile(path, 'utf8'), path);
    },

    async listRunIds() {
      if (!existsSync(root)) return [];
      const entries = await readdir(root, { withFileTypes: true });
      return entries
        .filter((entry) => entry.isDirectory() && existsSync(join(root, entry.name, 'state.json')))
        .map((entry) => entry.name)
        .sort();
    },
  };
}

/** Ids become directory names: no separators, no dot-dot, nothing a shell would trip on. */
function checkedId(id: string, what: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id)) {
    throw new InvalidArgumentError(`${what} '${id}' may hold only letters, digits, '.', '_', '-'`);
  }
  return id;
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

async function writeAtomically(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, path);
}

export { createLocalRunStore };
