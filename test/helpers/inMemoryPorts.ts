import type { AdmissionQueue, RunExecutions } from '../../shared/src/api/ports.js';
import type { CandidateOutcome, RunState } from '../../shared/src/core/evolution/index.js';
import type { StepUsage } from '../../shared/src/core/llm/index.js';
import type { RunRecord } from '../../shared/src/core/runs/index.js';
import { runKeys } from '../../shared/src/core/runs/index.js';
import type { ObjectStore, RunRegistry, RunStore } from '../../shared/src/engine/index.js';

/**
 * In-memory stand-ins of the ports the API and the starter use, with the semantics the real
 * adapters promise (conditional updates, newest-first pages, missing objects as undefined), so
 * the logic can be tested without DynamoDB, S3, SQS or Step Functions.
 */

const DEFAULT_PAGE_SIZE = 50;

/** Newest first, as the byTeam index orders them; the cursor is the last run id of a page. */
function createInMemoryRunRegistry(): RunRegistry & { readonly runs: Map<string, RunRecord> } {
  const runs = new Map<string, RunRecord>();
  return {
    runs,
    async createRun(record) {
      if (runs.has(record.runId)) return false;
      runs.set(record.runId, structuredClone(record));
      return true;
    },
    async getRun(runId) {
      const run = runs.get(runId);
      return run === undefined ? undefined : structuredClone(run);
    },
    async listRuns({ team, limit = DEFAULT_PAGE_SIZE, cursor }) {
      const ordered = [...runs.values()]
        .filter((run) => team === undefined || run.team === team)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.runId.localeCompare(a.runId));
      const start = cursor === undefined ? 0 : ordered.findIndex((run) => run.runId === cursor) + 1;
      const page = ordered.slice(start, start + limit);
      const last = page.at(-1);
      const more = start + limit < ordered.length;
      return {
        runs: page.map((run) => structuredClone(run)),
        ...(more && last !== undefined ? { cursor: last.runId } : {}),
      };
    },
    async updateRun(runId, changes, fromStatuses) {
      const run = runs.get(runId);
      if (run === undefined) return undefined;
      if (fromStatuses !== undefined && !fromStatuses.includes(run.status)) return undefined;
      const updated = { ...run, ...changes };
      runs.set(runId, updated);
      return structuredClone(updated);
    },
    async countRuns(team, statuses) {
      return [...runs.values()].filter((run) => run.team === team && statuses.includes(run.status))
        .length;
    },
  };
}

function createInMemoryObjectStore(): ObjectStore & { readonly objects: Map<string, Uint8Array> } {
  const objects = new Map<string, Uint8Array>();
  return {
    objects,
    async put(key, body) {
      objects.set(key, typeof body === 'string' ? new TextEncoder().encode(body) : body);
    },
    async get(key) {
      return objects.get(key);
    },
    async list(prefix) {
      return [...objects.keys()].filter((key) => key.startsWith(prefix)).sort();
    },
    uri(key) {
      return `s3://in-memory/${key}`;
    },
    // Never fetched: tests over this store read and write through the store itself.
    async signedUrl(key, method, expiresInSeconds) {
      return `https://in-memory.invalid/${key}?method=${method}&expires=${expiresInSeconds}`;
    },
  };
}

/** A RunStore whose every part is a JSON or text object under the run's keys. */
function createInMemoryRunStore(objects: ObjectStore): RunStore {
  const readJson = async <T>(key: string): Promise<T | undefined> => {
    const bytes = await objects.get(key);
    return bytes === undefined ? undefined : (JSON.parse(new TextDecoder().decode(bytes)) as T);
  };
  const stateKey = (runId: string) => `${runKeys(runId).prefix}state.json`;
  const outcomeKey = (runId: string, programId: string) =>
    `${runKeys(runId).program(programId)}outcome.json`;
  const filesPrefix = (runId: string, programId: string) =>
    `${runKeys(runId).program(programId)}files/`;
  const usageKey = (runId: string, requestId: string) =>
    `${runKeys(runId).prefix}usage/${requestId}.json`;
  return {
    async saveProgram(runId, { record, entry, ledger, files, diffFromParent }) {
      for (const [name, text] of Object.entries(files)) {
        await objects.put(`${filesPrefix(runId, record.id)}${name}`, text);
      }
      if (diffFromParent !== undefined) {
        await objects.put(runKeys(runId).programDiff(record.id), diffFromParent);
      }
      const outcome: CandidateOutcome = {
        record,
        ledger,
        ...(entry === undefined ? {} : { entry }),
      };
      await objects.put(outcomeKey(runId, record.id), JSON.stringify(outcome));
    },
    loadOutcome: (runId, programId) => readJson<CandidateOutcome>(outcomeKey(runId, programId)),
    async loadProgramFiles(runId, programId) {
      const prefix = filesPrefix(runId, programId);
      const files: Record<string, string> = {};
      for (const key of await objects.list(prefix)) {
        const bytes = await objects.get(key);
        if (bytes !== undefined) files[key.slice(prefix.length)] = new TextDecoder().decode(bytes);
      }
      return files;
    },
    async loadProgramDiff(runId, programId) {
      const bytes = await objects.get(runKeys(runId).programDiff(programId));
      return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
    },
    async saveRunState(state) {
      await objects.put(stateKey(state.runId), JSON.stringify(state));
    },
    loadRunState: (runId) => readJson<RunState>(stateKey(runId)),
    async listRunIds() {
      const keys = await objects.list('runs/');
      return keys
        .filter((key) => key.endsWith('/state.json'))
        .map((key) => key.split('/')[1] ?? '');
    },
    async recordStepUsage(usage) {
      await objects.put(usageKey(usage.runId, usage.requestId), JSON.stringify(usage));
    },
    async listStepUsage(runId) {
      const keys = await objects.list(`${runKeys(runId).prefix}usage/`);
      const usages = await Promise.all(keys.map((key) => readJson<StepUsage>(key)));
      return usages.filter((usage): usage is StepUsage => usage !== undefined);
    },
  };
}

/** Remembers what was sent, in order. */
function createRecordingQueue(): AdmissionQueue & { readonly sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    async send(runId) {
      sent.push(runId);
    },
  };
}

/**
 * Executions by name, as Step Functions keeps them: starting one name twice finds the first.
 * `starts` counts the executions actually created; `byName` holds each one's run.
 */
function createFakeExecutions(): RunExecutions & {
  readonly byName: Map<string, { readonly runId: string; readonly executionArn: string }>;
  readonly stopped: { executionArn: string; cause: string }[];
  readonly starts: number;
} {
  const byName = new Map<string, { readonly runId: string; readonly executionArn: string }>();
  const stopped: { executionArn: string; cause: string }[] = [];
  return {
    byName,
    stopped,
    get starts() {
      return byName.size;
    },
    async start(runId, executionName) {
      const execution = byName.get(executionName) ?? {
        runId,
        executionArn: `arn:aws:states:eu-west-1:123456789012:execution:evolverec:${executionName}`,
      };
      byName.set(executionName, execution);
      return execution.executionArn;
    },
    async stop(executionArn, cause) {
      stopped.push({ executionArn, cause });
    },
  };
}

export {
  createFakeExecutions,
  createInMemoryObjectStore,
  createInMemoryRunRegistry,
  createInMemoryRunStore,
  createRecordingQueue,
};
