import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrainingJobs } from '../../../infra/lib/training/training-jobs.js';
import { createTestApp } from '../../helpers/cdkApp.js';

/** Statements of the policies attached to the role whose logical id contains `roleIdPart`. */
function statementsOfRole(template: Template, roleIdPart: string): Statement[] {
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.values(policies)
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(roleIdPart))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

interface Statement {
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

/** The object patterns a statement's resources name (`<bucket arn>/<pattern>`). */
function objectPatterns(statement: Statement): string[] {
  const resources = Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
  return resources.map((resource) => {
    const parts = (resource as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
    return String(parts.at(-1)).replace(/^\//, '');
  });
}

function actionsOf(statement: Statement): string[] {
  return Array.isArray(statement.Action) ? statement.Action : [statement.Action];
}

function patternsFor(statements: Statement[], action: string): string[] {
  return statements
    .filter((statement) => actionsOf(statement).includes(action) && action !== 's3:ListBucket')
    .flatMap(objectPatterns)
    .sort();
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

    it('runs in a VPC whose flows are logged, with S3 through a gateway and nothing inbound', () => {
      template.hasResourceProperties('AWS::EC2::FlowLog', {
        ResourceType: 'VPC',
        TrafficType: 'ALL',
      });
      template.hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Gateway' });
      template.resourceCountIs('AWS::EC2::NatGateway', 0);
      template.hasResourceProperties('AWS::EC2::SecurityGroup', {
        SecurityGroupIngress: Match.absent(),
      });
    });

    it('feeds one job queue', () => {
      template.resourceCountIs('AWS::Batch::JobQueue', 1);
    });
  });

  describe('the job definitions', () => {
    it('run the trainer on one GPU, 4 vCPUs and ~15 GiB, each with a role of its own', () => {
      template.resourceCountIs('AWS::Batch::JobDefinition', 2);
      template.allResourcesProperties('AWS::Batch::JobDefinition', {
        Type: 'container',
        ContainerProperties: Match.objectLike({
          ResourceRequirements: [
            { Type: 'MEMORY', Value: '15000' },
            { Type: 'VCPU', Value: '4' },
            { Type: 'GPU', Value: '1' },
          ],
          JobRoleArn: Match.anyValue(),
        }),
      });
      const roles = Object.values(template.findResources('AWS::Batch::JobDefinition')).map(
        (definition) => JSON.stringify(definition.Properties.ContainerProperties.JobRoleArn)
      );
      expect(new Set(roles).size).toBe(2);
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

  describe("the candidate training job's role", () => {
    let statements: Statement[];
    beforeAll(() => {
      statements = statementsOfRole(template, 'TrainCandidateJobRole');
    });

    it('reads only the candidate view and its attempt program', () => {
      expect(patternsFor(statements, 's3:GetObject')).toEqual([
        'datasets/*/candidate/*',
        'work/*/candidates/*/attempt-*/program/*',
      ]);
    });

    it('writes only its attempt out/ prefix: not stored programs, not runs/* broadly', () => {
      const writes = patternsFor(statements, 's3:PutObject');
      expect(writes).toEqual(['work/*/candidates/*/attempt-*/out/*']);
      expect(writes).not.toContain('runs/*/programs/*');
      expect(writes).not.toContain('runs/*');
    });

    it('lists only under the prefixes it reads', () => {
      const listing = statements.filter((statement) =>
        actionsOf(statement).includes('s3:ListBucket')
      );
      expect(listing.map((statement) => statement.Condition)).toEqual([
        {
          StringLike: {
            's3:prefix': ['datasets/*/candidate/*', 'work/*/candidates/*/attempt-*/program/*'],
          },
        },
      ]);
    });

    it('has no table, no other bucket action and no wildcard resource', () => {
      const actions = statements.flatMap(actionsOf);
      expect(actions.filter((action) => !action.startsWith('s3:'))).toEqual([]);
      expect(actions).not.toContain('s3:*');
      expect(statements.map((statement) => statement.Resource)).not.toContain('*');
    });
  });

  describe("the final evaluation's role", () => {
    it('reads the full view and stored program files, and writes only the final out/ prefix', () => {
      const statements = statementsOfRole(template, 'FinalEvaluationJobRole');
      expect(patternsFor(statements, 's3:GetObject')).toEqual([
        'datasets/*/full/*',
        'runs/*/programs/*/files/*',
      ]);
      expect(patternsFor(statements, 's3:PutObject')).toEqual(['runs/*/final/*/out/*']);
    });
  });
});
