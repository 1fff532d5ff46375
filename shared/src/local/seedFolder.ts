import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { InvalidArgumentError } from '../errors.js';
import { repoRoot } from './paths.js';

/**
 * The seed folder a config names (`seedProgram`): as given when absolute, else from the working
 * directory, else from the checkout (`programs/sasrec` works from anywhere).
 */
function resolveSeedDir(seedProgram: string): string {
  if (isAbsolute(seedProgram)) return seedProgram;
  const fromHere = resolve(seedProgram);
  return existsSync(fromHere) ? fromHere : join(repoRoot, seedProgram);
}

/**
 * The seed folder's files by relative path (model.py, probes.js, search-space.json and the
 * variant files it names, e.g. losses/bce.py): every .py, .js and .json file, hidden files and
 * __pycache__ left out.
 */
async function readSeedFolder(dir: string): Promise<Record<string, Buffer>> {
  if (!existsSync(join(dir, 'model.py'))) {
    throw new InvalidArgumentError(`the seed program ${dir} has no model.py`);
  }
  const files: Record<string, Buffer> = {};
  for (const path of await seedFiles(dir)) files[relative(dir, path)] = await readFile(path);
  return files;
}

async function seedFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === '__pycache__') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await seedFiles(path)));
    else if (/\.(py|js|json)$/.test(entry.name)) files.push(path);
  }
  return files.sort();
}

export { readSeedFolder, resolveSeedDir };
