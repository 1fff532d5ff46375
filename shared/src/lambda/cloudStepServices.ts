import { tmpdir } from 'node:os';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';
import {
  createCloudRunStore,
  createDynamoRunRegistry,
  createS3ObjectStore,
} from '../adapters/aws/index.js';
import { createStepServices } from '../adapters/stepServices.js';
import type { StepServices } from '../engine/index.js';
import { UsageError } from '../errors.js';
import { PROMPTS_DIR } from '../local/promptTemplateFiles.js';
import { readFunctionEnvironment } from './environment.js';

/** The secret's JSON: `{"apiKey": "..."}`. */
const openAiSecretSchema = z.object({ apiKey: z.string().min(1) }).loose();

let services: Promise<StepServices> | undefined;

/**
 * A step function's services in AWS, built once per container from its environment: the table
 * and the bucket, the OpenAI key from Secrets Manager (read at the first LLM call, never logged),
 * prompt templates and the report page's scripts bundled beside the code (EVOLVEREC_PROMPTS_DIR,
 * EVOLVEREC_REPORT_PAGE_DIR), scratch space in /tmp.
 */
function cloudStepServices(): Promise<StepServices> {
  services ??= Promise.resolve().then(() => {
    const env = readFunctionEnvironment(['TABLE_NAME', 'BUCKET_NAME', 'OPENAI_SECRET_ARN']);
    // WHEN_REQUIRED: otherwise presigned PUT URLs carry the checksum of an empty body, which S3
    // then holds the job's upload to and refuses.
    const client = new S3Client({ requestChecksumCalculation: 'WHEN_REQUIRED' });
    const objects = createS3ObjectStore({ client, bucket: env.BUCKET_NAME });
    const dynamo = new DynamoDBClient({});
    const secretArn = env.OPENAI_SECRET_ARN;
    const readApiKey = async () => {
      if (secretArn === undefined) throw new UsageError('this function has no OpenAI secret');
      const secret = await new SecretsManagerClient({}).send(
        new GetSecretValueCommand({ SecretId: secretArn })
      );
      return apiKeyOf(secret.SecretString);
    };
    return createStepServices({
      registry: createDynamoRunRegistry({ client: dynamo, tableName: env.TABLE_NAME }),
      store: createCloudRunStore({ client: dynamo, tableName: env.TABLE_NAME, objects }),
      objects,
      readApiKey,
      promptsDir: process.env.EVOLVEREC_PROMPTS_DIR || PROMPTS_DIR,
      ...(process.env.EVOLVEREC_REPORT_PAGE_DIR
        ? { reportPageDir: process.env.EVOLVEREC_REPORT_PAGE_DIR }
        : {}),
      scratchDir: tmpdir(),
    });
  });
  return services;
}

/** The key from the secret's text; errors say what is wrong, never what the text holds. */
function apiKeyOf(secretText: string | undefined): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(secretText ?? '');
  } catch {
    throw new UsageError('the OpenAI secret must be JSON: {"apiKey": "..."}');
  }
  const checked = openAiSecretSchema.safeParse(parsed);
  if (!checked.success) throw new UsageError('the OpenAI secret must hold {"apiKey": "..."}');
  return checked.data.apiKey;
}

export { apiKeyOf, cloudStepServices };
