import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import {
  pickSettings,
  resolveSettings,
  settingsFromContext,
} from '../../../infra/lib/settings/evolverec-settings.js';

describe('evolverec settings', () => {
  it('fills every setting not given with its default', () => {
    expect(resolveSettings({ candidateConcurrency: 8 })).toEqual({
      candidateConcurrency: 8,
      trainingInstanceClasses: ['g5', 'g6'],
      trainingMaxVcpus: 16,
      teamMaxConcurrentRuns: 2,
      teamMaxRunUsd: 50,
      admissionMaxReceiveCount: 48,
      workObjectExpiryDays: 30,
      tableDeletionProtection: true,
      callerTeams: {},
    });
  });

  it('takes caller teams as an object or as JSON text, each ARN as the API keys it', () => {
    // Prepare
    const teams = { 'arn:aws:iam::123456789012:role/ci/recsys-ci': 'recsys' };

    // Act
    const fromObject = resolveSettings({ callerTeams: teams });
    const fromText = resolveSettings({ callerTeams: JSON.stringify(teams) });

    // Assess
    const expected = { 'arn:aws:iam::123456789012:role/recsys-ci': 'recsys' };
    expect(fromObject.callerTeams).toEqual(expected);
    expect(fromText.callerTeams).toEqual(expected);
    expect(resolveSettings(fromObject).callerTeams).toEqual(expected);
  });

  it('refuses caller teams that are not JSON, name no principal, or overflow the environment', () => {
    const many = Object.fromEntries(
      Array.from({ length: 60 }, (_, index) => [
        `arn:aws:iam::123456789012:role/recsys-ci-${index}`,
        'recsys',
      ])
    );
    expect(() => resolveSettings({ callerTeams: '{' })).toThrow(
      /evolverec:callerTeams: is not JSON/
    );
    expect(() =>
      resolveSettings({ callerTeams: { 'arn:aws:iam::123456789012:root': 'x' } })
    ).toThrow(
      /evolverec:callerTeams\.arn:aws:iam::123456789012:root: is not the ARN of an IAM user or role/
    );
    expect(() => resolveSettings({ callerTeams: many })).toThrow(
      /evolverec:callerTeams: is more than 3000 characters/
    );
  });

  it('reads evolverec: context keys, as cdk.json holds them and as -c passes them (strings)', () => {
    // Prepare
    const app = new App({
      context: {
        'evolverec:candidateConcurrency': '6',
        'evolverec:trainingInstanceClasses': 'g6, g5',
        'evolverec:tableDeletionProtection': 'false',
        'evolverec:teamMaxRunUsd': 12.5,
        '@aws-cdk/core:enablePartitionLiterals': true,
      },
    });

    // Act
    const settings = settingsFromContext(app.node);

    // Assess
    expect(settings).toMatchObject({
      candidateConcurrency: 6,
      trainingInstanceClasses: ['g6', 'g5'],
      tableDeletionProtection: false,
      teamMaxRunUsd: 12.5,
      trainingMaxVcpus: 16,
    });
  });

  it('refuses a context key that names no setting, naming it', () => {
    const app = new App({ context: { 'evolverec:candidateConcurency': 3 } });
    expect(() => settingsFromContext(app.node)).toThrow(
      /no such setting: evolverec:candidateConcurency/
    );
  });

  it('refuses an invalid value, naming its key', () => {
    expect(() => resolveSettings({ trainingMaxVcpus: 0 })).toThrow(/evolverec:trainingMaxVcpus/);
  });

  it("picks the settings out of a stack's props and ignores the rest", () => {
    expect(pickSettings({ description: 'x', maxvCpus: 3, candidateConcurrency: 2 })).toEqual({
      candidateConcurrency: 2,
    });
  });
});
