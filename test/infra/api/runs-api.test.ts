import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { RunsApi } from '../../../infra/lib/api/runs-api.js';
import { API_ROUTES } from '../../../shared/src/api/index.js';
import { createTestApp } from '../../helpers/cdkApp.js';

interface Resource {
  Properties: Record<string, unknown>;
}

describe('RunsApi', () => {
  let template: Template;
  let routes: Map<string, Resource>;

  beforeAll(() => {
    const stack = new Stack(createTestApp(), 'Test');
    const handler = new LambdaFunction(stack, 'Handler', {
      runtime: Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: Code.fromInline('export const handler = async () => ({});'),
    });
    new RunsApi(stack, 'RunsApi', { handler });
    template = Template.fromStack(stack);
    routes = routesOf(template);
  });

  it('serves the runs routes and nothing else', () => {
    expect([...routes.keys()].sort()).toEqual(
      [
        'POST /runs',
        'GET /runs',
        'GET /runs/{runId}',
        'GET /runs/{runId}/programs',
        'GET /runs/{runId}/programs/{programId}',
        'GET /runs/{runId}/programs/{programId}/model',
        'GET /runs/{runId}/report',
        'POST /runs/{runId}/cancel',
        'POST /runs/{runId}/resume',
      ].sort()
    );
  });

  it('serves exactly the routes the api function answers', () => {
    const answered = API_ROUTES.map(({ method, resource }) => `${method} ${resource}`);
    expect([...routes.keys()].sort()).toEqual(answered.sort());
  });

  it('authorises every method with IAM', () => {
    for (const [route, method] of routes) {
      expect(method.Properties.AuthorizationType, route).toBe('AWS_IAM');
    }
  });

  it('sends every route, resume included, to the api function as a proxy', () => {
    expect(routes.size).toBe(9);
    for (const [route, method] of routes) {
      expect(method.Properties.Integration, route).toMatchObject({ Type: 'AWS_PROXY' });
      expect(JSON.stringify(method.Properties.Integration), route).toMatch(
        /"Fn::GetAtt":\["Handler\w+","Arn"\]/
      );
    }
  });

  it('validates path parameters and the presence of a JSON object body', () => {
    template.hasResourceProperties('AWS::ApiGateway::RequestValidator', {
      ValidateRequestBody: true,
      ValidateRequestParameters: true,
    });
    for (const [route, method] of routes) {
      expect(method.Properties.RequestValidatorId, route).toBeDefined();
      const names = [...route.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      expect(method.Properties.RequestParameters ?? {}, route).toEqual(
        Object.fromEntries(names.map((name) => [`method.request.path.${name}`, true]))
      );
    }
    expect(routes.get('POST /runs')?.Properties.RequestModels).toEqual({
      'application/json': { Ref: expect.stringMatching(/JsonObject/) },
    });
    template.hasResourceProperties('AWS::ApiGateway::Model', { Schema: { type: 'object' } });
  });

  it('logs access, errors and traces, and throttles the stage', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'v1',
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.anyValue() },
      TracingEnabled: true,
      MethodSettings: [
        Match.objectLike({
          LoggingLevel: 'ERROR',
          DataTraceEnabled: false,
          ThrottlingRateLimit: 20,
          ThrottlingBurstLimit: 40,
          HttpMethod: '*',
          ResourcePath: '/*',
        }),
      ],
    });
  });

  it('gives API Gateway no role of its own, so that it can start nothing itself', () => {
    const roles = Object.values(template.findResources('AWS::IAM::Role')).map((role) =>
      JSON.stringify(role.Properties.AssumeRolePolicyDocument)
    );
    // The one API Gateway role is the account's CloudWatch role for execution logs.
    expect(roles.filter((role) => role.includes('apigateway.amazonaws.com'))).toHaveLength(1);
    expect(JSON.stringify(template.findResources('AWS::IAM::Policy'))).not.toContain('states:');
  });
});

/** `METHOD /path` → the method resource, the path rebuilt from the resources' PathParts. */
function routesOf(template: Template): Map<string, Resource> {
  const resources = template.findResources('AWS::ApiGateway::Resource') as Record<string, Resource>;
  const pathOf = (resourceId: unknown): string => {
    const ref = (resourceId as { Ref?: string }).Ref;
    const resource = ref === undefined ? undefined : resources[ref];
    if (resource === undefined) return '';
    return `${pathOf(resource.Properties.ParentId)}/${String(resource.Properties.PathPart)}`;
  };
  const methods = template.findResources('AWS::ApiGateway::Method') as Record<string, Resource>;
  return new Map(
    Object.values(methods).map((method) => [
      `${String(method.Properties.HttpMethod)} ${pathOf(method.Properties.ResourceId)}`,
      method,
    ])
  );
}
