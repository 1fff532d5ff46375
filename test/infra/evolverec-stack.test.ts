import { Template } from 'aws-cdk-lib/assertions';
import { describe, it } from 'vitest';
import { EvolverecStack } from '../../infra/lib/evolverec-stack.js';
import { createTestApp } from '../helpers/cdkApp.js';

describe('EvolverecStack', () => {
  it('composes the results bucket and names it in an output', () => {
    // Prepare
    const app = createTestApp();

    // Act
    const template = Template.fromStack(new EvolverecStack(app, 'EvolverecStack'));

    // Assess
    template.resourceCountIs('AWS::S3::Bucket', 2);
    template.hasOutput('ResultsBucketName', {});
  });
});
