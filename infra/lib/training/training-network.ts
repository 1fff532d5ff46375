import {
  FlowLogDestination,
  FlowLogTrafficType,
  GatewayVpcEndpointAwsService,
  SecurityGroup,
  SubnetType,
  Vpc,
} from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { ServiceLogGroup } from '../observability/service-log-group.js';

/**
 * Where the GPU training hosts run. Public subnets and no NAT gateway: a pay-per-run service
 * should not pay for idle NAT hours, and the hosts need outbound HTTPS only (ECR, ECS, S3, logs);
 * the hosts' security group admits nothing inbound. S3 traffic stays on AWS's network through a
 * gateway endpoint. Every flow is logged. Two AZs, as an environment-agnostic stack gets.
 */
class TrainingNetwork extends Construct {
  public readonly vpc: Vpc;
  public readonly hostSecurityGroup: SecurityGroup;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.vpc = new Vpc(this, 'Vpc', {
      natGateways: 0,
      subnetConfiguration: [{ name: 'Hosts', subnetType: SubnetType.PUBLIC, cidrMask: 20 }],
      gatewayEndpoints: { S3: { service: GatewayVpcEndpointAwsService.S3 } },
      flowLogs: {
        All: {
          destination: FlowLogDestination.toCloudWatchLogs(new ServiceLogGroup(this, 'FlowLogs')),
          trafficType: FlowLogTrafficType.ALL,
        },
      },
    });
    this.hostSecurityGroup = new SecurityGroup(this, 'Hosts', {
      vpc: this.vpc,
      description: 'evolverec GPU training hosts: outbound only',
      allowAllOutbound: true,
    });
  }
}

export { TrainingNetwork };
