import { z } from 'zod';
import { teamSchema } from '../core/runs/index.js';

/** IAM names of users, roles and sessions: letters, digits and `+=,.@_-`. */
const NAME = '[\\w+=,.@-]+';
const USER = new RegExp(`^arn:(aws[a-z-]*):iam::(\\d{12}):user/(?:${NAME}/)*(${NAME})$`);
const ROLE = new RegExp(`^arn:(aws[a-z-]*):iam::(\\d{12}):role/(?:${NAME}/)*(${NAME})$`);
const ASSUMED_ROLE = new RegExp(`^arn:(aws[a-z-]*):sts::(\\d{12}):assumed-role/(${NAME})/${NAME}$`);

/**
 * The principal an IAM ARN stands for, as the caller-team mapping keys it: a user is
 * `arn:<partition>:iam::<account>:user/<name>`, a role `arn:<partition>:iam::<account>:role/<name>`.
 * A role's sessions (the assumed-role ARNs that API Gateway names as the caller) are the role;
 * paths are dropped, because session ARNs do not carry them and a user's or role's name is unique
 * in its account. Undefined for any other ARN (the account root, federated users, services).
 */
function principalOf(arn: string): string | undefined {
  const user = USER.exec(arn);
  if (user !== null) return `arn:${user[1]}:iam::${user[2]}:user/${user[3]}`;
  const role = ROLE.exec(arn) ?? ASSUMED_ROLE.exec(arn);
  if (role !== null) return `arn:${role[1]}:iam::${role[2]}:role/${role[3]}`;
  return undefined;
}

/** Principal (as principalOf gives it) → team. */
type CallerTeams = ReadonlyMap<string, string>;

/**
 * The stack's mapping of IAM principals (user or role ARNs, as an operator writes them in
 * cdk.json's `evolverec:callerTeams`) to their teams, keyed by principal. Each key must name a
 * user or a role, and no two the same one.
 */
const callerTeamsSchema = z
  .record(z.string(), teamSchema)
  .transform((teams, context): CallerTeams => {
    const byPrincipal = new Map<string, string>();
    const arnOfPrincipal = new Map<string, string>();
    for (const [arn, team] of Object.entries(teams)) {
      const principal = principalOf(arn);
      const earlier = principal === undefined ? undefined : arnOfPrincipal.get(principal);
      if (principal === undefined || earlier !== undefined) {
        context.addIssue({
          code: 'custom',
          path: [arn],
          message:
            earlier === undefined
              ? 'is not the ARN of an IAM user or role'
              : `names the same principal as ${earlier}`,
        });
        continue;
      }
      arnOfPrincipal.set(principal, arn);
      byPrincipal.set(principal, team);
    }
    return byPrincipal;
  });

/** The team of the caller API Gateway names, or undefined when it has none. */
function teamOfCaller(callerArn: string | undefined, teams: CallerTeams): string | undefined {
  const principal = callerArn === undefined ? undefined : principalOf(callerArn);
  return principal === undefined ? undefined : teams.get(principal);
}

export type { CallerTeams };
export { callerTeamsSchema, principalOf, teamOfCaller };
