import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { cdkJsonContext } from '../cdk-context.js';
import { EvolverecStack } from '../evolverec-stack.js';
import { settingsFromContext } from '../settings/evolverec-settings.js';
import { resolveWithPlaceholderArns, type TemplateResources } from './placeholder-arns.js';

const STACK_NAME = 'EvolverecStack';

/**
 * The run state machine's definition (ASL) exactly as the stack deploys it, for the local runner:
 * the stack is synthesised in-process as cdk.json configures it (its settings included) but with
 * asset bundling skipped, and the definition's references
 * become placeholder ARNs (`arn:aws:lambda:us-east-1:123456789012:function:<LogicalId>`, the job
 * queue's and job definitions' alike). The runner maps Task states by their names, not by ARN.
 */
async function synthesiseEvolutionDefinition(): Promise<object> {
  const outdir = mkdtempSync(join(tmpdir(), 'evolverec-asl-'));
  try {
    // As cdk.json configures it, without bundling: the definition names functions, not code.
    const app = new App({
      outdir,
      context: {
        ...cdkJsonContext(),
        'aws:cdk:bundling-stacks': [],
        // `cdk synth` checks the template against CloudFormation's rules; this needs no second check.
        '@aws-cdk/core:validateAgainstDefaultRules': false,
      },
    });
    new EvolverecStack(app, STACK_NAME, settingsFromContext(app.node));
    const template = app.synth().getStackByName(STACK_NAME).template as {
      Resources: Record<string, { Type: string; Properties?: { DefinitionString?: unknown } }>;
    };
    const machines = Object.values(template.Resources).filter(
      (resource) => resource.Type === 'AWS::StepFunctions::StateMachine'
    );
    const [machine] = machines;
    if (machines.length !== 1 || machine?.Properties?.DefinitionString === undefined) {
      throw new Error(`expected one state machine in ${STACK_NAME}, found ${machines.length}`);
    }
    const resources: TemplateResources = template.Resources;
    return JSON.parse(resolveWithPlaceholderArns(machine.Properties.DefinitionString, resources));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

export { synthesiseEvolutionDefinition };
