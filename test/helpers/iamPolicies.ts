import type { Template } from 'aws-cdk-lib/assertions';

/** An IAM policy statement as CloudFormation holds it. */
interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

interface PolicyDocument {
  readonly Statement: Statement[];
}

/** The logical id of every role in the template. */
function roleIdsOf(template: Template): string[] {
  return Object.keys(template.findResources('AWS::IAM::Role'));
}

/**
 * Every statement a role holds: those of the policies attached to it and its own inline ones.
 * (Managed policies are named, not inlined; nag.test.ts checks which ones are used.)
 */
function statementsOfRole(template: Template, roleId: string): Statement[] {
  const attached = Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) =>
      (policy.Properties.Roles as unknown[]).some(
        (role) => JSON.stringify(role) === JSON.stringify({ Ref: roleId })
      )
    )
    .flatMap((policy) => (policy.Properties.PolicyDocument as PolicyDocument).Statement);
  const role = template.findResources('AWS::IAM::Role')[roleId];
  const inline = (
    (role?.Properties.Policies ?? []) as { PolicyDocument: PolicyDocument }[]
  ).flatMap((policy) => policy.PolicyDocument.Statement);
  return [...attached, ...inline];
}

function actionsOf(statement: Statement): string[] {
  return [statement.Action].flat();
}

function resourcesOf(statement: Statement): unknown[] {
  return [statement.Resource].flat();
}

/** The statements that allow an action. */
function allowing(statements: readonly Statement[], action: string): Statement[] {
  return statements.filter(
    (statement) => statement.Effect === 'Allow' && actionsOf(statement).includes(action)
  );
}

/** `<bucket arn>/<pattern>` (a Fn::Join ending in the pattern) → the pattern; else undefined. */
function objectPatternOf(resource: unknown): string | undefined {
  const join = (resource as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  const last = join?.[1].at(-1);
  return typeof last === 'string' && last.startsWith('/') ? last.slice(1) : undefined;
}

/** The object key patterns the statements allow an S3 object action on, sorted, once each. */
function objectPatterns(statements: readonly Statement[], action: string): string[] {
  const patterns = allowing(statements, action)
    .flatMap(resourcesOf)
    .map((resource) => objectPatternOf(resource) ?? JSON.stringify(resource));
  return [...new Set(patterns)].sort();
}

/** The `s3:prefix` values that the statements' ListBucket is held to, sorted. */
function listedPrefixes(statements: readonly Statement[]): string[] {
  return allowing(statements, 's3:ListBucket')
    .flatMap((statement) => [statement.Condition?.StringLike?.['s3:prefix'] ?? '(any)'].flat())
    .map(String)
    .sort();
}

export type { Statement };
export {
  actionsOf,
  allowing,
  listedPrefixes,
  objectPatterns,
  resourcesOf,
  roleIdsOf,
  statementsOfRole,
};
