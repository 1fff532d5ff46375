import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, it } from 'vitest';
import { ResultsBucket } from '../../../infra/lib/storage/results-bucket.js';
import { createTestApp } from '../../helpers/cdkApp.js';

describe('ResultsBucket', () => {
  let template: Template;

  beforeAll(() => {
    const app = createTestApp();
    const stack = new Stack(app, 'Test');
    new ResultsBucket(stack, 'Results', { workObjectExpiryDays: 12 });
    template = Template.fromStack(stack);
  });

  const privateAndEncrypted = {
    BucketEncryption: {
      ServerSideEncryptionConfiguration: [
        { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
      ],
    },
    PublicAccessBlockConfiguration: {
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    },
  };

  it('creates the results bucket and its access-log bucket', () => {
    template.resourceCountIs('AWS::S3::Bucket', 2);
  });

  it('makes the results bucket encrypted, private and versioned', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      ...privateAndEncrypted,
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'results/' }),
    });
  });

  it('aborts stale multipart uploads and expires old versions of results', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            Status: 'Enabled',
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
            NoncurrentVersionExpiration: { NoncurrentDays: 30 },
          }),
        ]),
      },
    });
  });

  it("expires candidates' work objects under work/ after the given days, nothing else", () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          {
            Id: 'ExpireCandidateWork',
            Status: 'Enabled',
            Prefix: 'work/',
            ExpirationInDays: 12,
          },
        ]),
      },
    });
  });

  it('keeps the access logs private and encrypted and expires them', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      ...privateAndEncrypted,
      LifecycleConfiguration: {
        Rules: Match.arrayWith([Match.objectLike({ ExpirationInDays: 365 })]),
      },
    });
  });

  it('denies every request that does not use TLS, on both buckets', () => {
    const denyInsecure = Match.objectLike({
      Effect: 'Deny',
      Action: 's3:*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
    const policies = template.findResources('AWS::S3::BucketPolicy', {
      Properties: { PolicyDocument: { Statement: Match.arrayWith([denyInsecure]) } },
    });
    if (Object.keys(policies).length !== 2) {
      throw new Error(`expected 2 TLS-only bucket policies, found ${Object.keys(policies).length}`);
    }
  });

  it('retains both buckets when the stack is deleted', () => {
    template.allResources('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });
});
