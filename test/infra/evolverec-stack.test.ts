import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { EvolverecStack } from '../../infra/lib/evolverec-stack.js';
import {
  resolveWithPlaceholderArns,
  type TemplateResources,
} from '../../infra/lib/orchestration/placeholder-arns.js';
import { createTestApp } from '../helpers/cdkApp.js';

interface Resource {
  Properties: Record<string, unknown>;
}
const STEPS = [
  'start-run',
  'propose',
  'judge',
  'check-training',
  'simulate',
  'diagnose',
  'record',
  'record-failure',
  'record-generation',
  'finalize',
  'fail-run',
];
const LLM_STEPS = ['propose', 'check-training', 'simulate', 'diagnose'];
const FUNCTIONS = ['api', 'starter', ...STEPS];

describe('EvolverecStack', () => {
  let template: Template;

  /** The function deployed from functions/<name>/ (its description starts `evolverec <name>:`). */
  const fn = (name: string): Resource => {
    const found = Object.values(template.findResources('AWS::Lambda::Function')).filter(
      (resource) => String(resource.Properties.Description).startsWith(`evolverec ${name}:`)
    );
    if (found.length !== 1) throw new Error(`expected one function ${name}, found ${found.length}`);
    return found[0] as Resource;
  };
  const environmentOf = (name: string) =>
    (fn(name).Properties.Environment as { Variables: Record<string, unknown> }).Variables;
  beforeAll(() => {
    // Prepare: settings other than the defaults, to see each reach its resource
    const app = createTestApp({ validateTemplates: true });

    // Act
    const stack = new EvolverecStack(app, 'EvolverecStack', {
      candidateConcurrency: 7,
      trainingInstanceClasses: ['g6'],
      trainingMaxVcpus: 32,
      teamMaxConcurrentRuns: 3,
      teamMaxRunUsd: 20,
      admissionMaxReceiveCount: 4,
      workObjectExpiryDays: 10,
      tableDeletionProtection: false,
      callerTeams: {
        'arn:aws:iam::123456789012:role/teams/recsys-ci': 'recsys',
        'arn:aws:iam::123456789012:user/sam': 'search',
      },
    });
    template = Template.fromStack(stack);
  });

  describe('settings', () => {
    it('reach the resources they configure', () => {
      const [machine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
      const definition = JSON.parse(
        resolveWithPlaceholderArns(
          machine?.Properties.DefinitionString,
          template.toJSON().Resources as TemplateResources
        )
      );
      expect(definition.States.Generation.MaxConcurrency).toBe(7);
      template.hasResourceProperties('AWS::Batch::ComputeEnvironment', {
        ComputeResources: { InstanceTypes: ['g6'], MaxvCpus: 32 },
      });
      template.hasResourceProperties('AWS::SQS::Queue', {
        RedrivePolicy: { maxReceiveCount: 4 },
      });
      template.hasResourceProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: false });
      expect(JSON.stringify(template.findResources('AWS::S3::Bucket'))).toContain(
        '"ExpirationInDays":10'
      );
      expect(environmentOf('starter')).toMatchObject({
        TEAM_MAX_CONCURRENT_RUNS: '3',
        TEAM_MAX_RUN_USD: '20',
      });
      expect(JSON.parse(String(environmentOf('api').CALLER_TEAMS))).toEqual({
        'arn:aws:iam::123456789012:role/recsys-ci': 'recsys',
        'arn:aws:iam::123456789012:user/sam': 'search',
      });
    });
  });

  describe('the functions', () => {
    it('are one per functions/ folder, on Node.js 22, x86_64, traced, each with its log group', () => {
      const functions = Object.values(template.findResources('AWS::Lambda::Function'));
      const ours = functions.filter((resource) =>
        String(resource.Properties.Description).startsWith('evolverec ')
      );
      expect(ours).toHaveLength(FUNCTIONS.length);
      // Besides ours, only CDK's provider of the deploy-time S3 prefix list lookup.
      expect(functions).toHaveLength(FUNCTIONS.length + 1);
      for (const resource of ours) {
        expect(resource.Properties).toMatchObject({
          Runtime: 'nodejs22.x',
          Architectures: ['x86_64'],
          Handler: 'index.handler',
          TracingConfig: { Mode: 'Active' },
        });
      }
      const logGroups = new Set(
        FUNCTIONS.map((name) => JSON.stringify(fn(name).Properties.LoggingConfig))
      );
      expect(logGroups.size).toBe(FUNCTIONS.length);
      template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
    });

    it('get 3008 MB and 15 minutes to score, 1024 MB and 15 minutes to propose or repair with the LLM, 1024 MB and 5 minutes per other step, 512 MB and 29 s for the API', () => {
      for (const name of FUNCTIONS) {
        const expected = ['judge', 'simulate', 'diagnose'].includes(name)
          ? { MemorySize: 3008, Timeout: 900 }
          : name === 'api'
            ? { MemorySize: 512, Timeout: 29 }
            : ['propose', 'check-training'].includes(name)
              ? { MemorySize: 1024, Timeout: 900 }
              : { MemorySize: 1024, Timeout: 300 };
        expect(fn(name).Properties, name).toMatchObject(expected);
      }
    });

    it('each know the table, the bucket and their Powertools names', () => {
      for (const name of FUNCTIONS) {
        expect(environmentOf(name), name).toMatchObject({
          TABLE_NAME: { Ref: expect.stringMatching(/^RunsTable/) },
          BUCKET_NAME: { Ref: expect.stringMatching(/^ResultsBucket/) },
          POWERTOOLS_SERVICE_NAME: `evolverec-${name}`,
          POWERTOOLS_METRICS_NAMESPACE: 'evolverec',
        });
      }
    });

    it('the LLM steps alone know the OpenAI secret and where their bundled prompts are', () => {
      for (const name of FUNCTIONS) {
        const environment = environmentOf(name);
        if (LLM_STEPS.includes(name)) {
          expect(environment, name).toMatchObject({
            OPENAI_SECRET_ARN: { Ref: expect.stringMatching(/^OpenAiSecret/) },
            EVOLVEREC_PROMPTS_DIR: '/var/task/prompts',
          });
        } else {
          expect(environment.OPENAI_SECRET_ARN, name).toBeUndefined();
          expect(environment.EVOLVEREC_PROMPTS_DIR, name).toBeUndefined();
        }
      }
    });

    it('Finalize alone knows where its bundled report page scripts are', () => {
      for (const name of FUNCTIONS) {
        expect(environmentOf(name).EVOLVEREC_REPORT_PAGE_DIR, name).toBe(
          name === 'finalize' ? '/var/task/report-page' : undefined
        );
      }
    });

    it('the API knows the state machine, the admission queue and the caller teams', () => {
      expect(environmentOf('api')).toMatchObject({
        STATE_MACHINE_ARN: { Ref: expect.stringMatching(/^EvolutionStateMachine/) },
        ADMISSION_QUEUE_URL: { Ref: expect.stringMatching(/^AdmissionQueue/) },
        CALLER_TEAMS: expect.any(String),
      });
      expect(environmentOf('api')).not.toHaveProperty('TEAM_MAX_RUN_USD');
    });

    it('the starter knows the state machine and the team limits, and no caller', () => {
      expect(environmentOf('starter')).toMatchObject({
        STATE_MACHINE_ARN: { Ref: expect.stringMatching(/^EvolutionStateMachine/) },
        TEAM_MAX_CONCURRENT_RUNS: expect.any(String),
        TEAM_MAX_RUN_USD: expect.any(String),
      });
      expect(environmentOf('starter')).not.toHaveProperty('CALLER_TEAMS');
    });

    it('load onnxruntime-node from the layer: simulate and diagnose, and every step', () => {
      const [layer] = Object.keys(template.findResources('AWS::Lambda::LayerVersion'));
      for (const name of STEPS) {
        expect(fn(name).Properties.Layers, name).toEqual([{ Ref: layer }]);
      }
      expect(fn('api').Properties.Layers).toBeUndefined();
      expect(fn('starter').Properties.Layers).toBeUndefined();
    });
  });

  describe('the admission', () => {
    it('the starter consumes the admission queue one run at a time, reporting failures per item', () => {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        BatchSize: 1,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AdmissionQueue'), 'Arn'] },
      });
    });
  });

  it('names what an operator needs in its outputs', () => {
    for (const output of [
      'ResultsBucketName',
      'RunTableName',
      'OpenAiSecretArn',
      'StateMachineArn',
      'AdmissionQueueUrl',
      'ApiUrl',
    ]) {
      template.hasOutput(output, {});
    }
  });
});
