import {
  AwsIntegration,
  type MethodResponse,
  PassthroughBehavior,
} from 'aws-cdk-lib/aws-apigateway';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

interface ResumeRunIntegrationProps {
  readonly stateMachine: IStateMachine;
}

/**
 * POST /runs/{runId}/resume as a direct Step Functions StartExecution, with no Lambda between:
 * a new execution of the run (named after it and the request, so that each resume is distinct and
 * traceable) whose StartRun step resumes the run's saved state, and refuses a run that was never
 * admitted. The integration's role may start this state machine and do nothing else.
 */
class ResumeRunIntegration extends Construct {
  public readonly integration: AwsIntegration;
  public readonly methodResponses: MethodResponse[] = [
    { statusCode: '200' },
    { statusCode: '400' },
    { statusCode: '500' },
  ];

  constructor(scope: Construct, id: string, props: ResumeRunIntegrationProps) {
    super(scope, id);
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('apigateway.amazonaws.com'),
      description: 'evolverec API: resume a run (states:StartExecution on its state machine)',
    });
    props.stateMachine.grantStartExecution(role);

    const runId = "$util.escapeJavaScript($input.params('runId'))";
    const startExecution = [
      '{',
      `  "stateMachineArn": "${props.stateMachine.stateMachineArn}",`,
      `  "name": "${runId}-resume-$context.requestId",`,
      `  "input": "{\\"runId\\": \\"${runId}\\"}"`,
      '}',
    ].join('\n');

    this.integration = new AwsIntegration({
      service: 'states',
      action: 'StartExecution',
      integrationHttpMethod: 'POST',
      options: {
        credentialsRole: role,
        passthroughBehavior: PassthroughBehavior.NEVER,
        requestTemplates: { 'application/json': startExecution },
        integrationResponses: [
          {
            statusCode: '200',
            responseTemplates: {
              'application/json': `{"executionArn": "$input.path('$.executionArn')", "startDate": "$input.path('$.startDate')"}`,
            },
          },
          // Step Functions' client errors (a malformed run id, say) are the caller's.
          { statusCode: '400', selectionPattern: '4\\d{2}' },
          { statusCode: '500', selectionPattern: '5\\d{2}' },
        ],
      },
    });
  }
}

export type { ResumeRunIntegrationProps };
export { ResumeRunIntegration };
