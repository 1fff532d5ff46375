import { describe, expect, it } from 'vitest';
import {
  callerTeamsSchema,
  principalOf,
  teamOfCaller,
} from '../../../shared/src/api/callerTeams.js';

describe('principalOf', () => {
  it.each([
    ['arn:aws:iam::123456789012:user/ana', 'arn:aws:iam::123456789012:user/ana'],
    ['arn:aws:iam::123456789012:user/staff/ana', 'arn:aws:iam::123456789012:user/ana'],
    ['arn:aws:iam::123456789012:role/recsys-ci', 'arn:aws:iam::123456789012:role/recsys-ci'],
    [
      'arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Dev_0a1b',
      'arn:aws:iam::123456789012:role/AWSReservedSSO_Dev_0a1b',
    ],
    [
      'arn:aws:sts::123456789012:assumed-role/recsys-ci/ana@example.com',
      'arn:aws:iam::123456789012:role/recsys-ci',
    ],
    [
      'arn:aws-cn:sts::123456789012:assumed-role/recsys-ci/session-1',
      'arn:aws-cn:iam::123456789012:role/recsys-ci',
    ],
  ])('takes %s for %s', (arn, principal) => {
    expect(principalOf(arn)).toBe(principal);
  });

  it.each([
    'arn:aws:iam::123456789012:root',
    'arn:aws:sts::123456789012:federated-user/ana',
    'arn:aws:iam::123456789012:group/recsys',
    'arn:aws:sts::123456789012:assumed-role/recsys-ci',
    'arn:aws:iam::12345:user/ana',
    'recsys-ci',
  ])('names no principal for %s', (arn) => {
    expect(principalOf(arn)).toBeUndefined();
  });
});

describe('callerTeamsSchema', () => {
  it('keys the teams by principal, so that a session of a mapped role finds its team', () => {
    // Act
    const teams = callerTeamsSchema.parse({
      'arn:aws:iam::123456789012:role/ci/recsys-ci': 'recsys',
      'arn:aws:iam::123456789012:user/sam': 'search',
    });

    // Assert
    expect([...teams]).toEqual([
      ['arn:aws:iam::123456789012:role/recsys-ci', 'recsys'],
      ['arn:aws:iam::123456789012:user/sam', 'search'],
    ]);
    expect(teamOfCaller('arn:aws:sts::123456789012:assumed-role/recsys-ci/ana', teams)).toBe(
      'recsys'
    );
    expect(teamOfCaller('arn:aws:iam::123456789012:user/eve', teams)).toBeUndefined();
    expect(teamOfCaller('arn:aws:iam::123456789012:root', teams)).toBeUndefined();
    expect(teamOfCaller(undefined, teams)).toBeUndefined();
  });

  it('refuses a key that names no user or role, and two keys of one principal, naming each', () => {
    // Act
    const parsed = callerTeamsSchema.safeParse({
      'arn:aws:iam::123456789012:root': 'recsys',
      'arn:aws:iam::123456789012:role/recsys-ci': 'recsys',
      'arn:aws:iam::123456789012:role/ci/recsys-ci': 'search',
    });

    // Assert
    expect(parsed.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['arn:aws:iam::123456789012:root', 'is not the ARN of an IAM user or role'],
      [
        'arn:aws:iam::123456789012:role/ci/recsys-ci',
        'names the same principal as arn:aws:iam::123456789012:role/recsys-ci',
      ],
    ]);
  });

  it('refuses a team that is not a team name', () => {
    // Act
    const parsed = callerTeamsSchema.safeParse({
      'arn:aws:iam::123456789012:user/sam': 'Search Team',
    });

    // Assert
    expect(parsed.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['arn:aws:iam::123456789012:user/sam', expect.stringContaining('lower-case letters')],
    ]);
  });
});
