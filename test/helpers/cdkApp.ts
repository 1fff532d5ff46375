import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';

const cdkJson = join(import.meta.dirname, '..', '..', 'cdk.json');

/** An App with cdk.json's context (its feature flags shape the template) and no bundling. */
function createTestApp(): App {
  const { context } = JSON.parse(readFileSync(cdkJson, 'utf8')) as {
    context: Record<string, unknown>;
  };
  return new App({ context: { ...context, 'aws:cdk:bundling-stacks': [] } });
}

export { createTestApp };
