import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ResultsBucket } from './storage/results-bucket.js';

/** The evolverec service; composes constructs only. */
class EvolverecStack extends Stack {
  public readonly results: ResultsBucket;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.results = new ResultsBucket(this, 'Results');
    new CfnOutput(this, 'ResultsBucketName', { value: this.results.bucket.bucketName });
  }
}

export { EvolverecStack };
