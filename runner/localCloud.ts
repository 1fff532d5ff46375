import { join } from 'node:path';
import {
  createCloudRunStore,
  createDynamoRunRegistry,
  createS3ObjectStore,
} from '../shared/src/adapters/aws/index.js';
import type { ObjectStore, RunRegistry, RunStore } from '../shared/src/engine/index.js';
import type { EmbeddedServersAccess } from '../shared/src/local/embeddedServers.js';
import {
  createLocalAwsClients,
  ensureLocalTableAndBucket,
  LOCAL_BUCKET_NAME,
  LOCAL_TABLE_NAME,
  startEmbeddedServers,
} from '../shared/src/local/embeddedServers.js';

/** The cloud's storage on one machine: the same adapters, against servers on loopback. */
interface LocalCloud {
  readonly registry: RunRegistry;
  readonly store: RunStore;
  readonly objects: ObjectStore;
  /** Where the servers listen and the credentials they take. */
  readonly access: EmbeddedServersAccess;
  close(): Promise<void>;
}

/**
 * Starts the embedded DynamoDB- and S3-protocol servers with their data in `<stateDir>/aws`
 * (so runs survive the process and can be inspected and resumed), creates the table and the
 * bucket once, and opens the same registry, store and object adapters the Lambdas use. Closing
 * it stops the servers.
 */
async function openLocalCloud(stateDir: string): Promise<LocalCloud> {
  const servers = await startEmbeddedServers({ dataDir: join(stateDir, 'aws') });
  try {
    return await connectLocalCloud(servers, () => servers.stop());
  } catch (error) {
    await servers.stop();
    throw error;
  }
}

/**
 * The adapters over servers that are running already (another process's, or this one's), the
 * table and bucket created unless they exist. Closing it closes the clients, then `stopServers`.
 */
async function connectLocalCloud(
  access: EmbeddedServersAccess,
  stopServers: () => Promise<void> = async () => {}
): Promise<LocalCloud> {
  const clients = createLocalAwsClients(access);
  const closeClients = () => {
    clients.dynamo.destroy();
    clients.s3.destroy();
  };
  try {
    await ensureLocalTableAndBucket(clients, {
      tableName: LOCAL_TABLE_NAME,
      bucket: LOCAL_BUCKET_NAME,
    });
  } catch (error) {
    closeClients();
    throw error;
  }
  const objects = createS3ObjectStore({ client: clients.s3, bucket: LOCAL_BUCKET_NAME });
  return {
    registry: createDynamoRunRegistry({ client: clients.documents, tableName: LOCAL_TABLE_NAME }),
    store: createCloudRunStore({
      client: clients.documents,
      tableName: LOCAL_TABLE_NAME,
      objects,
    }),
    objects,
    access: {
      dynamoEndpoint: access.dynamoEndpoint,
      s3Endpoint: access.s3Endpoint,
      credentials: access.credentials,
    },
    async close() {
      closeClients();
      await stopServers();
    },
  };
}

export type { LocalCloud };
export { connectLocalCloud, openLocalCloud };
