import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { beforeAll, describe, expect, it } from 'vitest';
import { RunTable } from '../../../infra/lib/data/run-table.js';
import { createTestApp } from '../../helpers/cdkApp.js';

describe('RunTable', () => {
  let template: Template;

  beforeAll(() => {
    const app = createTestApp();
    const stack = new Stack(app, 'Test');
    const runs = new RunTable(stack, 'Runs', { deletionProtection: true });
    new RunTable(stack, 'Throwaway', { deletionProtection: false });
    const lambda = new ServicePrincipal('lambda.amazonaws.com');
    runs.grantRunItems(new Role(stack, 'Reader', { assumedBy: lambda }), ['GetItem']);
    runs.grantTeamQueries(new Role(stack, 'Lister', { assumedBy: lambda }));
    template = Template.fromStack(stack);
  });

  it('keys items by pk and sk and lists runs by team, newest first, in the byTeam index', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'team', AttributeType: 'S' },
        { AttributeName: 'createdAt', AttributeType: 'S' },
      ]),
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byTeam',
          KeySchema: [
            { AttributeName: 'team', KeyType: 'HASH' },
            { AttributeName: 'createdAt', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
  });

  it('is on demand, recoverable to a point in time and encrypted with the AWS-managed key', () => {
    template.allResourcesProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
    });
  });

  it('refuses deletion when asked to, and is retained with the stack either way', () => {
    const tables = Object.values(template.findResources('AWS::DynamoDB::Table'));
    expect(tables.map((table) => table.Properties.DeletionProtectionEnabled).sort()).toEqual([
      false,
      true,
    ]);
    template.allResources('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain' });
  });

  it("grants exactly the item actions asked for, on the runs' partitions only", () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Reader') }],
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: 'dynamodb:GetItem',
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RunsTable'), 'Arn'] },
            Condition: {
              'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['RUN#*'] },
            },
          },
        ],
      },
    });
  });

  it('grants team queries on the byTeam index by name, no index wildcard, nothing else', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Lister') }],
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: 'dynamodb:Query',
            Resource: {
              'Fn::Join': [
                '',
                [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^RunsTable'), 'Arn'] }, '/index/byTeam'],
              ],
            },
          },
        ],
      },
    });
    expect(JSON.stringify(template.findResources('AWS::IAM::Policy'))).not.toContain('/index/*');
  });
});
