import {
  AccessLogFormat,
  AuthorizationType,
  EndpointType,
  JsonSchemaType,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  Model,
  RequestValidator,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { ServiceLogGroup } from '../observability/service-log-group.js';

interface RunsApiProps {
  /** The `api` function, behind every route. */
  readonly handler: IFunction;
}

/** Requests per second (steady, burst) the stage admits: people and scripts, not traffic. */
const THROTTLE = { rateLimit: 20, burstLimit: 40 } as const;

/**
 * The runs API on API Gateway (REST), IAM-authorised on every method: callers sign with SigV4 and
 * need execute-api:Invoke. Parameters and the presence of a JSON object body are validated here;
 * the config's fields are validated by the function, whose 400 names the field. The function
 * takes the caller's team from its IAM identity and serves that team's runs only.
 *
 *     POST /runs                                    create (queued for admission)
 *     GET  /runs                                    list the caller's team's runs
 *     GET  /runs/{runId}                            read a run
 *     GET  /runs/{runId}/programs                   its programs
 *     GET  /runs/{runId}/programs/{programId}       one program
 *     GET  /runs/{runId}/programs/{programId}/model presigned download URLs of its model
 *     GET  /runs/{runId}/report[?format=json]       its report page (text/html), or report.json
 *     POST /runs/{runId}/cancel                     stop it
 *     POST /runs/{runId}/resume                     queue a failed run for admission again
 */
class RunsApi extends Construct {
  public readonly api: RestApi;

  constructor(scope: Construct, id: string, props: RunsApiProps) {
    super(scope, id);
    this.api = new RestApi(this, 'Api', {
      description: 'evolverec runs API',
      endpointTypes: [EndpointType.REGIONAL],
      // The account-level role that lets API Gateway write the execution logs below.
      cloudWatchRole: true,
      defaultMethodOptions: { authorizationType: AuthorizationType.IAM },
      deployOptions: {
        stageName: 'v1',
        accessLogDestination: new LogGroupLogDestination(new ServiceLogGroup(this, 'AccessLogs')),
        accessLogFormat: AccessLogFormat.jsonWithStandardFields(),
        loggingLevel: MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        tracingEnabled: true,
        metricsEnabled: true,
        throttlingRateLimit: THROTTLE.rateLimit,
        throttlingBurstLimit: THROTTLE.burstLimit,
      },
    });

    const validator = new RequestValidator(this, 'Validator', {
      restApi: this.api,
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    const jsonObject = new Model(this, 'JsonObject', {
      restApi: this.api,
      description: 'Any JSON object; the function validates its fields',
      schema: { type: JsonSchemaType.OBJECT },
    });
    const toFunction = new LambdaIntegration(props.handler);
    const withPath = (...names: string[]) => ({
      requestValidator: validator,
      requestParameters: Object.fromEntries(
        names.map((name) => [`method.request.path.${name}`, true])
      ),
    });

    const runs = this.api.root.addResource('runs');
    runs.addMethod('POST', toFunction, {
      requestValidator: validator,
      requestModels: { 'application/json': jsonObject },
    });
    runs.addMethod('GET', toFunction, { requestValidator: validator });
    const run = runs.addResource('{runId}');
    run.addMethod('GET', toFunction, withPath('runId'));
    const programs = run.addResource('programs');
    programs.addMethod('GET', toFunction, withPath('runId'));
    const program = programs.addResource('{programId}');
    program.addMethod('GET', toFunction, withPath('runId', 'programId'));
    program.addResource('model').addMethod('GET', toFunction, withPath('runId', 'programId'));
    run.addResource('report').addMethod('GET', toFunction, withPath('runId'));
    run.addResource('cancel').addMethod('POST', toFunction, withPath('runId'));
    run.addResource('resume').addMethod('POST', toFunction, withPath('runId'));

    NagSuppressions.addResourceSuppressions(
      this.api,
      [
        {
          id: 'AwsSolutions-COG4',
          reason:
            "IAM authorisation on every method: callers are the team's IAM principals signing with SigV4, not Cognito users.",
        },
        {
          id: 'AwsSolutions-APIG3',
          reason:
            'Every request is SigV4-signed by an IAM principal and the stage is throttled; a WAF web ACL would add cost and no protection that IAM authorisation lacks.',
        },
        {
          id: 'AwsSolutions-IAM4',
          reason:
            "API Gateway's account-level CloudWatch role, which execution logging requires; AmazonAPIGatewayPushToCloudWatchLogs is the policy AWS documents for it.",
          appliesTo: [
            'Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs',
          ],
        },
      ],
      true
    );
  }
}

export type { RunsApiProps };
export { RunsApi };
