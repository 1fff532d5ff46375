import {
  EcsMachineImageType,
  JobQueue,
  ManagedEc2EcsComputeEnvironment,
} from 'aws-cdk-lib/aws-batch';
import {
  BlockDeviceVolume,
  EbsDeviceVolumeType,
  InstanceClass,
  LaunchTemplate,
  SubnetType,
} from 'aws-cdk-lib/aws-ec2';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import type { TrainingNetwork } from './training-network.js';

interface GpuJobQueueProps {
  readonly network: TrainingNetwork;
  /** EC2 instance families to launch, e.g. `g5`, `g6` (one NVIDIA GPU per xlarge). */
  readonly instanceClasses: readonly string[];
  /** The ceiling of vCPUs running at once. */
  readonly maxvCpus: number;
}

/** Room for the trainer image (PyTorch with CUDA, several GB unpacked) and a job's data. */
const ROOT_VOLUME_GIB = 100;

/**
 * A Batch job queue on Spot GPU instances with NVIDIA's ECS AMI, scaled from zero. Containers
 * cannot reach the instance metadata service (IMDSv2 with one hop), so a job has no credentials
 * but its own job role's.
 */
class GpuJobQueue extends Construct {
  public readonly jobQueue: JobQueue;
  public readonly computeEnvironment: ManagedEc2EcsComputeEnvironment;

  constructor(scope: Construct, id: string, props: GpuJobQueueProps) {
    super(scope, id);
    const hostTemplate = new LaunchTemplate(this, 'HostTemplate', {
      requireImdsv2: true,
      httpPutResponseHopLimit: 1,
      blockDevices: [
        {
          deviceName: '/dev/xvda',
          volume: BlockDeviceVolume.ebs(ROOT_VOLUME_GIB, {
            encrypted: true,
            volumeType: EbsDeviceVolumeType.GP3,
          }),
        },
      ],
    });
    this.computeEnvironment = new ManagedEc2EcsComputeEnvironment(this, 'GpuHosts', {
      vpc: props.network.vpc,
      vpcSubnets: { subnetType: SubnetType.PRIVATE_ISOLATED },
      securityGroups: [props.network.hostSecurityGroup],
      spot: true,
      instanceClasses: props.instanceClasses.map(instanceClassOf),
      useOptimalInstanceClasses: false,
      images: [{ imageType: EcsMachineImageType.ECS_AL2_NVIDIA }],
      minvCpus: 0,
      maxvCpus: props.maxvCpus,
      launchTemplate: hostTemplate,
      updateToLatestImageVersion: true,
    });
    NagSuppressions.addResourceSuppressions(
      this.computeEnvironment,
      [
        {
          id: 'AwsSolutions-IAM4',
          reason:
            'AmazonEC2ContainerServiceforEC2Role is what a Batch host needs to join ECS, pull images and ship logs; jobs cannot use it, as containers cannot reach the instance metadata service.',
          appliesTo: [
            'Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role',
          ],
        },
      ],
      true
    );
    this.jobQueue = new JobQueue(this, 'JobQueue', {
      computeEnvironments: [{ computeEnvironment: this.computeEnvironment, order: 1 }],
    });
  }
}

function instanceClassOf(name: string): InstanceClass {
  const known = Object.values(InstanceClass) as string[];
  if (!known.includes(name)) throw new Error(`unknown EC2 instance class '${name}'`);
  return name as InstanceClass;
}

export type { GpuJobQueueProps };
export { GpuJobQueue };
