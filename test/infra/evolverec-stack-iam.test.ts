import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { EvolverecStack } from '../../infra/lib/evolverec-stack.js';
import { createTestApp } from '../helpers/cdkApp.js';
import {
  actionsOf,
  allowing,
  listedPrefixes,
  objectPatterns,
  resourcesOf,
  roleIdsOf,
  type Statement,
  statementsOfRole,
} from '../helpers/iamPolicies.js';

/**
 * What each function's role may do to the table and the bucket, written out by hand from the
 * code each runs (not derived from the stack's declarations, which these check).
 */
const EXPECTED_DATA_ACCESS = {
  api: {
    runItems: ['GetItem', 'PutItem', 'UpdateItem'],
    teamIndex: ['Query'],
    reads: ['runs/*/programs/*/files/*', 'runs/*/programs/*/model/*', 'runs/*/report.*'],
    writes: ['runs/*/seed/*'],
  },
  starter: { runItems: ['GetItem', 'UpdateItem'], teamIndex: ['Query'], reads: [], writes: [] },
  'start-run': {
    runItems: ['GetItem', 'PutItem', 'UpdateItem'],
    teamIndex: [],
    reads: ['datasets/*/candidate/*'],
    writes: ['runs/*/generations/*'],
  },
  propose: {
    runItems: ['GetItem', 'PutItem', 'Query'],
    teamIndex: [],
    reads: [
      'datasets/*/candidate/*',
      'runs/*/generations/*',
      'runs/*/programs/*/files/*',
      'runs/*/seed/*',
      'work/*/candidates/*/attempt-*/job.json',
      'work/*/candidates/*/attempt-*/out/*',
      'work/*/candidates/*/attempt-*/program/*',
      'work/*/candidates/*/draft.json',
    ],
    writes: [
      'runs/*/programs/*',
      'work/*/candidates/*/attempt-*/job.json',
      'work/*/candidates/*/attempt-*/out/*',
      'work/*/candidates/*/attempt-*/program/*',
      'work/*/candidates/*/draft.json',
    ],
  },
  judge: {
    runItems: ['GetItem', 'PutItem'],
    teamIndex: [],
    reads: [
      'datasets/*/judge/*',
      'runs/*/final/*/judge.json',
      'runs/*/programs/*/model/*',
      'work/*/candidates/*/attempt-*/judge.json',
      'work/*/candidates/*/attempt-*/out/*',
    ],
    writes: ['runs/*/final/*/judge.json', 'work/*/candidates/*/attempt-*/judge.json'],
  },
  'check-training': {
    runItems: ['GetItem', 'PutItem'],
    teamIndex: [],
    reads: [
      'datasets/*/candidate/*',
      'runs/*/programs/*/files/*',
      'work/*/candidates/*/attempt-*/job.json',
      'work/*/candidates/*/attempt-*/judge.json',
      'work/*/candidates/*/attempt-*/out/*',
      'work/*/candidates/*/attempt-*/program/*',
      'work/*/candidates/*/draft.json',
    ],
    writes: [
      'runs/*/programs/*',
      'work/*/candidates/*/attempt-*/job.json',
      'work/*/candidates/*/attempt-*/out/*',
      'work/*/candidates/*/attempt-*/program/*',
      'work/*/candidates/*/draft.json',
    ],
  },
  simulate: {
    runItems: ['GetItem', 'PutItem'],
    teamIndex: [],
    reads: [
      'datasets/*/candidate/*',
      'runs/*/programs/*/files/*',
      'work/*/candidates/*/attempt-*/out/*',
      'work/*/candidates/*/attempt-*/program/*',
      'work/*/candidates/*/draft.json',
      'work/*/candidates/*/feedback/simulation.json',
    ],
    writes: ['work/*/candidates/*/feedback/simulation.json'],
  },
  diagnose: {
    runItems: ['GetItem', 'PutItem'],
    teamIndex: [],
    reads: [
      'datasets/*/candidate/*',
      'runs/*/programs/*/files/*',
      'work/*/candidates/*/attempt-*/out/*',
      'work/*/candidates/*/attempt-*/program/*',
      'work/*/candidates/*/draft.json',
      'work/*/candidates/*/feedback/diagnosis.json',
    ],
    writes: ['work/*/candidates/*/feedback/diagnosis.json'],
  },
  record: {
    runItems: ['GetItem', 'PutItem'],
    teamIndex: [],
    reads: [
      'runs/*/programs/*/files/*',
      'work/*/candidates/*/attempt-*/judge.json',
      'work/*/candidates/*/attempt-*/out/*',
      'work/*/candidates/*/attempt-*/program/*',
      'work/*/candidates/*/draft.json',
      'work/*/candidates/*/feedback/*',
    ],
    writes: ['runs/*/programs/*'],
  },
  'record-failure': {
    runItems: ['GetItem', 'PutItem'],
    teamIndex: [],
    reads: [
      'runs/*/generations/*',
      'runs/*/programs/*/files/*',
      'work/*/candidates/*/attempt-*/judge.json',
      'work/*/candidates/*/attempt-*/out/*',
      'work/*/candidates/*/attempt-*/program/*',
      'work/*/candidates/*/draft.json',
    ],
    writes: ['runs/*/programs/*'],
  },
  'record-generation': {
    runItems: ['GetItem', 'PutItem', 'UpdateItem'],
    teamIndex: [],
    reads: [
      'runs/*/generations/*',
      'runs/*/programs/*/files/*',
      'work/*/candidates/*/attempt-*/judge.json',
      'work/*/candidates/*/attempt-*/out/*',
      'work/*/candidates/*/attempt-*/program/*',
      'work/*/candidates/*/draft.json',
    ],
    writes: ['runs/*/generations/*', 'runs/*/programs/*'],
  },
  finalize: {
    runItems: ['GetItem', 'PutItem', 'Query', 'UpdateItem'],
    teamIndex: [],
    reads: [
      'runs/*/comparison.json',
      'runs/*/final/*/judge.json',
      'runs/*/programs/*/diff.patch',
      'runs/*/programs/*/files/*',
      'work/*/candidates/*/attempt-*/out/metrics.json',
      'work/*/candidates/*/feedback/*',
    ],
    writes: ['runs/*/report.*'],
  },
  'fail-run': { runItems: ['PutItem', 'UpdateItem'], teamIndex: [], reads: [], writes: [] },
} as const;

