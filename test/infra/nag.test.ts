import { Aspects } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { EvolverecStack } from '../../infra/lib/evolverec-stack.js';
import { createTestApp } from '../helpers/cdkApp.js';

describe('cdk-nag AwsSolutions on EvolverecStack', () => {
  let annotations: Annotations;

  beforeAll(() => {
    // Prepare: the app as infra/bin/app.ts builds it
    const app = createTestApp();
    const stack = new EvolverecStack(app, 'EvolverecStack');
    Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));

    // Act
    app.synth();
    annotations = Annotations.fromStack(stack);
  });

  it('reports no unsuppressed errors', () => {
    const errors = annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*'));
    expect(errors.map((finding) => `${finding.id}: ${String(finding.entry.data)}`)).toEqual([]);
  });

  it('reports no unsuppressed warnings', () => {
    const warnings = annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'));
    expect(warnings.map((finding) => `${finding.id}: ${String(finding.entry.data)}`)).toEqual([]);
  });
});
