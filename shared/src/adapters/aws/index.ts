export type { DynamoClient } from './dynamoDocumentClient.js';
export type { DynamoRunRegistryOptions } from './dynamoRunRegistry.js';
export { createDynamoRunRegistry } from './dynamoRunRegistry.js';
export type { CloudRunStoreOptions } from './dynamoRunStore.js';
export { createCloudRunStore } from './dynamoRunStore.js';
export type { TableKey } from './dynamoTables.js';
export {
  PARTITION_KEY,
  PROGRAM_SORT_KEY_PREFIX,
  programItemKey,
  RUN_SORT_KEY,
  runIdOfPartitionKey,
  runItemKey,
  runTableDefinition,
  SORT_KEY,
  STATE_SORT_KEY,
  stateItemKey,
  TEAM_INDEX_NAME,
  TEAM_INDEX_PARTITION_KEY,
  TEAM_INDEX_SORT_KEY,
} from './dynamoTables.js';
export type { S3ObjectStoreOptions } from './s3ObjectStore.js';
export { createS3ObjectStore } from './s3ObjectStore.js';
