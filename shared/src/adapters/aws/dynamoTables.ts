import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The single table of runs, shared by the adapters, the local servers and the CDK stack:
 *
 *     pk = RUN#<runId>   sk = RUN                   the run (carries team, createdAt)
 *     pk = RUN#<runId>   sk = STATE                 its RunState: generation, body (gzip JSON)
 *     pk = RUN#<runId>   sk = PROGRAM#<programId>   a stored program: status, fitness, usd, body
 *
 * The byTeam index lists a team's runs newest first. Only run items carry `team` and
 * `createdAt`, so the index is sparse: it holds runs and nothing else.
 */
const PARTITION_KEY = 'pk';
const SORT_KEY = 'sk';
const TEAM_INDEX_NAME = 'byTeam';
const TEAM_INDEX_PARTITION_KEY = 'team';
const TEAM_INDEX_SORT_KEY = 'createdAt';

const RUN_SORT_KEY = 'RUN';
const STATE_SORT_KEY = 'STATE';
const PROGRAM_SORT_KEY_PREFIX = 'PROGRAM#';

/** The primary key of an item of the table. */
interface TableKey {
  readonly pk: string;
  readonly sk: string;
}

function runPartitionKey(runId: string): string {
  return `RUN#${runId}`;
}

function runItemKey(runId: string): TableKey {
  return { pk: runPartitionKey(runId), sk: RUN_SORT_KEY };
}

function stateItemKey(runId: string): TableKey {
  return { pk: runPartitionKey(runId), sk: STATE_SORT_KEY };
}

function programItemKey(runId: string, programId: string): TableKey {
  return { pk: runPartitionKey(runId), sk: `${PROGRAM_SORT_KEY_PREFIX}${programId}` };
}

/** The run id of a partition key, the inverse of runPartitionKey. */
function runIdOfPartitionKey(pk: string): string {
  return pk.slice('RUN#'.length);
}

/** The table as CreateTable makes it (on demand): for the local servers and the tests. */
function runTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: PARTITION_KEY, AttributeType: 'S' },
      { AttributeName: SORT_KEY, AttributeType: 'S' },
      { AttributeName: TEAM_INDEX_PARTITION_KEY, AttributeType: 'S' },
      { AttributeName: TEAM_INDEX_SORT_KEY, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: PARTITION_KEY, KeyType: 'HASH' },
      { AttributeName: SORT_KEY, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: TEAM_INDEX_NAME,
        KeySchema: [
          { AttributeName: TEAM_INDEX_PARTITION_KEY, KeyType: 'HASH' },
          { AttributeName: TEAM_INDEX_SORT_KEY, KeyType: 'RANGE' },
        ],
        // Listings show whole runs, so the index holds every attribute of them.
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  };
}

export type { TableKey };
export {
  PARTITION_KEY,
  PROGRAM_SORT_KEY_PREFIX,
  programItemKey,
  RUN_SORT_KEY,
  runIdOfPartitionKey,
  runItemKey,
  runPartitionKey,
  runTableDefinition,
  SORT_KEY,
  STATE_SORT_KEY,
  stateItemKey,
  TEAM_INDEX_NAME,
  TEAM_INDEX_PARTITION_KEY,
  TEAM_INDEX_SORT_KEY,
};
