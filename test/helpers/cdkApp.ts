import { App } from 'aws-cdk-lib';
import { cdkJsonContext } from '../../infra/lib/cdk-context.js';

interface TestAppOptions {
  /**
   * Whether synthesis checks the templates against CloudFormation's rules, as cdk.json asks.
   * The check costs seconds per test file, so the test of the whole stack runs it, not each
   * construct's.
   */
  readonly validateTemplates?: boolean;
}

/** An App with cdk.json's context (its feature flags shape the template) and no bundling. */
function createTestApp({ validateTemplates = false }: TestAppOptions = {}): App {
  return new App({
    context: {
      ...cdkJsonContext(),
      'aws:cdk:bundling-stacks': [],
      ...(validateTemplates ? {} : { '@aws-cdk/core:validateAgainstDefaultRules': false }),
    },
  });
}

export type { TestAppOptions };
export { createTestApp };
