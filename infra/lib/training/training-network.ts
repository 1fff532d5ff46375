import { Aws } from 'aws-cdk-lib';
import {
  FlowLogDestination,
  FlowLogTrafficType,
  type GatewayVpcEndpoint,
  GatewayVpcEndpointAwsService,
  InterfaceVpcEndpointAwsService,
  Peer,
  Port,
  SecurityGroup,
  SubnetType,
  Vpc,
} from 'aws-cdk-lib/aws-ec2';
import { AnyPrincipal, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ServiceLogGroup } from '../observability/service-log-group.js';
import { S3PrefixList } from './s3-prefix-list.js';

interface TrainingNetworkProps {
  /** The results bucket: the one bucket of the stack that training hosts may reach. */
  readonly bucket: IBucket;
}

/**
 * What a Batch host's ECS agent needs to join its cluster, pull the trainer image and ship the
 * job's logs, as interface endpoints (each $0.01 an hour per AZ in us-east-1, idle or not).
 */
const AGENT_ENDPOINTS = {
  Ecs: InterfaceVpcEndpointAwsService.ECS,
  EcsAgent: InterfaceVpcEndpointAwsService.ECS_AGENT,
  EcsTelemetry: InterfaceVpcEndpointAwsService.ECS_TELEMETRY,
  EcrApi: InterfaceVpcEndpointAwsService.ECR,
  EcrDocker: InterfaceVpcEndpointAwsService.ECR_DOCKER,
  Logs: InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
} as const;

const HTTPS = Port.tcp(443);

/**
 * Where the GPU training hosts run: private isolated subnets, with no NAT and no route to the
 * internet, so that a candidate's code has nowhere to send anything. The hosts reach AWS through
 * endpoints only: an S3 gateway whose policy names the results bucket (and ECR's layer bucket,
 * which image pulls read), and the interface endpoints of AGENT_ENDPOINTS. Their security group
 * admits nothing inbound and lets out HTTPS to those endpoints only. Every flow is logged. Two
 * AZs, as an environment-agnostic stack gets.
 */
class TrainingNetwork extends Construct {
  public readonly vpc: Vpc;
  public readonly hostSecurityGroup: SecurityGroup;
  public readonly s3Endpoint: GatewayVpcEndpoint;

  constructor(scope: Construct, id: string, props: TrainingNetworkProps) {
    super(scope, id);
    const hostSubnets = { subnetType: SubnetType.PRIVATE_ISOLATED };
    this.vpc = new Vpc(this, 'Vpc', {
      natGateways: 0,
      subnetConfiguration: [
        { name: 'Hosts', subnetType: SubnetType.PRIVATE_ISOLATED, cidrMask: 20 },
      ],
      flowLogs: {
        All: {
          destination: FlowLogDestination.toCloudWatchLogs(new ServiceLogGroup(this, 'FlowLogs')),
          trafficType: FlowLogTrafficType.ALL,
        },
      },
    });
    this.hostSecurityGroup = new SecurityGroup(this, 'Hosts', {
      vpc: this.vpc,
      description: 'evolverec GPU training hosts: HTTPS out to the VPC endpoints only',
      allowAllOutbound: false,
    });

    this.s3Endpoint = this.vpc.addGatewayEndpoint('S3', {
      service: GatewayVpcEndpointAwsService.S3,
      subnets: [hostSubnets],
    });
    this.s3Endpoint.addToPolicy(
      new PolicyStatement({
        principals: [new AnyPrincipal()],
        actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListBucket'],
        resources: [props.bucket.bucketArn, props.bucket.arnForObjects('*')],
      })
    );
    // ECR keeps image layers in this AWS-owned bucket; without it no image can be pulled.
    this.s3Endpoint.addToPolicy(
      new PolicyStatement({
        principals: [new AnyPrincipal()],
        actions: ['s3:GetObject'],
        resources: [`arn:${Aws.PARTITION}:s3:::prod-${Aws.REGION}-starport-layer-bucket/*`],
      })
    );
    const s3 = new S3PrefixList(this, 'S3PrefixList');
    this.hostSecurityGroup.addEgressRule(
      Peer.prefixList(s3.prefixListId),
      HTTPS,
      'HTTPS to S3 through the gateway endpoint'
    );

    const endpointSecurityGroup = new SecurityGroup(this, 'Endpoints', {
      vpc: this.vpc,
      description: 'evolverec training VPC interface endpoints: HTTPS in from the hosts',
      allowAllOutbound: false,
    });
    for (const [name, service] of Object.entries(AGENT_ENDPOINTS)) {
      this.vpc.addInterfaceEndpoint(name, {
        service,
        subnets: hostSubnets,
        securityGroups: [endpointSecurityGroup],
        // Reachable from the hosts' group only, not from the whole VPC's range.
        open: false,
      });
    }
    endpointSecurityGroup.connections.allowFrom(
      this.hostSecurityGroup,
      HTTPS,
      'HTTPS between the training hosts and the interface endpoints'
    );
  }
}

export type { TrainingNetworkProps };
export { TrainingNetwork };
