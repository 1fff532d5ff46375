import type { z } from 'zod';
import { parseJsonContract } from '../../core/contracts/index.js';
import type { ProgramFiles } from '../../core/program/index.js';
import { FileMissingError } from '../../errors.js';
import type { ObjectStore } from '../ports.js';

const decoder = new TextDecoder();

/** Reads and validates a JSON object; undefined when there is none. */
async function getJson<Schema extends z.ZodType>(
  objects: ObjectStore,
  key: string,
  schema: Schema
): Promise<z.output<Schema> | undefined> {
  const body = await objects.get(key);
  if (body === undefined) return undefined;
  return parseJsonContract(schema, decoder.decode(body), key);
}

async function putJson(objects: ObjectStore, key: string, value: unknown): Promise<void> {
  await objects.put(key, JSON.stringify(value));
}

/** Writes a program's files under a prefix (`<prefix><file>`), the layout `--program` reads. */
async function putProgramFiles(
  objects: ObjectStore,
  prefix: string,
  files: ProgramFiles
): Promise<void> {
  await Promise.all(
    Object.entries(files).map(([name, text]) => objects.put(`${prefix}${name}`, text))
  );
}

/** Reads the files directly under a prefix (not its sub-folders); there must be some. */
async function getProgramFiles(
  objects: ObjectStore,
  prefix: string,
  names?: readonly string[]
): Promise<ProgramFiles> {
  const keys = (await objects.list(prefix)).filter((key) => {
    const name = key.slice(prefix.length);
    return !name.includes('/') && (names === undefined || names.includes(name));
  });
  if (keys.length === 0) throw new FileMissingError(objects.uri(prefix), 'program files');
  const entries = await Promise.all(
    keys.map(
      async (key) => [key.slice(prefix.length), decoder.decode(await objects.get(key))] as const
    )
  );
  return Object.fromEntries(entries);
}

export { getJson, getProgramFiles, putJson, putProgramFiles };
