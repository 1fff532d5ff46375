import { Aws, type Duration, Size } from 'aws-cdk-lib';
import {
  Action,
  EcsEc2ContainerDefinition,
  EcsJobDefinition,
  Reason,
  RetryStrategy,
} from 'aws-cdk-lib/aws-batch';
import { type ContainerImage, LogDrivers } from 'aws-cdk-lib/aws-ecs';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { ServiceLogGroup } from '../observability/service-log-group.js';

interface TrainerJobDefinitionProps {
  readonly image: ContainerImage;
  /** The longest one attempt may run; the harness's own wall limit comes first. */
  readonly timeout: Duration;
}

/** Spot reclaims the host: try again elsewhere. Anything else is the harness's verdict. */
const ATTEMPTS = 3;

/**
 * A job of the trainer image (`python -m evolverec_trainer run`; the state machine gives the
 * arguments after `run` as the command) on one GPU, 4 vCPUs and ~15 GiB, which fits a g5/g6
 * xlarge beside the ECS agent. It has no role, so no AWS credentials: its inputs and outputs are
 * the URLs its job.json names. Its environment names the region and nothing secret.
 */
class TrainerJobDefinition extends Construct {
  public readonly jobDefinition: EcsJobDefinition;

  constructor(scope: Construct, id: string, props: TrainerJobDefinitionProps) {
    super(scope, id);

    const container = new EcsEc2ContainerDefinition(this, 'Container', {
      image: props.image,
      gpu: 1,
      cpu: 4,
      memory: Size.mebibytes(15_000),
      environment: { AWS_DEFAULT_REGION: Aws.REGION },
      logging: LogDrivers.awsLogs({
        logGroup: new ServiceLogGroup(this, 'Logs'),
        streamPrefix: id,
      }),
    });
    this.jobDefinition = new EcsJobDefinition(this, 'JobDefinition', {
      container,
      timeout: props.timeout,
      retryAttempts: ATTEMPTS,
      retryStrategies: [
        RetryStrategy.of(Action.RETRY, Reason.custom({ onStatusReason: 'Host EC2*' })),
        RetryStrategy.of(Action.EXIT, Reason.custom({ onReason: '*' })),
      ],
      propagateTags: true,
    });
    NagSuppressions.addResourceSuppressions(
      container.executionRole,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason:
            "ecr:GetAuthorizationToken has no resource-level permissions; the image pull itself is limited to the CDK assets repository. This is the ECS agent's role, not the job's.",
          appliesTo: ['Resource::*'],
        },
      ],
      true
    );
  }
}

export type { TrainerJobDefinitionProps };
export { TrainerJobDefinition };
