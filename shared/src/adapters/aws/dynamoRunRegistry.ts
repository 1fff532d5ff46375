import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { parseContract, parseJsonContract } from '../../core/contracts/index.js';
import { runConfigSchema } from '../../core/evolution/index.js';
import type { RunRecord } from '../../core/runs/index.js';
import { runRecordSchema } from '../../core/runs/index.js';
import type { RunPage, RunRegistry } from '../../engine/index.js';
import { InvalidArgumentError } from '../../errors.js';
import { checkedId } from './checkedId.js';
import type { DynamoClient } from './dynamoDocumentClient.js';
import { documentClientOf, isConditionalCheckFailed } from './dynamoDocumentClient.js';
import { runItemKey, TEAM_INDEX_NAME } from './dynamoTables.js';

interface DynamoRunRegistryOptions {
  readonly client: DynamoClient;
  readonly tableName: string;
}

const DEFAULT_PAGE_SIZE = 50;

/** What updateRun may write: the fields of RunRecordChanges, checked as the record checks them. */
const runRecordChangesSchema = runRecordSchema
  .pick({
    status: true,
    executionArn: true,
    resumes: true,
    generation: true,
    bestProgramId: true,
    bestFitness: true,
    usd: true,
    stopReason: true,
    updatedAt: true,
  })
  .partial();

/** One run item per run (`sk = RUN`); every change is a conditional write, nothing transacts. */
function createDynamoRunRegistry({ client, tableName }: DynamoRunRegistryOptions): RunRegistry {
  const documents = documentClientOf(client);

  return {
    async createRun(record) {
      const run = parseContract(runRecordSchema, record, 'run record');
      try {
        await documents.send(
          new PutCommand({
            TableName: tableName,
            Item: runItem(run),
            ConditionExpression: 'attribute_not_exists(pk)',
          })
        );
        return true;
      } catch (error) {
        if (isConditionalCheckFailed(error)) return false;
        throw error;
      }
    },

    async getRun(runId) {
      const { Item } = await documents.send(
        new GetCommand({
          TableName: tableName,
          Key: runItemKey(checkedId(runId, 'run id')),
          ConsistentRead: true,
        })
      );
      return Item === undefined ? undefined : runOfItem(Item);
    },

    async listRuns({ team, limit = DEFAULT_PAGE_SIZE, cursor }) {
      if (!Number.isInteger(limit) || limit < 1) {
        throw new InvalidArgumentError(`limit ${limit} is not a positive integer`);
      }
      const startKey = cursor === undefined ? undefined : keyOfCursor(cursor);
      // DynamoDB refuses a start key outside the Query's team; so does the caller, by name.
      if (team !== undefined && startKey !== undefined && startKey.team !== team) {
        throw new InvalidArgumentError(
          `cursor '${cursor}' is not one a listing of team ${team} returned`
        );
      }
      if (team === undefined) {
        return pageNewestFirst(await scanEveryRun(documents, tableName), limit, startKey);
      }
      const page = await documents.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: TEAM_INDEX_NAME,
          KeyConditionExpression: '#team = :team',
          ExpressionAttributeNames: { '#team': 'team' },
          ExpressionAttributeValues: { ':team': team },
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: startKey,
        })
      );
      const runs = (page.Items ?? []).map(runOfItem);
      return page.LastEvaluatedKey === undefined
        ? { runs }
        : { runs, cursor: cursorOfKey(page.LastEvaluatedKey) };
    },

    async updateRun(runId, changes, fromStatuses) {
      const key = runItemKey(checkedId(runId, 'run id'));
      const fields = definedEntries(parseContract(runRecordChangesSchema, changes, 'run changes'));
      if (fields.length === 0)
        throw new InvalidArgumentError(`no changes to apply to run ${runId}`);
      // No status is one of none, and DynamoDB's IN takes at least one operand.
      if (fromStatuses?.length === 0) return undefined;
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = {};
      for (const [name, value] of fields) {
        names[`#${name}`] = name;
        values[`:${name}`] = value;
      }
      let condition = 'attribute_exists(pk)';
      if (fromStatuses !== undefined) {
        names['#status'] = 'status';
        const operands = fromStatuses.map((status, index) => {
          values[`:from${index}`] = status;
          return `:from${index}`;
        });
        condition += ` AND #status IN (${operands.join(', ')})`;
      }
      try {
        const { Attributes } = await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: key,
            UpdateExpression: `SET ${fields.map(([name]) => `#${name} = :${name}`).join(', ')}`,
            ConditionExpression: condition,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
            ReturnValues: 'ALL_NEW',
          })
        );
        return Attributes === undefined ? undefined : runOfItem(Attributes);
      } catch (error) {
        if (isConditionalCheckFailed(error)) return undefined;
        throw error;
      }
    },

    async countRuns(team, statuses) {
      if (statuses.length === 0) return 0;
      const values: Record<string, unknown> = { ':team': team };
      const operands = statuses.map((status, index) => {
        values[`:status${index}`] = status;
        return `:status${index}`;
      });
      let count = 0;
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await documents.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: TEAM_INDEX_NAME,
            KeyConditionExpression: '#team = :team',
            FilterExpression: `#status IN (${operands.join(', ')})`,
            ExpressionAttributeNames: { '#team': 'team', '#status': 'status' },
            ExpressionAttributeValues: values,
            Select: 'COUNT',
            ExclusiveStartKey: startKey,
          })
        );
        count += page.Count ?? 0;
        startKey = page.LastEvaluatedKey;
      } while (startKey !== undefined);
      return count;
    },
  };
}

