import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { RemoteApiError } from '../../shared/src/errors.js';

/** The CDK app's stack (infra/bin/app.ts) and its output naming the API's stage URL. */
const DEFAULT_STACK = 'EvolverecStack';
const API_URL_OUTPUT = 'ApiUrl';
/** `https://<id>.execute-api.<region>.amazonaws.com/<stage>/`: the region is in the host. */
const EXECUTE_API_HOST = /^[a-z0-9]+\.execute-api\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/;

interface EndpointRequest {
  readonly stack?: string;
  readonly region?: string;
  readonly apiUrl?: string;
  readonly credentials: AwsCredentialIdentityProvider;
}

interface RunsApiEndpoint {
  readonly url: string;
  readonly region: string;
}

/**
 * Where the runs API is and which region signs for it: `--api-url` as given, else the stack's
 * ApiUrl output, read from CloudFormation with the caller's credentials. The region is
 * `--region`, else the API URL's own, else the SDK's (AWS_REGION, the profile's).
 */
async function resolveRunsApiEndpoint(request: EndpointRequest): Promise<RunsApiEndpoint> {
  const fromUrl =
    request.apiUrl === undefined
      ? undefined
      : EXECUTE_API_HOST.exec(new URL(request.apiUrl).hostname)?.[1];
  const cloudFormation = new CloudFormationClient({
    credentials: request.credentials,
    ...((request.region ?? fromUrl) === undefined ? {} : { region: request.region ?? fromUrl }),
  });
  try {
    const region = await cloudFormation.config.region().catch((error: unknown) => {
      throw new RemoteApiError(
        'no AWS region: pass --region, or set AWS_REGION or a region in your AWS profile',
        undefined,
        { cause: error }
      );
    });
    if (request.apiUrl !== undefined) return { url: request.apiUrl, region };
    const stack = request.stack ?? DEFAULT_STACK;
    return { url: await stackApiUrl(cloudFormation, stack, region), region };
  } finally {
    cloudFormation.destroy();
  }
}

async function stackApiUrl(
  cloudFormation: CloudFormationClient,
  stack: string,
  region: string
): Promise<string> {
  let outputs: readonly { OutputKey?: string; OutputValue?: string }[] | undefined;
  try {
    const answer = await cloudFormation.send(new DescribeStacksCommand({ StackName: stack }));
    outputs = answer.Stacks?.[0]?.Outputs;
  } catch (error) {
    const name = (error as Error).name;
    const missing = name === 'ValidationError' && /does not exist/.test((error as Error).message);
    throw new RemoteApiError(
      missing
        ? `there is no stack ${stack} in ${region}: deploy it (npx cdk deploy), or name yours with --stack and --region, or pass --api-url`
        : `could not read stack ${stack} in ${region} from CloudFormation (${name}: ${(error as Error).message}); check your AWS credentials, or pass --api-url`,
      undefined,
      { cause: error }
    );
  }
  const url = outputs?.find((output) => output.OutputKey === API_URL_OUTPUT)?.OutputValue;
  if (url === undefined) {
    throw new RemoteApiError(
      `stack ${stack} in ${region} has no ${API_URL_OUTPUT} output: is it an evolverec stack? Pass --stack, or --api-url`
    );
  }
  return url;
}

export type { RunsApiEndpoint };
export { DEFAULT_STACK, resolveRunsApiEndpoint };
