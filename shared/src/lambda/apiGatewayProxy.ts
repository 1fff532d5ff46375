import type { APIGatewayProxyResult } from 'aws-lambda';
import { z } from 'zod';
import type { ApiRequest, ApiResponse } from '../api/index.js';
import { parseContract } from '../core/contracts/index.js';

/** The REST API's proxy event, as far as the routes read it; API Gateway adds much more. */
const proxyEventSchema = z.object({
  httpMethod: z.string().min(1),
  resource: z.string().min(1),
  pathParameters: z.record(z.string(), z.string()).nullable(),
  queryStringParameters: z.record(z.string(), z.string()).nullable(),
  body: z.string().nullable(),
  isBase64Encoded: z.boolean().default(false),
  /** The caller's IAM identity (the API is IAM-authorised). */
  requestContext: z.object({ identity: z.object({ userArn: z.string().nullish() }) }),
});

/** The API's request from an API Gateway (REST, proxy integration) event. */
function apiRequestOfProxyEvent(event: unknown): ApiRequest {
  const { httpMethod, body, isBase64Encoded, requestContext, ...rest } = parseContract(
    proxyEventSchema,
    event,
    'the API Gateway event'
  );
  const { userArn } = requestContext.identity;
  return {
    ...rest,
    method: httpMethod,
    body: body !== null && isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body,
    ...(userArn ? { callerArn: userArn } : {}),
  };
}

/** Every answer is JSON, errors included, but a page (the run's report), served as it is. */
function proxyResultOf(response: ApiResponse): APIGatewayProxyResult {
  if ('contentType' in response) {
    return {
      statusCode: response.statusCode,
      // The page carries its own Content-Security-Policy; nosniff keeps it read as HTML only.
      headers: { 'content-type': response.contentType, 'x-content-type-options': 'nosniff' },
      body: response.body,
    };
  }
  return {
    statusCode: response.statusCode,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(response.body),
  };
}

export { apiRequestOfProxyEvent, proxyResultOf };
