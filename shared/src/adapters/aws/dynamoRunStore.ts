import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { GetCommand, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { parseJsonContract } from '../../core/contracts/index.js';
import type { CandidateOutcome } from '../../core/evolution/index.js';
import { candidateOutcomeSchema, runStateSchema } from '../../core/evolution/index.js';
import type { StepUsage } from '../../core/llm/index.js';
import { stepUsageSchema } from '../../core/llm/index.js';
import type { ProgramFiles } from '../../core/program/index.js';
import { PROGRAM_FILE_NAMES } from '../../core/program/index.js';
import { runKeys } from '../../core/runs/index.js';
import type { ObjectStore, RunStore } from '../../engine/index.js';
import {
  ContractViolationError,
  FileMissingError,
  InvalidArgumentError,
  StaleStateError,
} from '../../errors.js';
import { checkedId } from './checkedId.js';
import type { DynamoClient } from './dynamoDocumentClient.js';
import { documentClientOf, isConditionalCheckFailed } from './dynamoDocumentClient.js';
import {
  programItemKey,
  runIdOfPartitionKey,
  runPartitionKey,
  STATE_SORT_KEY,
  stateItemKey,
  type TableKey,
  USAGE_SORT_KEY_PREFIX,
  usageItemKey,
} from './dynamoTables.js';

interface CloudRunStoreOptions {
  readonly client: DynamoClient;
  readonly tableName: string;
  /** The results bucket: program files, exchanges and diffs (see `runKeys`). */
  readonly objects: ObjectStore;
}

const gzipBytes = promisify(gzip);
const gunzipBytes = promisify(gunzip);

/**
 * A run's programs and state in the cloud. Items hold what listings and conditions need and a
 * gzip body (a state's archive outgrows DynamoDB's 400 KB item as plain JSON); the program's
 * files, exchanges and diff lie in the bucket under `runKeys(runId).program(id)`:
 *
 *     pk = RUN#<runId>  sk = STATE               generation, body (gzip RunState JSON)
 *     pk = RUN#<runId>  sk = PROGRAM#<programId> status, fitness, usd, body (gzip outcome JSON)
 *     pk = RUN#<runId>  sk = USAGE#<requestId>   one Lambda invocation: its StepUsage fields
 *
 * A program's objects are written before its item, so a program counts as stored only once all
 * of it is; it is never rewritten, so a retried step stores nothing twice.
 */
function createCloudRunStore({ client, tableName, objects }: CloudRunStoreOptions): RunStore {
  const documents = documentClientOf(client);
  const programPrefix = (runId: string, programId: string) =>
    runKeys(checkedId(runId, 'run id')).program(checkedId(programId, 'program id'));
  const diffKey = (runId: string, programId: string) =>
    runKeys(checkedId(runId, 'run id')).programDiff(checkedId(programId, 'program id'));
  const programKey = (runId: string, programId: string) =>
    programItemKey(checkedId(runId, 'run id'), checkedId(programId, 'program id'));

  async function getItem(key: TableKey) {
    const { Item } = await documents.send(
      new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true })
    );
    return Item;
  }

  return {
    async saveProgram(runId, program) {
      const prefix = programPrefix(runId, program.record.id);
      const key = programKey(runId, program.record.id);
      for (const name of Object.keys(program.files)) checkedProgramFileName(name);
      // A retry of a stored program leaves its first version whole, objects included.
      if ((await getItem(key)) !== undefined) return;
      await Promise.all([
        ...Object.entries(program.files).map(([name, text]) =>
          objects.put(`${prefix}files/${name}`, text)
        ),
        objects.put(`${prefix}exchanges.json`, readableJson(program.exchanges)),
        ...(program.diffFromParent === undefined
          ? []
          : [objects.put(diffKey(runId, program.record.id), program.diffFromParent)]),
      ]);
      const outcome: CandidateOutcome = {
        record: program.record,
        ledger: program.ledger,
        ...(program.entry === undefined ? {} : { entry: program.entry }),
      };
      const fitness = program.record.metrics['val_ndcg@10'];
      try {
        await documents.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...key,
              status: program.record.status,
              ...(program.record.status === 'ok' && fitness !== undefined ? { fitness } : {}),
              usd: program.record.usd,
              body: await gzipBytes(JSON.stringify(outcome)),
            },
            ConditionExpression: 'attribute_not_exists(sk)',
          })
        );
      } catch (error) {
        // A concurrent save of the same program got there first: stored once, as required.
        if (!isConditionalCheckFailed(error)) throw error;
      }
    },

    async loadOutcome(runId, programId) {
      const item = await getItem(programKey(runId, programId));
      if (item === undefined) return undefined;
      const what = `outcome of program ${programId} of run ${runId}`;
      return parseJsonContract(candidateOutcomeSchema, await gunzippedText(item, what), what);
    },

    async loadProgramFiles(runId, programId): Promise<ProgramFiles> {
      const filesPrefix = `${programPrefix(runId, programId)}files/`;
      const names = (await objects.list(filesPrefix)).map((key) => key.slice(filesPrefix.length));
      if (!names.includes('model.py')) {
        throw new FileMissingError(objects.uri(filesPrefix), `files of program ${programId}`);
      }
      const files: Record<string, string> = {};
      for (const name of PROGRAM_FILE_NAMES) {
        if (!names.includes(name)) continue;
        const bytes = await objects.get(`${filesPrefix}${name}`);
        if (bytes === undefined) {
          throw new FileMissingError(objects.uri(`${filesPrefix}${name}`), `program ${name}`);
        }
        files[name] = new TextDecoder().decode(bytes);
      }
      return files;
    },

    async loadProgramDiff(runId, programId) {
      const bytes = await objects.get(diffKey(runId, programId));
      return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
    },

    async saveRunState(state) {
      const key = stateItemKey(checkedId(state.runId, 'run id'));
      try {
        await documents.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...key,
              generation: state.generation,
              body: await gzipBytes(JSON.stringify(state)),
            },
            // A replayed step may save an older state late; it never replaces a newer one.
            ConditionExpression: 'attribute_not_exists(pk) OR #generation <= :generation',
            ExpressionAttributeNames: { '#generation': 'generation' },
            ExpressionAttributeValues: { ':generation': state.generation },
          })
        );
      } catch (error) {
        if (isConditionalCheckFailed(error)) {
          throw new StaleStateError(state.runId, state.generation, { cause: error });
        }
        throw error;
      }
    },

    async loadRunState(runId) {
      const item = await getItem(stateItemKey(checkedId(runId, 'run id')));
      if (item === undefined) return undefined;
      const what = `state of run ${runId}`;
      return parseJsonContract(runStateSchema, await gunzippedText(item, what), what);
    },

    async recordStepUsage(usage) {
      const key = usageItemKey(checkedId(usage.runId, 'run id'), usage.requestId);
      try {
        await documents.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...key, ...usage },
            ConditionExpression: 'attribute_not_exists(sk)',
          })
        );
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
      }
    },

    async listStepUsage(runId) {
      const usages: StepUsage[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await documents.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :run AND begins_with(sk, :usage)',
            ExpressionAttributeValues: {
              ':run': runPartitionKey(checkedId(runId, 'run id')),
              ':usage': USAGE_SORT_KEY_PREFIX,
            },
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
          })
        );
        for (const { pk: _pk, sk: _sk, ...usage } of page.Items ?? []) {
          usages.push(stepUsageSchema.parse(usage));
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey !== undefined);
      return usages;
    },

    /** A Scan of the whole table: for the CLI's small local tables, not for the API. */
    async listRunIds() {
      const runIds: string[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await documents.send(
          new ScanCommand({
            TableName: tableName,
            FilterExpression: 'sk = :state',
            ExpressionAttributeValues: { ':state': STATE_SORT_KEY },
            ProjectionExpression: 'pk',
            ExclusiveStartKey: startKey,
          })
        );
        for (const item of page.Items ?? []) runIds.push(runIdOfPartitionKey(String(item.pk)));
        startKey = page.LastEvaluatedKey;
      } while (startKey !== undefined);
      return runIds.sort();
    },
  };
}

/** The local store refuses other names too: the trainer reads only program files. */
function checkedProgramFileName(name: string): void {
  if (!(PROGRAM_FILE_NAMES as readonly string[]).includes(name)) {
    throw new InvalidArgumentError(
      `'${name}' is not a program file (${PROGRAM_FILE_NAMES.join(', ')})`
    );
  }
}

async function gunzippedText(item: Record<string, unknown>, what: string): Promise<string> {
  if (!(item.body instanceof Uint8Array)) {
    throw new ContractViolationError(what, [{ path: ['body'], message: 'not binary' }]);
  }
  return (await gunzipBytes(item.body)).toString('utf8');
}

/** For people reading the bucket, as the local store writes its files. */
function readableJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export type { CloudRunStoreOptions };
export { createCloudRunStore };
