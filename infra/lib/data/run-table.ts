import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import {
  PARTITION_KEY,
  runPartitionKey,
  SORT_KEY,
  TEAM_INDEX_NAME,
  TEAM_INDEX_PARTITION_KEY,
  TEAM_INDEX_SORT_KEY,
} from '../../../shared/src/adapters/aws/dynamoTables.js';

interface RunTableProps {
  /** Whether DynamoDB refuses to delete the table; on for any stack that holds real runs. */
  readonly deletionProtection: boolean;
}

/**
 * The single table of runs, programs, archive state and the cost ledger, keyed as the adapters
 * key it (shared/src/adapters/aws/dynamoTables.ts): on demand, because a run's traffic comes in
 * bursts; recoverable to any second of the last 35 days; retained when the stack goes.
 */
class RunTable extends Construct {
  public readonly table: Table;

  constructor(scope: Construct, id: string, props: RunTableProps) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: PARTITION_KEY, type: AttributeType.STRING },
      sortKey: { name: SORT_KEY, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.deletionProtection,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: TEAM_INDEX_NAME,
      partitionKey: { name: TEAM_INDEX_PARTITION_KEY, type: AttributeType.STRING },
      sortKey: { name: TEAM_INDEX_SORT_KEY, type: AttributeType.STRING },
    });
  }

  /**
   * The given item actions on the runs' items: their partitions are `RUN#<runId>`, and IAM's
   * LeadingKeys condition holds the grantee to them, whatever other items the table comes to hold.
   */
  grantRunItems(grantee: IGrantable, actions: readonly ItemAction[]): Grant {
    return Grant.addToPrincipal({
      grantee,
      actions: actions.map((action) => `dynamodb:${action}`),
      resourceArns: [this.table.tableArn],
      conditions: {
        'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [runPartitionKey('*')] },
      },
    });
  }

  /**
   * Queries of the byTeam index (a team's runs, newest first). Its partition key is the team,
   * which the one function serving every team cannot be held to; the API checks it.
   */
  grantTeamQueries(grantee: IGrantable): Grant {
    return Grant.addToPrincipal({
      grantee,
      actions: ['dynamodb:Query'],
      resourceArns: [`${this.table.tableArn}/index/${TEAM_INDEX_NAME}`],
    });
  }
}

/**
 * What the adapters do to a run's items (shared/src/adapters/aws/dynamoRun*.ts): read one by
 * key, put and update it, each conditionally, and query one run's partition (its step usage).
 * Nothing deletes, scans or batches.
 */
type ItemAction = 'GetItem' | 'PutItem' | 'UpdateItem' | 'Query';

export type { ItemAction, RunTableProps };
export { RunTable };
