import { describe, expect, it } from 'vitest';
import { withoutSecrets } from '../../../shared/src/adapters/withoutSecrets.js';

describe('withoutSecrets', () => {
  it('keeps what a process needs and drops every credential', () => {
    // Prepare
    const env = {
      PATH: '/usr/bin',
      HOME: '/home/me',
      NODE_PATH: '/opt/nodejs/node_modules',
      AWS_SECRET_ACCESS_KEY: 'canary',
      AWS_SESSION_TOKEN: 'canary',
      AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/x',
      OPENAI_API_KEY: 'canary',
      ANTHROPIC_API_KEY: 'canary',
      GITHUB_TOKEN: 'canary',
      DB_PASSWORD: 'canary',
      UNSET: undefined,
    };

    // Act
    const kept = withoutSecrets(env);

    // Assess
    expect(kept).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/me',
      NODE_PATH: '/opt/nodejs/node_modules',
    });
  });
});
