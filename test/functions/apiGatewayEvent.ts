import type { APIGatewayProxyEvent, Context } from 'aws-lambda';

/**
 * A REST API proxy event as API Gateway sends it for an IAM-authorised call, with every field
 * it carries, not only those the handler reads.
 */
function apiGatewayEvent(request: {
  readonly method: string;
  readonly resource: string;
  readonly path: string;
  readonly pathParameters?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly body?: string;
  /** The signing principal; a session of role recsys-ci unless given. */
  readonly callerArn?: string;
}): APIGatewayProxyEvent {
  const callerArn = request.callerArn ?? 'arn:aws:sts::123456789012:assumed-role/recsys-ci/ana';
  return {
    resource: request.resource,
    path: request.path,
    httpMethod: request.method,
    headers: { Host: 'abc123.execute-api.eu-west-1.amazonaws.com', 'User-Agent': 'evolverec' },
    multiValueHeaders: { Host: ['abc123.execute-api.eu-west-1.amazonaws.com'] },
    queryStringParameters: request.query ?? null,
    multiValueQueryStringParameters: null,
    pathParameters: request.pathParameters ?? null,
    stageVariables: null,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      authorizer: null,
      protocol: 'HTTP/1.1',
      httpMethod: request.method,
      identity: {
        accessKey: 'ASIAEXAMPLE',
        accountId: '123456789012',
        apiKey: null,
        apiKeyId: null,
        caller: 'AIDAEXAMPLE',
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: '203.0.113.7',
        user: 'AIDAEXAMPLE',
        userAgent: 'evolverec',
        userArn: callerArn,
      },
      path: `/prod${request.path}`,
      stage: 'prod',
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      requestTimeEpoch: 1_795_600_000_000,
      resourceId: 'res123',
      resourcePath: request.resource,
    },
    body: request.body ?? null,
    isBase64Encoded: false,
  };
}

const lambdaContext = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'evolverec-api',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:evolverec-api',
  memoryLimitInMB: '512',
  awsRequestId: 'request-1',
  logGroupName: '/aws/lambda/evolverec-api',
  logStreamName: 'stream',
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
} satisfies Context;

export { apiGatewayEvent, lambdaContext };
