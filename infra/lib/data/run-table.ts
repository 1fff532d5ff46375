import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import {
  PARTITION_KEY,
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
   * Reads and writes items of the table and its one index: what CDK's grantReadWriteData gives
   * without streams, and with the index named rather than `index/*`.
   */
  grantReadWriteItems(grantee: IGrantable): Grant {
    return Grant.addToPrincipal({
      grantee,
      actions: ITEM_ACTIONS,
      resourceArns: [this.table.tableArn, `${this.table.tableArn}/index/${TEAM_INDEX_NAME}`],
    });
  }
}

const ITEM_ACTIONS = [
  'dynamodb:DescribeTable',
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:ConditionCheckItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

export type { RunTableProps };
export { RunTable };
