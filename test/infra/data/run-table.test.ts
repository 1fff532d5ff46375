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
    runs.grantReadWriteItems(
      new Role(stack, 'Reader', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') })
    );
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

  it('grants item access on the table and its byTeam index by name, no index wildcard', () => {
    const policy = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policy).toContain('/index/byTeam');
    expect(policy).not.toContain('/index/*');
    expect(policy).not.toContain('dynamodb:GetRecords');
  });
});
