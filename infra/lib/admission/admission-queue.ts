import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { STEP_SIZE } from '../functions/function-sizes.js';

interface AdmissionQueueProps {
  /** Deliveries of a message before it moves to the dead-letter queue. */
  readonly maxReceiveCount: number;
}

/**
 * Admits runs in front of Step Functions: the API queues a created run, the starter takes it
 * when its team is within its limits. Encrypted and TLS-only; a run that cannot be admitted after
 * maxReceiveCount tries lands in the dead-letter queue for an operator to look at.
 */
class AdmissionQueue extends Construct {
  public readonly queue: Queue;
  public readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: AdmissionQueueProps) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS's advice for a Lambda consumer: six times its timeout, so a slow try is not run twice.
      visibilityTimeout: Duration.seconds(6 * STEP_SIZE.timeout.toSeconds()),
      retentionPeriod: Duration.days(14),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount },
    });
  }
}

export type { AdmissionQueueProps };
export { AdmissionQueue };
