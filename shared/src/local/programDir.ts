import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProgramFiles } from '../core/program/index.js';
import { PROGRAM_FILE_NAMES } from '../core/program/index.js';
import { FileMissingError, InvalidArgumentError } from '../errors.js';

/** Reads a program directory (the seed's, or one written by writeProgramDir). */
async function readProgramDir(dir: string): Promise<ProgramFiles> {
  const modelPath = join(dir, 'model.py');
  if (!existsSync(modelPath)) throw new FileMissingError(modelPath, 'program model.py');
  const files: Record<string, string> = {};
  for (const name of PROGRAM_FILE_NAMES) {
    const path = join(dir, name);
    if (existsSync(path)) files[name] = await readFile(path, 'utf8');
  }
  return files;
}

/** Writes a program's files into `dir`, the layout the trainer's `--program` reads. */
async function writeProgramDir(dir: string, files: ProgramFiles): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    if (!(PROGRAM_FILE_NAMES as readonly string[]).includes(name)) {
      throw new InvalidArgumentError(
        `'${name}' is not a program file (${PROGRAM_FILE_NAMES.join(', ')})`
      );
    }
    await writeFile(join(dir, name), text);
  }
}

export { readProgramDir, writeProgramDir };
