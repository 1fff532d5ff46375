import { RemovalPolicy } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/**
 * A log group of the service (a function, the API's access log, the state machine, the jobs,
 * the VPC's flow logs): kept three months, then gone, and removed with the stack, because the
 * run's record lives in the table and the bucket, not in logs.
 */
class ServiceLogGroup extends LogGroup {
  constructor(scope: Construct, id: string) {
    super(scope, id, {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }
}

export { ServiceLogGroup };
