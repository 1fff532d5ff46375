import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ItemAction, RunTable } from '../data/run-table.js';
import { type Grantee, grantReadObjects, grantWriteObjects } from '../storage/object-access.js';
import type { ObjectKeyPattern } from '../storage/object-keys.js';

/**
 * What one function may do to the run table and the results bucket, stated where the function is
 * declared: the item actions and object keys its code uses (the adapters in
 * shared/src/adapters/aws, the steps in shared/src/engine/steps), and nothing else.
 */
interface DataAccess {
  /** Actions on the runs' items (the `RUN#<runId>` partitions). */
  readonly items: readonly ItemAction[];
  /** Whether it queries a team's runs in the byTeam index. */
  readonly teamQueries?: boolean;
  /** Object key patterns it reads, and those it writes. */
  readonly reads: readonly ObjectKeyPattern[];
  readonly writes: readonly ObjectKeyPattern[];
}

interface DataStores {
  readonly runTable: RunTable;
  readonly bucket: IBucket;
}

function grantDataAccess(grantee: Grantee, access: DataAccess, stores: DataStores): void {
  if (access.items.length > 0) stores.runTable.grantRunItems(grantee, access.items);
  if (access.teamQueries === true) stores.runTable.grantTeamQueries(grantee);
  if (access.reads.length > 0) grantReadObjects(grantee, stores.bucket, access.reads);
  if (access.writes.length > 0) grantWriteObjects(grantee, stores.bucket, access.writes);
}

export type { DataAccess, DataStores };
export { grantDataAccess };
