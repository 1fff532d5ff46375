import { App, Aspects } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { EvolverecStack } from '../lib/evolverec-stack.js';
import { settingsFromContext } from '../lib/settings/evolverec-settings.js';

const app = new App();
// Environment-agnostic: the account and region come from the deploying credentials.
new EvolverecStack(app, 'EvolverecStack', {
  description: 'evolverec: self-evolving recommender systems with directional feedback',
  ...settingsFromContext(app.node),
});
Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
