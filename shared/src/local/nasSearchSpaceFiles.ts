import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseJsonContract } from '../core/contracts/index.js';
import type { NasSearchSpace } from '../core/nas/index.js';
import {
  nasSearchSpaceDeclarationSchema,
  nasVariantFiles,
  resolveNasSearchSpace,
} from '../core/nas/index.js';
import { FileMissingError } from '../errors.js';

/** The file beside a seed program that declares its `nas` search space. */
const SEARCH_SPACE_FILE = 'search-space.json';

/** Reads a seed's search-space.json and the variant files it names, and resolves them. */
async function readNasSearchSpace(seedDir: string): Promise<NasSearchSpace> {
  const path = join(seedDir, SEARCH_SPACE_FILE);
  if (!existsSync(path)) throw new FileMissingError(path, 'nas search space');
  const declaration = parseJsonContract(
    nasSearchSpaceDeclarationSchema,
    await readFile(path, 'utf8'),
    path
  );
  const sources = await Promise.all(
    nasVariantFiles(declaration).map(async (file) => {
      const variantPath = join(seedDir, file);
      if (!existsSync(variantPath)) throw new FileMissingError(variantPath, 'search-space variant');
      return [file, await readFile(variantPath, 'utf8')] as const;
    })
  );
  return resolveNasSearchSpace(declaration, Object.fromEntries(sources));
}

export { readNasSearchSpace, SEARCH_SPACE_FILE };
