import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseJsonContract } from '../../../../shared/src/core/contracts/index.js';
import type { NasSearchSpace } from '../../../../shared/src/core/nas/index.js';
import {
  nasSearchSpaceDeclarationSchema,
  nasVariantFiles,
  resolveNasSearchSpace,
} from '../../../../shared/src/core/nas/index.js';
import type { ProgramFiles } from '../../../../shared/src/core/program/index.js';
import { repoRoot } from '../../../../shared/src/local/index.js';

const seedDir = join(repoRoot, 'programs', 'sasrec');

/** The seed program's files, as the archive would hold them. */
function seedFiles(): ProgramFiles {
  return { 'model.py': readFileSync(join(seedDir, 'model.py'), 'utf8') };
}

/** Reads and resolves a search-space.json and the variant files it names beside it. */
function loadSearchSpace(path: string): NasSearchSpace {
  const declaration = parseJsonContract(
    nasSearchSpaceDeclarationSchema,
    readFileSync(path, 'utf8'),
    path
  );
  const sources = Object.fromEntries(
    nasVariantFiles(declaration).map((file) => [
      file,
      readFileSync(join(dirname(path), file), 'utf8'),
    ])
  );
  return resolveNasSearchSpace(declaration, sources);
}

/** The seed's declared search space. */
function seedSearchSpace(): NasSearchSpace {
  return loadSearchSpace(join(seedDir, 'search-space.json'));
}

export { seedDir, seedFiles, seedSearchSpace };
