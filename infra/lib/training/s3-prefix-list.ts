import { Aws } from 'aws-cdk-lib';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import {
  AwsCustomResource,
  AwsCustomResourcePolicy,
  PhysicalResourceId,
} from 'aws-cdk-lib/custom-resources';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';

/**
 * The id of the region's AWS-managed S3 prefix list (`com.amazonaws.<region>.s3`), which a
 * security group names to let traffic out to S3 through a gateway endpoint. CloudFormation has no
 * lookup for it and the stack is environment-agnostic, so it is read at deployment.
 */
class S3PrefixList extends Construct {
  public readonly prefixListId: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const describe = {
      service: 'EC2',
      action: 'describeManagedPrefixLists',
      parameters: {
        Filters: [{ Name: 'prefix-list-name', Values: [`com.amazonaws.${Aws.REGION}.s3`] }],
      },
      physicalResourceId: PhysicalResourceId.of(`com.amazonaws.${Aws.REGION}.s3`),
      outputPaths: ['PrefixLists.0.PrefixListId'],
    };
    const lookup = new AwsCustomResource(this, 'Lookup', {
      onCreate: describe,
      onUpdate: describe,
      policy: AwsCustomResourcePolicy.fromSdkCalls({
        resources: AwsCustomResourcePolicy.ANY_RESOURCE,
      }),
      // The SDK of the Lambda runtime has the call; fetching a newer one needs the internet.
      installLatestAwsSdk: false,
    });
    this.prefixListId = lookup.getResponseField('PrefixLists.0.PrefixListId');
    NagSuppressions.addResourceSuppressions(
      lookup,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason:
            'ec2:DescribeManagedPrefixLists has no resource-level permissions; the lookup reads the S3 prefix list id once per deployment and can change nothing.',
          appliesTo: ['Resource::*'],
        },
      ],
      true
    );
    // The lookup's Lambda is the stack's singleton provider; its role is the grant principal.
    NagSuppressions.addResourceSuppressions(lookup.grantPrincipal as IRole, [
      {
        id: 'AwsSolutions-IAM4',
        reason:
          "AWSLambdaBasicExecutionRole lets CDK's custom-resource provider write its own logs, nothing more; it runs only while the stack deploys.",
        appliesTo: [
          'Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
        ],
      },
    ]);
  }
}

export { S3PrefixList };
