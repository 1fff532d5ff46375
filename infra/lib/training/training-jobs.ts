import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { Platform } from 'aws-cdk-lib/aws-ecr-assets';
import { ContainerImage } from 'aws-cdk-lib/aws-ecs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { repoRoot } from '../repo-paths.js';
import { GpuJobQueue } from './gpu-job-queue.js';
import { TrainerJobDefinition } from './trainer-job-definition.js';
import { TrainingNetwork } from './training-network.js';

interface TrainingJobsProps {
  readonly bucket: IBucket;
  readonly instanceClasses: readonly string[];
  readonly maxvCpus: number;
}

/**
 * AWS Batch for the trainer: the GPU queue in its isolated network and the job definition of the
 * trainer image. A job has no role at all: the steps hand it presigned URLs of its attempt's
 * inputs and outputs. The final evaluation is the judge's (a Lambda), so no job holds a test item.
 */
class TrainingJobs extends Construct {
  public readonly queue: GpuJobQueue;
  public readonly trainCandidate: TrainerJobDefinition;

  constructor(scope: Construct, id: string, props: TrainingJobsProps) {
    super(scope, id);
    const network = new TrainingNetwork(this, 'Network', { bucket: props.bucket });
    this.queue = new GpuJobQueue(this, 'Queue', {
      network,
      instanceClasses: props.instanceClasses,
      maxvCpus: props.maxvCpus,
    });
    // Built and pushed by `cdk deploy`; synthesis only stages its folder.
    const image = ContainerImage.fromAsset(join(repoRoot, 'trainer'), {
      platform: Platform.LINUX_AMD64,
    });
    // No role: a candidate's job holds no credentials; its inputs and outputs are presigned URLs.
    this.trainCandidate = new TrainerJobDefinition(this, 'TrainCandidate', {
      image,
      // The harness stops a candidate at its wall limit (1 h); transfers need the rest.
      timeout: Duration.minutes(75),
    });
  }
}

export type { TrainingJobsProps };
export { TrainingJobs };