type FunctionName = keyof typeof EXPECTED_DATA_ACCESS;
const FUNCTIONS = Object.keys(EXPECTED_DATA_ACCESS) as FunctionName[];
const LLM_STEPS: readonly FunctionName[] = ['propose', 'check-training', 'simulate', 'diagnose'];

/** The only bucket actions a function holds. */
const OBJECT_ACTIONS = ['s3:GetObject', 's3:ListBucket', 's3:PutObject', 's3:AbortMultipartUpload'];

/** The run items' statement: the table, held to the runs' partitions. */
const RUN_ITEMS_CONDITION = {
  'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['RUN#*'] },
};

describe('IAM of EvolverecStack, role by role', () => {
  let template: Template;

  /** The logical id of the role of the function deployed from functions/<name>/. */
  const roleOf = (name: FunctionName): string => {
    const found = Object.values(template.findResources('AWS::Lambda::Function')).filter(
      (resource) => String(resource.Properties.Description).startsWith(`evolverec ${name}:`)
    );
    const [only, ...others] = found;
    if (only === undefined || others.length > 0) {
      throw new Error(`expected one function ${name}, found ${found.length}`);
    }
    return (only.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  };
  const statementsOf = (name: FunctionName): Statement[] =>
    statementsOfRole(template, roleOf(name));

  /**
   * The DynamoDB actions of a function, by where they apply: the runs' items (the table, with
   * the LeadingKeys condition), the byTeam index, or anything else (which should be nothing).
   */
  const tableAccessOf = (name: FunctionName) => {
    const access = { runItems: [] as string[], teamIndex: [] as string[], other: [] as string[] };
    for (const statement of statementsOf(name)) {
      const actions = actionsOf(statement).filter((action) => action.startsWith('dynamodb:'));
      if (actions.length === 0) continue;
      const resources = JSON.stringify(resourcesOf(statement));
      const where =
        /^\[\{"Fn::GetAtt":\["RunsTable\w+","Arn"\]\}\]$/.test(resources) &&
        JSON.stringify(statement.Condition) === JSON.stringify(RUN_ITEMS_CONDITION)
          ? 'runItems'
          : /^\[\{"Fn::Join":\["",\[\{"Fn::GetAtt":\["RunsTable\w+","Arn"\]\},"\/index\/byTeam"\]\]\}\]$/.test(
                resources
              ) && statement.Condition === undefined
            ? 'teamIndex'
            : 'other';
      access[where].push(...actions.map((action) => action.replace('dynamodb:', '')));
    }
    return {
      runItems: access.runItems.sort(),
      teamIndex: access.teamIndex.sort(),
      other: access.other,
    };
  };

  beforeAll(() => {
    const app = createTestApp();
    template = Template.fromStack(new EvolverecStack(app, 'EvolverecStack'));
  });

  describe('each function', () => {
    it.each(FUNCTIONS)('%s holds exactly the table actions its code uses', (name) => {
      const { runItems, teamIndex } = EXPECTED_DATA_ACCESS[name];
      expect(tableAccessOf(name)).toEqual({ runItems, teamIndex, other: [] });
    });

    it.each(FUNCTIONS)('%s reads and writes exactly the object keys its code uses', (name) => {
      const statements = statementsOf(name);
      const { reads, writes } = EXPECTED_DATA_ACCESS[name];
      expect(objectPatterns(statements, 's3:GetObject')).toEqual(reads);
      expect(listedPrefixes(statements)).toEqual(reads);
      expect(objectPatterns(statements, 's3:PutObject')).toEqual(writes);
      expect(objectPatterns(statements, 's3:AbortMultipartUpload')).toEqual(writes);
      const otherS3Actions = statements
        .flatMap(actionsOf)
        .filter((action) => action.startsWith('s3:') && !OBJECT_ACTIONS.includes(action));
      expect(otherS3Actions).toEqual([]);
    });

    it.each(FUNCTIONS)('%s reads the OpenAI secret if and only if it calls an LLM', (name) => {
      const reads = allowing(statementsOf(name), 'secretsmanager:GetSecretValue');
      expect(reads).toEqual(
        LLM_STEPS.includes(name)
          ? [expect.objectContaining({ Resource: { Ref: expect.stringMatching(/^OpenAiSecret/) } })]
          : []
      );
    });

    it.each(FUNCTIONS)(
      '%s holds no wildcard action, and no delete, scan or batch of the data',
      (name) => {
        const actions = statementsOf(name).flatMap(actionsOf);
        expect(actions.filter((action) => action === '*' || action.endsWith(':*'))).toEqual([]);
        expect(
          actions.filter((action) => /^(dynamodb|s3):(Delete|Scan|Batch)/.test(action))
        ).toEqual([]);
      }
    );
  });

  describe('the test split', () => {
    it("no role but the judge's can read a judge view (held-out validation and test items)", () => {
      const reading = roleIdsOf(template).filter((roleId) =>
        JSON.stringify(statementsOfRole(template, roleId)).includes('datasets/*/judge/')
      );
      expect(reading).toEqual([roleOf('judge')]);
    });
  });

  describe('the training jobs', () => {
    it('no role that ECS tasks assume reaches S3: a job holds URLs, not credentials', () => {
      const taskRoles = Object.entries(template.findResources('AWS::IAM::Role'))
        .filter(([, role]) =>
          JSON.stringify(role.Properties.AssumeRolePolicyDocument).includes(
            'ecs-tasks.amazonaws.com'
          )
        )
        .map(([roleId]) => roleId);
      const reachingS3 = taskRoles.filter((roleId) =>
        statementsOfRole(template, roleId)
          .flatMap(actionsOf)
          .some((action) => action.startsWith('s3:'))
      );
      expect(reachingS3).toEqual([]);
    });
  });

  describe('Step Functions and SQS', () => {
    it('only the starter starts executions, besides the state machine starting its own children', () => {
      const starting = roleIdsOf(template).filter(
        (roleId) => allowing(statementsOfRole(template, roleId), 'states:StartExecution').length > 0
      );
      expect(starting.sort()).toEqual(
        [roleOf('starter'), expect.stringMatching(/^EvolutionStateMachineRole/)].sort()
      );
      expect(allowing(statementsOf('starter'), 'states:StartExecution')).toEqual([
        expect.objectContaining({
          Resource: { Ref: expect.stringMatching(/^EvolutionStateMachine/) },
        }),
      ]);
    });

    it('the API queues runs and stops executions; the starter describes and stops them', () => {
      const api = statementsOf('api');
      const starter = statementsOf('starter');
      const stateActions = (statements: Statement[]) =>
        statements
          .flatMap(actionsOf)
          .filter((action) => action.startsWith('states:'))
          .sort();
      expect(stateActions(api)).toEqual(['states:StopExecution']);
      expect(stateActions(starter)).toEqual([
        'states:DescribeExecution',
        'states:StartExecution',
        'states:StopExecution',
      ]);
      expect(allowing(api, 'sqs:SendMessage')).toEqual([
        expect.objectContaining({
          Resource: { 'Fn::GetAtt': [expect.stringMatching(/^AdmissionQueue/), 'Arn'] },
        }),
      ]);
      expect(allowing(starter, 'sqs:SendMessage')).toEqual([]);
    });

    it('no step touches Step Functions or SQS', () => {
      for (const name of FUNCTIONS.filter((fn) => fn !== 'api' && fn !== 'starter')) {
        const actions = statementsOf(name).flatMap(actionsOf);
        expect(
          actions.filter((action) => /^(states|sqs):/.test(action)),
          name
        ).toEqual([]);
      }
    });
  });
});