/**
 * Every team's runs: a Scan of the sparse byTeam index (run items only). It reads all runs for
 * every page, which suits the CLI's small local tables; the API lists one team's runs, a Query
 * that reads only its page.
 */
async function scanEveryRun(
  documents: DynamoDBDocumentClient,
  tableName: string
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new ScanCommand({
        TableName: tableName,
        IndexName: TEAM_INDEX_NAME,
        ExclusiveStartKey: startKey,
      })
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items;
}

/**
 * One page of scanned runs in the byTeam Query's order (a Scan has none). The cursor has the
 * same shape as the index's LastEvaluatedKey: the key of the last run returned.
 */
function pageNewestFirst(
  items: Record<string, unknown>[],
  limit: number,
  startKey: Record<string, unknown> | undefined
): RunPage {
  const newestFirst = items.sort(compareNewestFirst);
  const rest =
    startKey === undefined
      ? newestFirst
      : newestFirst.filter((item) => compareNewestFirst(item, startKey) > 0);
  const pageItems = rest.slice(0, limit);
  const last = pageItems.at(-1);
  const runs = pageItems.map(runOfItem);
  return rest.length > limit && last !== undefined
    ? { runs, cursor: cursorOfKey(indexKeyOf(last)) }
    : { runs };
}

/** The run as stored: the record's fields beside its key, the config as JSON text. */
function runItem(run: RunRecord): Record<string, unknown> {
  return Object.fromEntries(
    definedEntries({ ...runItemKey(run.runId), ...run, config: JSON.stringify(run.config) })
  );
}

function runOfItem(item: Record<string, unknown>): RunRecord {
  const { pk: _pk, sk: _sk, config, ...fields } = item;
  const what = `run ${String(item.runId)}`;
  return parseContract(
    runRecordSchema,
    {
      ...fields,
      config:
        typeof config === 'string' ? parseJsonContract(runConfigSchema, config, what) : config,
    },
    what
  );
}

/** createdAt descending, then the run's key descending: the order of the byTeam Query. */
function compareNewestFirst(a: Record<string, unknown>, b: Record<string, unknown>): number {
  return (
    compareText(String(b.createdAt), String(a.createdAt)) || compareText(String(b.pk), String(a.pk))
  );
}

/** By code unit, as DynamoDB orders its string keys, whatever the locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function indexKeyOf(item: Record<string, unknown>): Record<string, unknown> {
  return { pk: item.pk, sk: item.sk, team: item.team, createdAt: item.createdAt };
}

/** Opaque to callers: the DynamoDB key to start after, as base64url JSON. */
function cursorOfKey(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function keyOfCursor(cursor: string): Record<string, unknown> {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const isKey =
    typeof key === 'object' &&
    key !== null &&
    Object.values(key).every((part) => typeof part === 'string');
  if (!isKey) throw new InvalidArgumentError(`cursor '${cursor}' is not one a listing returned`);
  return key as Record<string, unknown>;
}

function definedEntries<Value extends object>(value: Value): [string, unknown][] {
  return Object.entries(value).filter(([, field]) => field !== undefined);
}

export type { DynamoRunRegistryOptions };
export { createDynamoRunRegistry };
