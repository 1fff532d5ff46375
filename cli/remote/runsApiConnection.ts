import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { z } from 'zod';
import { resolveRunsApiEndpoint } from './runsApiEndpoint.js';
import type { SignedApiClient } from './signedApiClient.js';
import { createSignedApiClient } from './signedApiClient.js';

/** The flags of every command that talks to the deployed API (submit, status, report, fetch). */
const remoteFlags = {
  stack: { type: 'string' },
  region: { type: 'string' },
  'api-url': { type: 'string' },
  json: { type: 'boolean' },
} as const;

const remoteFlagsShape = {
  stack: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9-]{0,127}$/, 'must be a CloudFormation stack name')
    .optional(),
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'must be an AWS region like eu-west-1')
    .optional(),
  'api-url': z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  json: z.boolean().optional(),
};

interface RemoteFlags {
  readonly stack?: string;
  readonly region?: string;
  readonly 'api-url'?: string;
}

/**
 * The runs API as the caller: credentials from the AWS SDK's default provider chain (environment,
 * SSO and shared profiles, web identity, container and instance roles), the endpoint from
 * `--api-url` or the stack's output. Nothing of the credentials is ever printed.
 */
async function connectRunsApi(flags: RemoteFlags): Promise<SignedApiClient> {
  const credentials = defaultProvider();
  const endpoint = await resolveRunsApiEndpoint({
    credentials,
    ...(flags.stack === undefined ? {} : { stack: flags.stack }),
    ...(flags.region === undefined ? {} : { region: flags.region }),
    ...(flags['api-url'] === undefined ? {} : { apiUrl: flags['api-url'] }),
  });
  return createSignedApiClient({ ...endpoint, credentials });
}

export { connectRunsApi, remoteFlags, remoteFlagsShape };
