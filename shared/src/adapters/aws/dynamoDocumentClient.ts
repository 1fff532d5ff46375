import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Either client: the adapters speak plain JavaScript values through a document client. */
type DynamoClient = DynamoDBClient | DynamoDBDocumentClient;

function documentClientOf(client: DynamoClient): DynamoDBDocumentClient {
  return client instanceof DynamoDBDocumentClient ? client : DynamoDBDocumentClient.from(client);
}

/** A conditional write whose condition did not hold: an expected outcome, not a failure. */
function isConditionalCheckFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

export type { DynamoClient };
export { documentClientOf, isConditionalCheckFailed };
