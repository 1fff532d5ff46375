/** The account and region the placeholders name; nothing is deployed there. */
const PLACEHOLDER_ACCOUNT = '123456789012';
const PLACEHOLDER_REGION = 'us-east-1';

/** A template's resources, by logical id, as far as naming them needs. */
type TemplateResources = Readonly<Record<string, { readonly Type: string }>>;

const PSEUDO_PARAMETERS: Readonly<Record<string, string>> = {
  'AWS::Partition': 'aws',
  'AWS::Region': PLACEHOLDER_REGION,
  'AWS::AccountId': PLACEHOLDER_ACCOUNT,
  'AWS::URLSuffix': 'amazonaws.com',
};

/** The ARN a resource of each type referenced by the state machine would have, by logical id. */
const ARN_OF_TYPE: Readonly<Record<string, (logicalId: string) => string>> = {
  'AWS::Lambda::Function': (id) =>
    `arn:aws:lambda:${PLACEHOLDER_REGION}:${PLACEHOLDER_ACCOUNT}:function:${id}`,
  'AWS::Batch::JobQueue': (id) =>
    `arn:aws:batch:${PLACEHOLDER_REGION}:${PLACEHOLDER_ACCOUNT}:job-queue/${id}`,
  'AWS::Batch::JobDefinition': (id) =>
    `arn:aws:batch:${PLACEHOLDER_REGION}:${PLACEHOLDER_ACCOUNT}:job-definition/${id}:1`,
};

/**
 * A CloudFormation value with its Fn::Join, Ref and Fn::GetAtt resolved: pseudo parameters to
 * the placeholder account and region, references to resources (whose Ref or attribute is an ARN)
 * to placeholder ARNs that end in the resource's logical id. Anything else is an error, so that
 * a new kind of reference is noticed rather than left unresolved.
 */
function resolveWithPlaceholderArns(value: unknown, resources: TemplateResources): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) {
    throw new Error(`cannot resolve ${JSON.stringify(value)}`);
  }
  const entries = Object.entries(value);
  const [only] = entries;
  if (entries.length !== 1 || only === undefined) {
    throw new Error(`not one intrinsic function: ${JSON.stringify(value)}`);
  }
  const [intrinsic, argument] = only;
  switch (intrinsic) {
    case 'Fn::Join': {
      const [separator, parts] = argument as [string, unknown[]];
      return parts.map((part) => resolveWithPlaceholderArns(part, resources)).join(separator);
    }
    case 'Ref': {
      const name = argument as string;
      return PSEUDO_PARAMETERS[name] ?? arnOf(name, resources);
    }
    case 'Fn::GetAtt': {
      const [logicalId, attribute] = argument as [string, string];
      if (!attribute.endsWith('Arn')) throw new Error(`cannot resolve ${logicalId}.${attribute}`);
      return arnOf(logicalId, resources);
    }
    default:
      throw new Error(`cannot resolve ${intrinsic}`);
  }
}

function arnOf(logicalId: string, resources: TemplateResources): string {
  const type = resources[logicalId]?.Type;
  const arn = type === undefined ? undefined : ARN_OF_TYPE[type];
  if (arn === undefined) throw new Error(`no placeholder ARN for ${logicalId} (${type})`);
  return arn(logicalId);
}

export type { TemplateResources };
export { resolveWithPlaceholderArns };
