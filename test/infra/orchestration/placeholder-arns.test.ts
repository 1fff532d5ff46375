import { describe, expect, it } from 'vitest';
import { resolveWithPlaceholderArns } from '../../../infra/lib/orchestration/placeholder-arns.js';

describe('resolveWithPlaceholderArns', () => {
  const resources = {
    StepFn: { Type: 'AWS::Lambda::Function' },
    Queue: { Type: 'AWS::Batch::JobQueue' },
    Definition: { Type: 'AWS::Batch::JobDefinition' },
    Bucket: { Type: 'AWS::S3::Bucket' },
  };

  it('joins, and resolves pseudo parameters and references to placeholder ARNs', () => {
    // Prepare
    const value = {
      'Fn::Join': [
        '',
        [
          '{"a":"',
          { 'Fn::GetAtt': ['StepFn', 'Arn'] },
          '","b":"',
          { 'Fn::GetAtt': ['Queue', 'JobQueueArn'] },
          '","c":"',
          { Ref: 'Definition' },
          '","d":"arn:',
          { Ref: 'AWS::Partition' },
          ':states:::batch:submitJob.sync"}',
        ],
      ],
    };

    // Act
    const resolved = JSON.parse(resolveWithPlaceholderArns(value, resources));

    // Assess
    expect(resolved).toEqual({
      a: 'arn:aws:lambda:us-east-1:123456789012:function:StepFn',
      b: 'arn:aws:batch:us-east-1:123456789012:job-queue/Queue',
      c: 'arn:aws:batch:us-east-1:123456789012:job-definition/Definition:1',
      d: 'arn:aws:states:::batch:submitJob.sync',
    });
  });

  it('refuses what it has no placeholder for, rather than leaving it unresolved', () => {
    expect(() => resolveWithPlaceholderArns({ Ref: 'Bucket' }, resources)).toThrow(/Bucket/);
    expect(() =>
      resolveWithPlaceholderArns({ 'Fn::GetAtt': ['StepFn', 'Name'] }, resources)
    ).toThrow();
    expect(() => resolveWithPlaceholderArns({ 'Fn::Sub': 'x' }, resources)).toThrow(/Fn::Sub/);
  });
});
