import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { OnnxRuntimeLayer } from '../../layers/onnxruntime/onnxruntime-layer.js';
import { AdmissionQueue } from './admission/admission-queue.js';
import { RunsApi } from './api/runs-api.js';
import { RunTable } from './data/run-table.js';
import { ControlFunctions } from './functions/control-functions.js';
import { PipelineFunctions } from './functions/pipeline-functions.js';
import { EvolutionStateMachine } from './orchestration/evolution-state-machine.js';
import { OpenAiSecret } from './secrets/openai-secret.js';
import {
  type EvolverecSettingsInput,
  pickSettings,
  resolveSettings,
} from './settings/evolverec-settings.js';
import { ResultsBucket } from './storage/results-bucket.js';
import { TrainingJobs } from './training/training-jobs.js';

/** The stack's props: the settings (see evolverec-settings.ts), each at its default if not given. */
interface EvolverecStackProps extends StackProps, EvolverecSettingsInput {}

/**
 * The evolverec service; composes constructs only. Environment-agnostic: the account and region
 * come from the deploying credentials.
 */
class EvolverecStack extends Stack {
  public readonly results: ResultsBucket;
  public readonly runTable: RunTable;
  public readonly openAiSecret: OpenAiSecret;
  public readonly onnxRuntime: OnnxRuntimeLayer;
  public readonly steps: PipelineFunctions;
  public readonly training: TrainingJobs;
  public readonly evolution: EvolutionStateMachine;
  public readonly admission: AdmissionQueue;
  public readonly control: ControlFunctions;
  public readonly runsApi: RunsApi;

  constructor(scope: Construct, id: string, props: EvolverecStackProps = {}) {
    super(scope, id, props);
    const settings = resolveSettings(pickSettings(props));

    this.results = new ResultsBucket(this, 'Results', {
      workObjectExpiryDays: settings.workObjectExpiryDays,
    });
    const bucket = this.results.bucket;
    this.runTable = new RunTable(this, 'Runs', {
      deletionProtection: settings.tableDeletionProtection,
    });
    this.openAiSecret = new OpenAiSecret(this, 'OpenAi');
    this.onnxRuntime = new OnnxRuntimeLayer(this, 'OnnxRuntime');

    this.steps = new PipelineFunctions(this, 'Steps', {
      runTable: this.runTable,
      bucket,
      openAiSecret: this.openAiSecret,
      onnxRuntime: this.onnxRuntime,
    });
    this.training = new TrainingJobs(this, 'Training', {
      bucket,
      instanceClasses: settings.trainingInstanceClasses,
      maxvCpus: settings.trainingMaxVcpus,
    });
    this.evolution = new EvolutionStateMachine(this, 'Evolution', {
      steps: this.steps.functions,
      jobQueue: this.training.queue.jobQueue,
      trainCandidate: this.training.trainCandidate.jobDefinition,
      candidateConcurrency: settings.candidateConcurrency,
    });
    const stateMachine = this.evolution.stateMachine;

    this.admission = new AdmissionQueue(this, 'Admission', {
      maxReceiveCount: settings.admissionMaxReceiveCount,
    });
    this.control = new ControlFunctions(this, 'Control', {
      runTable: this.runTable,
      bucket,
      stateMachine,
      admissionQueue: this.admission.queue,
      teamLimits: {
        maxConcurrentRuns: settings.teamMaxConcurrentRuns,
        maxRunUsd: settings.teamMaxRunUsd,
      },
      callerTeams: settings.callerTeams,
    });
    this.runsApi = new RunsApi(this, 'RunsApi', { handler: this.control.api });

    new CfnOutput(this, 'ResultsBucketName', { value: bucket.bucketName });
    new CfnOutput(this, 'RunTableName', { value: this.runTable.table.tableName });
    new CfnOutput(this, 'OpenAiSecretArn', { value: this.openAiSecret.secret.secretArn });
    new CfnOutput(this, 'StateMachineArn', { value: stateMachine.stateMachineArn });
    new CfnOutput(this, 'AdmissionQueueUrl', { value: this.admission.queue.queueUrl });
    new CfnOutput(this, 'ApiUrl', { value: this.runsApi.api.url });
  }
}

export type { EvolverecStackProps };
export { EvolverecStack };
