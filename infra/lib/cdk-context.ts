import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './repo-paths.js';

/**
 * cdk.json's context: the feature flags that shape the template and the `evolverec:` settings.
 * The CDK CLI passes it to app.ts itself; an App built in-process (tests, the local runner's
 * definition) reads it here, so that it synthesises what `cdk deploy` would.
 */
function cdkJsonContext(): Record<string, unknown> {
  const { context } = JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return context;
}

export { cdkJsonContext };
