import { Aspects } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { EvolverecStack } from '../../infra/lib/evolverec-stack.js';
import { createTestApp } from '../helpers/cdkApp.js';

interface Suppression {
  id: string;
  reason: string;
  applies_to?: unknown[];
}

describe('cdk-nag AwsSolutions on EvolverecStack', () => {
  let annotations: Annotations;
  let suppressions: Suppression[];

  beforeAll(() => {
    // Prepare: the app as infra/bin/app.ts builds it
    const app = createTestApp();
    const stack = new EvolverecStack(app, 'EvolverecStack');
    Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));

    // Act
    app.synth();
    annotations = Annotations.fromStack(stack);
    suppressions = Object.values(Template.fromStack(stack).toJSON().Resources).flatMap(
      (resource) =>
        ((resource as { Metadata?: { cdk_nag?: { rules_to_suppress: Suppression[] } } }).Metadata
          ?.cdk_nag?.rules_to_suppress ?? []) as Suppression[]
    );
  });

  it('reports no unsuppressed errors', () => {
    const errors = annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*'));
    expect(errors.map((finding) => `${finding.id}: ${String(finding.entry.data)}`)).toEqual([]);
  });

  it('reports no unsuppressed warnings', () => {
    const warnings = annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'));
    expect(warnings.map((finding) => `${finding.id}: ${String(finding.entry.data)}`)).toEqual([]);
  });

  it('suppresses wildcard and managed-policy findings one resource pattern or policy at a time', () => {
    const granular = suppressions.filter((suppression) =>
      ['AwsSolutions-IAM4', 'AwsSolutions-IAM5'].includes(suppression.id)
    );
    expect(granular.length).toBeGreaterThan(0);
    for (const suppression of granular) {
      expect(suppression.applies_to?.length, suppression.reason).toBeGreaterThan(0);
    }
  });

  it('justifies every suppression in words of its own', () => {
    for (const suppression of suppressions) {
      expect(suppression.reason.length, suppression.id).toBeGreaterThanOrEqual(60);
    }
  });
});
