import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, it } from 'vitest';
import { AdmissionQueue } from '../../../infra/lib/admission/admission-queue.js';
import { createTestApp } from '../../helpers/cdkApp.js';

describe('AdmissionQueue', () => {
  let template: Template;

  beforeAll(() => {
    const app = createTestApp();
    const stack = new Stack(app, 'Test');
    new AdmissionQueue(stack, 'Admission', { maxReceiveCount: 3 });
    template = Template.fromStack(stack);
  });

  it('encrypts the queue and its dead-letter queue', () => {
    template.resourceCountIs('AWS::SQS::Queue', 2);
    template.allResourcesProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
  });

  it('moves a message to the dead-letter queue after maxReceiveCount deliveries', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('DeadLetters'), 'Arn'] },
        maxReceiveCount: 3,
      },
      // Six times the starter's 5-minute timeout.
      VisibilityTimeout: 1800,
    });
  });

  it('refuses every request that does not use TLS, on both queues', () => {
    const denyInsecure = Match.objectLike({
      Effect: 'Deny',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
    template.resourcePropertiesCountIs(
      'AWS::SQS::QueuePolicy',
      { PolicyDocument: { Statement: Match.arrayWith([denyInsecure]) } },
      2
    );
  });
});
