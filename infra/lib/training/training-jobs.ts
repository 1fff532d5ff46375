import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { Platform } from 'aws-cdk-lib/aws-ecr-assets';
import { ContainerImage } from 'aws-cdk-lib/aws-ecs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { repoRoot } from '../repo-paths.js';
import { objectKeys } from '../storage/object-keys.js';
import { GpuJobQueue } from './gpu-job-queue.js';
import { TrainerJobDefinition } from './trainer-job-definition.js';
import { TrainingNetwork } from './training-network.js';

interface TrainingJobsProps {
  readonly bucket: IBucket;
  readonly instanceClasses: readonly string[];
  readonly maxvCpus: number;
}

/**
 * AWS Batch for the trainer: the GPU queue and the job definition of the trainer image. A job
 * reaches its own inputs and outputs only, through the URLs its job.json names; the final
 * evaluation is the judge's (a Lambda), so no job ever holds a test item.
 */
class TrainingJobs extends Construct {
  public readonly queue: GpuJobQueue;
  public readonly trainCandidate: TrainerJobDefinition;

  constructor(scope: Construct, id: string, props: TrainingJobsProps) {
    super(scope, id);
    const network = new TrainingNetwork(this, 'Network');
    this.queue = new GpuJobQueue(this, 'Queue', {
      network,
      instanceClasses: props.instanceClasses,
      maxvCpus: props.maxvCpus,
    });
    // Built and pushed by `cdk deploy`; synthesis only stages its folder.
    const image = ContainerImage.fromAsset(join(repoRoot, 'trainer'), {
      platform: Platform.LINUX_AMD64,
    });
    this.trainCandidate = new TrainerJobDefinition(this, 'TrainCandidate', {
      image,
      bucket: props.bucket,
      reads: [objectKeys.candidateDatasets, objectKeys.attemptPrograms],
      writes: [objectKeys.attemptOutputs],
      // The harness stops a candidate at its wall limit (1 h); transfers need the rest.
      timeout: Duration.minutes(75),
    });
  }
}

export type { TrainingJobsProps };
export { TrainingJobs };
