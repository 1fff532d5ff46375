import { parseJsonContract } from '../../core/contracts/index.js';
import type { NasSearchSpace } from '../../core/nas/index.js';
import {
  nasSearchSpaceDeclarationSchema,
  nasVariantFiles,
  resolveNasSearchSpace,
} from '../../core/nas/index.js';
import { runKeys } from '../../core/runs/index.js';
import { FileMissingError } from '../../errors.js';
import type { ObjectStore } from '../ports.js';

/** The file beside a seed program that declares its `nas` search space. */
const SEARCH_SPACE_FILE = 'search-space.json';

const decoder = new TextDecoder();

/**
 * A `nas` run's search space, from the run's copy of its seed folder: search-space.json and the
 * variant files it names (e.g. losses/bce.py).
 */
async function readSearchSpace(objects: ObjectStore, runId: string): Promise<NasSearchSpace> {
  const seed = runKeys(runId).seed;
  const read = async (file: string) => {
    const body = await objects.get(`${seed}${file}`);
    if (body === undefined)
      throw new FileMissingError(objects.uri(`${seed}${file}`), `seed file ${file}`);
    return decoder.decode(body);
  };
  const declaration = parseJsonContract(
    nasSearchSpaceDeclarationSchema,
    await read(SEARCH_SPACE_FILE),
    objects.uri(`${seed}${SEARCH_SPACE_FILE}`)
  );
  const variants = await Promise.all(
    nasVariantFiles(declaration).map(async (file) => [file, await read(file)] as const)
  );
  return resolveNasSearchSpace(declaration, Object.fromEntries(variants));
}

export { readSearchSpace, SEARCH_SPACE_FILE };
