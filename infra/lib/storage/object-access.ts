import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { NagSuppressions } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import type { ObjectKeyPattern } from './object-keys.js';

/** A function or role: it holds the permissions and, below it, the policy cdk-nag looks at. */
type Grantee = IGrantable & IConstruct;

/**
 * Lets the grantee read the objects under the given key patterns and list the bucket under the
 * same prefixes only (without ListBucket a missing key reads as AccessDenied, not NoSuchKey).
 */
function grantReadObjects(
  grantee: Grantee,
  bucket: IBucket,
  patterns: readonly ObjectKeyPattern[]
): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['s3:GetObject'],
      resources: patterns.map((pattern) => bucket.arnForObjects(pattern)),
    })
  );
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['s3:ListBucket'],
      resources: [bucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': [...patterns] } },
    })
  );
  acceptKeyPatterns(grantee, patterns);
}

/** Lets the grantee write objects under the given key patterns (and abort its own uploads). */
function grantWriteObjects(
  grantee: Grantee,
  bucket: IBucket,
  patterns: readonly ObjectKeyPattern[]
): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['s3:PutObject', 's3:AbortMultipartUpload'],
      resources: patterns.map((pattern) => bucket.arnForObjects(pattern)),
    })
  );
  acceptKeyPatterns(grantee, patterns);
}

/** cdk-nag's IAM5 flags each pattern's `*`; these are the key layout's, each one named. */
function acceptKeyPatterns(grantee: Grantee, patterns: readonly ObjectKeyPattern[]): void {
  NagSuppressions.addResourceSuppressions(
    grantee,
    patterns.map((pattern) => ({
      id: 'AwsSolutions-IAM5',
      reason: `Objects of the results bucket under ${pattern} only: the wildcards stand for run, program, attempt and dataset ids, which exist only at run time (shared/src/core/runs/runKeys.ts).`,
      appliesTo: [{ regex: `/^Resource::<[^>]+\\.Arn>\\/${escapeRegExp(pattern)}$/` }],
    })),
    true
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export type { Grantee };
export { grantReadObjects, grantWriteObjects };
