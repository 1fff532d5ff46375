import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../infra/lib/repo-paths.js';
import { TrainingJobs } from '../../../infra/lib/training/training-jobs.js';
import { createTestApp } from '../../helpers/cdkApp.js';
import {
  actionsOf,
  roleIdsOf,
  type Statement,
  statementsOfRole,
} from '../../helpers/iamPolicies.js';

/** The statements of the one role whose logical id starts with `prefix`. */
function statementsOfRoleNamed(template: Template, prefix: string): Statement[] {
  const ids = roleIdsOf(template).filter((id) => id.startsWith(prefix));
  expect(ids, prefix).toHaveLength(1);
  return statementsOfRole(template, ids[0] ?? '');
}

describe('TrainingJobs', () => {
  let template: Template;

  beforeAll(() => {
    const app = createTestApp();
    const stack = new Stack(app, 'Test');
    new TrainingJobs(stack, 'Training', {
      bucket: new Bucket(stack, 'Results'),
      instanceClasses: ['g6'],
      maxvCpus: 32,
    });
    template = Template.fromStack(stack);
  });

  describe('the compute environment', () => {
    it('launches Spot GPU instances of the given families from zero to maxvCpus', () => {
      template.hasResourceProperties('AWS::Batch::ComputeEnvironment', {
        Type: 'managed',
        ComputeResources: Match.objectLike({
          Type: 'SPOT',
          InstanceTypes: ['g6'],
          MinvCpus: 0,
          MaxvCpus: 32,
          Ec2Configuration: [{ ImageType: 'ECS_AL2_NVIDIA' }],
        }),
      });
    });

    it('keeps containers away from the instance metadata (IMDSv2, one hop) on encrypted disks', () => {
      template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
        LaunchTemplateData: Match.objectLike({
          MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 1 },
          BlockDeviceMappings: [
            Match.objectLike({ Ebs: Match.objectLike({ Encrypted: true, VolumeType: 'gp3' }) }),
          ],
        }),
      });
    });

    it('launches hosts into the isolated subnets, the only ones the VPC has', () => {
      const subnets = Object.keys(template.findResources('AWS::EC2::Subnet')).sort();
      expect(subnets).toHaveLength(2);
      template.hasResourceProperties('AWS::Batch::ComputeEnvironment', {
        ComputeResources: Match.objectLike({
          Subnets: Match.arrayWith(subnets.map((id) => ({ Ref: id }))),
        }),
      });
    });

    it('feeds one job queue', () => {
      template.resourceCountIs('AWS::Batch::JobQueue', 1);
    });
  });

  describe('the network', () => {
    it('has isolated subnets only: no internet or NAT gateway, no route out, no public address', () => {
      template.resourceCountIs('AWS::EC2::InternetGateway', 0);
      template.resourceCountIs('AWS::EC2::NatGateway', 0);
      template.resourceCountIs('AWS::EC2::Route', 0);
      template.allResourcesProperties('AWS::EC2::Subnet', { MapPublicIpOnLaunch: false });
    });

    it('logs every flow', () => {
      template.hasResourceProperties('AWS::EC2::FlowLog', {
        ResourceType: 'VPC',
        TrafficType: 'ALL',
      });
    });

    it('reaches S3 through a gateway whose policy names the results bucket and ECR layers only', () => {
      const gateways = template.findResources('AWS::EC2::VPCEndpoint', {
        Properties: { VpcEndpointType: 'Gateway' },
      });
      expect(Object.values(gateways).map((gateway) => gateway.Properties.PolicyDocument)).toEqual([
        {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:ListBucket', 's3:PutObject'],
              Resource: [
                { 'Fn::GetAtt': [expect.stringMatching(/^Results/), 'Arn'] },
                {
                  'Fn::Join': [
                    '',
                    [{ 'Fn::GetAtt': [expect.stringMatching(/^Results/), 'Arn'] }, '/*'],
                  ],
                },
              ],
            },
            {
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: 's3:GetObject',
              Resource: {
                'Fn::Join': [
                  '',
                  [
                    'arn:',
                    { Ref: 'AWS::Partition' },
                    ':s3:::prod-',
                    { Ref: 'AWS::Region' },
                    '-starport-layer-bucket/*',
                  ],
                ],
              },
            },
          ],
        },
      ]);
    });

    it('has the interface endpoints the ECS agent needs, and no other', () => {
      const interfaces = template.findResources('AWS::EC2::VPCEndpoint', {
        Properties: { VpcEndpointType: 'Interface' },
      });
      const services = Object.values(interfaces).map((endpoint) =>
        String(endpoint.Properties.ServiceName['Fn::Join'][1].at(-1))
      );
      expect(services.sort()).toEqual([
        '.ecr.api',
        '.ecr.dkr',
        '.ecs',
        '.ecs-agent',
        '.ecs-telemetry',
        '.logs',
      ]);
      for (const endpoint of Object.values(interfaces)) {
        expect(endpoint.Properties).toMatchObject({
          PrivateDnsEnabled: true,
          SecurityGroupIds: [
            { 'Fn::GetAtt': [expect.stringMatching(/^TrainingNetworkEndpoints/), 'GroupId'] },
          ],
        });
      }
    });

    it('lets the hosts out only over HTTPS to the endpoints and the S3 prefix list, and nothing in', () => {
      const hostGroup = {
        'Fn::GetAtt': [expect.stringMatching(/^TrainingNetworkHosts/), 'GroupId'],
      };
      const egress = Object.values(template.findResources('AWS::EC2::SecurityGroupEgress')).map(
        (rule) => rule.Properties
      );
      expect(egress).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            GroupId: hostGroup,
            IpProtocol: 'tcp',
            FromPort: 443,
            ToPort: 443,
            DestinationPrefixListId: {
              'Fn::GetAtt': [
                expect.stringMatching(/^TrainingNetworkS3PrefixListLookup/),
                'PrefixLists.0.PrefixListId',
              ],
            },
          }),
          expect.objectContaining({
            GroupId: hostGroup,
            IpProtocol: 'tcp',
            FromPort: 443,
            ToPort: 443,
            DestinationSecurityGroupId: {
              'Fn::GetAtt': [expect.stringMatching(/^TrainingNetworkEndpoints/), 'GroupId'],
            },
          }),
        ])
      );
      expect(egress).toHaveLength(2);
      const inline = Object.values(template.findResources('AWS::EC2::SecurityGroup')).map(
        (group) => group.Properties
      );
      expect(JSON.stringify(inline)).not.toContain('0.0.0.0/0');
      const ingress = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress')).map(
        (rule) => rule.Properties
      );
      expect(ingress).toEqual([
        expect.objectContaining({
          GroupId: {
            'Fn::GetAtt': [expect.stringMatching(/^TrainingNetworkEndpoints/), 'GroupId'],
          },
          SourceSecurityGroupId: hostGroup,
          IpProtocol: 'tcp',
          FromPort: 443,
          ToPort: 443,
        }),
      ]);
    });

    it('looks up the S3 prefix list at deployment with one read-only call', () => {
      const lookup = statementsOfRoleNamed(template, 'AWS679f53fac002430cb0da5b7982bd2287');
      expect(lookup.flatMap(actionsOf)).toEqual(['ec2:DescribeManagedPrefixLists']);
    });
  });

  describe('the job definitions', () => {
    it('run the trainer on one GPU, 4 vCPUs and ~15 GiB', () => {
      template.resourceCountIs('AWS::Batch::JobDefinition', 1);
      template.allResourcesProperties('AWS::Batch::JobDefinition', {
        Type: 'container',
        ContainerProperties: Match.objectLike({
          ResourceRequirements: [
            { Type: 'MEMORY', Value: '15000' },
            { Type: 'VCPU', Value: '4' },
            { Type: 'GPU', Value: '1' },
          ],
        }),
      });
    });

    it('retry a reclaimed Spot host up to 3 attempts and exit on anything else', () => {
      template.allResourcesProperties('AWS::Batch::JobDefinition', {
        RetryStrategy: {
          Attempts: 3,
          EvaluateOnExit: [
            { Action: 'RETRY', OnStatusReason: 'Host EC2*' },
            { Action: 'EXIT', OnReason: '*' },
          ],
        },
        Timeout: { AttemptDurationSeconds: Match.anyValue() },
      });
    });

    it('give the job no credentials in its environment, only the region', () => {
      const definitions = JSON.stringify(template.findResources('AWS::Batch::JobDefinition'));
      expect(definitions).not.toMatch(/AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN/);
      template.allResourcesProperties('AWS::Batch::JobDefinition', {
        ContainerProperties: Match.objectLike({
          Environment: [{ Name: 'AWS_DEFAULT_REGION', Value: { Ref: 'AWS::Region' } }],
        }),
      });
    });
  });

  describe('the candidate training job', () => {
    const candidateDefinition = () => {
      const definitions = Object.entries(template.findResources('AWS::Batch::JobDefinition'));
      const found = definitions.filter(([id]) => id.startsWith('TrainingTrainCandidate'));
      expect(found).toHaveLength(1);
      return found[0]?.[1].Properties.ContainerProperties;
    };

    it('runs unprivileged: program code gets namespaces of its own where the container allows', () => {
      // Which one a job got, bwrap or none, its metrics.json says ("sandbox"); the image starts
      // every job asking for the sandbox where it can start.
      const container = candidateDefinition();
      expect(container).not.toHaveProperty('Privileged');
      expect(JSON.stringify(container)).not.toMatch(/"Capabilities"|SYS_ADMIN/);
      const dockerfile = readFileSync(join(repoRoot, 'trainer', 'Dockerfile'), 'utf8');
      expect(dockerfile).toContain(
        'ENTRYPOINT ["python", "-m", "evolverec_trainer", "run", "--sandbox", "if-available"]'
      );
      expect(dockerfile).toMatch(/apt-get install -y --no-install-recommends bubblewrap/);
    });

    it('has no job role, so its container holds no AWS credentials at all', () => {
      expect(candidateDefinition()).not.toHaveProperty('JobRoleArn');
      expect(roleIdsOf(template).filter((id) => id.includes('TrainCandidateJobRole'))).toEqual([]);
    });

    it("has no S3 access through its agent's execution role either", () => {
      const execution = statementsOfRoleNamed(
        template,
        'TrainingTrainCandidateContainerExecutionRole'
      );
      expect(execution.flatMap(actionsOf).filter((action) => action.startsWith('s3:'))).toEqual([]);
    });
  });
});
