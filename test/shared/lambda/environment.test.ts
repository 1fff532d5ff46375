import { describe, expect, it } from 'vitest';
import { ContractViolationError } from '../../../shared/src/errors.js';
import { readFunctionEnvironment } from '../../../shared/src/lambda/environment.js';

describe('readFunctionEnvironment', () => {
  it('reads the named variables, numbers as numbers', () => {
    // Arrange
    const env = {
      TABLE_NAME: 'runs',
      TEAM_MAX_CONCURRENT_RUNS: '3',
      TEAM_MAX_RUN_USD: '12.5',
      BUCKET_NAME: 'not asked for',
    };

    // Act
    const read = readFunctionEnvironment(
      ['TABLE_NAME', 'TEAM_MAX_CONCURRENT_RUNS', 'TEAM_MAX_RUN_USD'],
      env
    );

    // Assert
    expect(read).toEqual({
      TABLE_NAME: 'runs',
      TEAM_MAX_CONCURRENT_RUNS: 3,
      TEAM_MAX_RUN_USD: 12.5,
    });
  });

  it('names every variable missing or malformed', () => {
    // Arrange
    const env = { TABLE_NAME: '', TEAM_MAX_CONCURRENT_RUNS: 'two' };

    // Act
    const reading = () =>
      readFunctionEnvironment(['TABLE_NAME', 'STATE_MACHINE_ARN', 'TEAM_MAX_CONCURRENT_RUNS'], env);

    // Assert
    expect(reading).toThrow(ContractViolationError);
    expect(reading).toThrow(
      "the function's environment is invalid: TABLE_NAME: is empty; STATE_MACHINE_ARN: is not set; TEAM_MAX_CONCURRENT_RUNS: Invalid input: expected number, received NaN"
    );
  });

  it('reads the caller teams as a map keyed by principal, and names JSON that is not', () => {
    // Arrange
    const env = { CALLER_TEAMS: '{"arn:aws:iam::123456789012:role/ci/recsys-ci":"recsys"}' };

    // Act
    const read = readFunctionEnvironment(['CALLER_TEAMS'], env);
    const reading = () => readFunctionEnvironment(['CALLER_TEAMS'], { CALLER_TEAMS: '{' });

    // Assert
    expect([...read.CALLER_TEAMS]).toEqual([
      ['arn:aws:iam::123456789012:role/recsys-ci', 'recsys'],
    ]);
    expect(reading).toThrow('CALLER_TEAMS: is not JSON');
  });

  it('lets the optional secret be absent', () => {
    // Act
    const read = readFunctionEnvironment(['OPENAI_SECRET_ARN'], {});

    // Assert
    expect(read).toEqual({});
  });
});
