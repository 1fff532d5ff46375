import { join } from 'node:path';
import type { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import type { OnnxRuntimeLayer } from '../../../layers/onnxruntime/onnxruntime-layer.js';
import { ServiceLogGroup } from '../observability/service-log-group.js';
import { repoRoot } from '../repo-paths.js';
import { assetEnvironment, functionBundling } from './function-bundling.js';

/** The Powertools metrics namespace of every function. */
const METRICS_NAMESPACE = 'evolverec';

interface ServiceFunctionProps {
  /** Its folder under functions/, which holds handler.ts exporting `handler`. */
  readonly name: string;
  readonly description: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly table: ITable;
  readonly bucket: IBucket;
  /** Variables beyond those every function gets (table, bucket, Powertools, asset folders). */
  readonly environment?: Readonly<Record<string, string>>;
  /** Whether the asset carries the prompt templates. */
  readonly prompts?: boolean;
  /** Whether the asset carries the probe sandbox (worker and QuickJS). */
  readonly probeSandbox?: boolean;
  /** Whether the asset carries the judge's child process. */
  readonly judgeProcess?: boolean;
  /** Whether the asset carries the report page's scripts. */
  readonly reportPage?: boolean;
  /** The layer that provides onnxruntime-node, for functions whose code imports it. */
  readonly onnxRuntime?: OnnxRuntimeLayer;
}

/**
 * One Lambda of evolverec as every one is built: `functions/<name>/handler.ts` bundled by esbuild
 * for Node.js 22 on x86_64 (the onnxruntime layer's binaries are linux-x64), traced with X-Ray,
 * logging to a group of its own. Access is granted by whoever composes it; it starts with none.
 */
class ServiceFunction extends Construct {
  public readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    const assets = {
      prompts: props.prompts,
      probeSandbox: props.probeSandbox,
      judgeProcess: props.judgeProcess,
      reportPage: props.reportPage,
    };
    this.function = new NodejsFunction(this, 'Function', {
      description: `evolverec ${props.name}: ${props.description}`,
      entry: join(repoRoot, 'functions', props.name, 'handler.ts'),
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: join(repoRoot, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.X86_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      tracing: Tracing.ACTIVE,
      logGroup: new ServiceLogGroup(this, 'Logs'),
      layers: props.onnxRuntime ? [props.onnxRuntime.layer] : [],
      bundling: functionBundling(assets),
      environment: {
        TABLE_NAME: props.table.tableName,
        BUCKET_NAME: props.bucket.bucketName,
        POWERTOOLS_SERVICE_NAME: `evolverec-${props.name}`,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        // Stack traces name the TypeScript sources, not the minified bundle.
        NODE_OPTIONS: '--enable-source-maps',
        ...assetEnvironment(assets),
        ...props.environment,
      },
    });
    NagSuppressions.addResourceSuppressions(
      this.function,
      [
        {
          id: 'AwsSolutions-L1',
          reason:
            'Node.js 22 on purpose: the bundles target node22 and the onnxruntime layer is built and declared for nodejs22.x; a newer runtime is an upgrade of all three together.',
        },
        {
          id: 'AwsSolutions-IAM4',
          reason:
            "AWSLambdaBasicExecutionRole grants only writing to the function's CloudWatch log group, which every function needs.",
          appliesTo: [
            'Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
          ],
        },
        {
          id: 'AwsSolutions-IAM5',
          reason:
            'Active X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords have no resource-level permissions.',
          appliesTo: ['Resource::*'],
        },
      ],
      true
    );
  }
}

export type { ServiceFunctionProps };
export { ServiceFunction };
