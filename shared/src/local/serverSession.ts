import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { runIdSchema } from '../core/runs/index.js';
import type { EmbeddedServersAccess } from './embeddedServers.js';
import { createLocalAwsClients } from './embeddedServers.js';
import { localCredentialsSchema } from './embeddedServersProtocol.js';

/** How long a published session's servers get to answer before it counts as gone. */
const ANSWER_TIMEOUT_MS = 2_000;

/**
 * The embedded servers of a run going on, published under the state dir so that other commands
 * (runs, show) read through them: LevelDB lets one process hold the store. The file holds the
 * servers' credentials and is readable by its owner only.
 */
const serverSessionSchema = z
  .object({
    /** The process that runs the run and owns the servers. */
    pid: z.int().positive(),
    runId: runIdSchema,
    dynamoEndpoint: z.url(),
    s3Endpoint: z.url(),
    credentials: localCredentialsSchema,
    startedAt: z.iso.datetime(),
  })
  .strict();

type ServerSession = z.infer<typeof serverSessionSchema>;

function sessionFile(stateDir: string): string {
  return join(stateDir, 'aws', 'session.json');
}

/**
 * Publishes this process's servers (mode 0600, written whole: a reader sees the old file or the
 * new one) and returns how to withdraw them, which leaves a file another session wrote alone.
 */
async function publishServerSession(
  stateDir: string,
  session: ServerSession
): Promise<() => Promise<void>> {
  const path = sessionFile(stateDir);
  const partial = `${path}.${session.pid}.partial`;
  await writeFile(partial, JSON.stringify(serverSessionSchema.parse(session)), { mode: 0o600 });
  await rename(partial, path);
  return async () => {
    if ((await readSession(path))?.pid === session.pid) await rm(path, { force: true });
  };
}

/**
 * The published session, when its process is alive and its servers answer with its credentials;
 * undefined when there is none, or it is left over from a process that died (killed, crashed).
 */
async function findLiveServerSession(stateDir: string): Promise<ServerSession | undefined> {
  const session = await readSession(sessionFile(stateDir));
  if (session === undefined || !isAlive(session.pid)) return undefined;
  return (await answers(session)) ? session : undefined;
}

async function readSession(path: string): Promise<ServerSession | undefined> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (text === undefined) return undefined;
  // A file that does not parse was not written by a session (writes are whole): none is live.
  const parsed = serverSessionSchema.safeParse(safeJson(text));
  return parsed.success ? parsed.data : undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Whether a process exists; EPERM means it does, under another user. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A signed request the servers answer proves they are the session's (a pid may be reused). */
async function answers(access: EmbeddedServersAccess): Promise<boolean> {
  const { dynamo, s3 } = createLocalAwsClients(access);
  try {
    await dynamo.send(new ListTablesCommand({ Limit: 1 }), {
      abortSignal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
    });
    return true;
  } catch {
    return false;
  } finally {
    dynamo.destroy();
    s3.destroy();
  }
}

export type { ServerSession };
export { findLiveServerSession, publishServerSession };
