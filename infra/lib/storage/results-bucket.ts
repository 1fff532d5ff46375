import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { WORK_PREFIX } from './object-keys.js';

interface ResultsBucketProps {
  /** What happens to the buckets when the stack is deleted; results outlive stacks by default. */
  readonly removalPolicy?: RemovalPolicy;
  /** Days the server access logs are kept. */
  readonly accessLogRetentionDays?: number;
  /** Days a replaced or deleted result version stays recoverable. */
  readonly noncurrentVersionRetentionDays?: number;
  /** Days a candidate's tagged work objects (drafts, attempts, feedback) are kept. */
  readonly workObjectExpiryDays?: number;
}

/**
 * The team-shared results bucket (program files, ONNX models, feedback, prompts, reports):
 * encrypted, private, TLS-only and versioned, with its server access logs in a bucket of their own.
 * Candidates' work objects expire; stored programs and reports stay.
 */
class ResultsBucket extends Construct {
  public readonly bucket: Bucket;
  public readonly accessLogsBucket: Bucket;

  constructor(scope: Construct, id: string, props: ResultsBucketProps = {}) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    // No access logs of its own (it is their destination), which cdk-nag's S1 accepts.
    this.accessLogsBucket = new Bucket(this, 'AccessLogs', {
      // S3 server access logging delivers only to SSE-S3 encrypted buckets.
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      removalPolicy,
      lifecycleRules: [
        { expiration: Duration.days(props.accessLogRetentionDays ?? 365) },
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });

    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'results/',
      removalPolicy,
      lifecycleRules: [
        {
          abortIncompleteMultipartUploadAfter: Duration.days(1),
          noncurrentVersionExpiration: Duration.days(props.noncurrentVersionRetentionDays ?? 30),
        },
        {
          id: 'ExpireCandidateWork',
          prefix: WORK_PREFIX,
          expiration: Duration.days(props.workObjectExpiryDays ?? 30),
        },
      ],
    });
  }
}

export type { ResultsBucketProps };
export { ResultsBucket };
