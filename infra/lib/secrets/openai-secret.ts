import { SecretValue } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';

/**
 * The key of the OpenAI-compatible LLM endpoint, as the JSON object `{"apiKey": "..."}`. The stack
 * creates it with an empty key (the LLM steps then run the offline strategies); the operator puts
 * the real one in once, e.g.
 *
 *     aws secretsmanager put-secret-value --secret-id <OpenAiSecretArn> \
 *       --secret-string '{"apiKey": "sk-..."}'
 *
 * and later deployments leave it alone, because the template's placeholder does not change.
 */
class OpenAiSecret extends Construct {
  public readonly secret: Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret', {
      description:
        'evolverec: the LLM API key as {"apiKey": "..."}; empty until the operator sets it',
      // An empty placeholder, not a secret: the template carries no key.
      secretObjectValue: { apiKey: SecretValue.unsafePlainText('') },
    });
    NagSuppressions.addResourceSuppressions(this.secret, [
      {
        id: 'AwsSolutions-SMG4',
        reason:
          'A key issued by the LLM provider: only the provider can rotate it, so the operator rotates it there and puts the new one here; no rotation Lambda can.',
      },
    ]);
  }

  /** Only the LLM steps read the key. */
  grantRead(grantee: IGrantable): void {
    this.secret.grantRead(grantee);
  }
}

export { OpenAiSecret };
