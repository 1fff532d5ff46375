import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';
import { z } from 'zod';
import { runIdSchema } from '../../shared/src/core/runs/index.js';
import { RemoteApiError } from '../../shared/src/errors.js';
import { parseFlags } from '../flags.js';
import { type CliIo, exitCodes } from '../io.js';
import { modelAnswerSchema, programAnswerSchema, runAnswerSchema } from './apiAnswers.js';
import { oneRunId } from './runIdArgument.js';
import { connectRunsApi, remoteFlags, remoteFlagsShape } from './runsApiConnection.js';
import type { SignedApiClient } from './signedApiClient.js';

const fetchFlags = {
  ...remoteFlags,
  program: { type: 'string' },
  out: { type: 'string' },
} as const;
const fetchFlagsSchema = z
  .object({
    ...remoteFlagsShape,
    program: runIdSchema.optional(),
    out: z.string().min(1, 'must not be empty').optional(),
  })
  .strict();

/**
 * `evolverec fetch <run> [--program ID] [--out DIR]`: a program of a deployed run (the run's best
 * unless named) onto this machine: `<out>/<program>/` with its files, outcome.json (its record,
 * figures and costs) and model/ (model.onnx, model.json, downloaded from the bucket through the
 * URLs the API presigns). `<out>` is `./<run>` unless given.
 */
async function fetchCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseFlags(args, fetchFlags, fetchFlagsSchema);
  const runId = oneRunId('fetch', positionals);
  const api = await connectRunsApi(flags);
  const programId = flags.program ?? (await bestProgramOf(api, runId));
  const dir = resolve(flags.out ?? runId, programId);
  const program = await api.request(
    'GET',
    `runs/${runId}/programs/${programId}`,
    programAnswerSchema
  );
  const written: string[] = [];
  const put = async (name: string, text: string) => {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
    written.push(name);
  };
  for (const [name, text] of Object.entries(program.files)) await put(name, text);
  await put('outcome.json', `${JSON.stringify(program.outcome, null, 2)}\n`);
  const model = await api
    .request('GET', `runs/${runId}/programs/${programId}/model`, modelAnswerSchema)
    .catch((error: unknown) => {
      // A program that failed has files and an outcome, and no model: that is not an error.
      if (error instanceof RemoteApiError && error.status === 404) return undefined;
      throw error;
    });
  for (const file of model?.files ?? []) {
    io.stderr.write(`evolverec: downloading model/${file.name}\n`);
    await download(file.url, join(dir, 'model', file.name));
    written.push(`model/${file.name}`);
  }
  if (flags.json) {
    io.stdout.write(`${JSON.stringify({ runId, programId, dir, files: written })}\n`);
  } else {
    io.stdout.write(`${dir}\n`);
    if (model === undefined) io.stderr.write(`evolverec: ${programId} has no model to fetch\n`);
  }
  return exitCodes.ok;
}

async function bestProgramOf(api: SignedApiClient, runId: string): Promise<string> {
  const { run, progress } = await api.request('GET', `runs/${runId}`, runAnswerSchema);
  if (progress?.best === undefined) {
    throw new RemoteApiError(
      `run ${runId} (${run.status}) has no trained program yet; name one with --program, or wait (evolverec status ${runId})`
    );
  }
  return progress.best.programId;
}

/** Streams one presigned object to `path`: a model may be larger than memory should hold. */
async function download(url: string, path: string): Promise<void> {
  const response = await fetch(url).catch((error: unknown) => {
    throw new RemoteApiError(
      `could not download ${new URL(url).pathname} (${(error as Error).message})`,
      undefined,
      { cause: error }
    );
  });
  if (!response.ok || response.body === null) {
    throw new RemoteApiError(
      `downloading ${new URL(url).pathname} answered ${response.status}; its URL may have expired: fetch again`,
      response.status
    );
  }
  await mkdir(dirname(path), { recursive: true });
  await pipeline(Readable.fromWeb(response.body as ReadableStream), createWriteStream(path));
}

export { fetchCommand };
