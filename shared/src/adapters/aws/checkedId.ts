import { InvalidArgumentError } from '../../errors.js';

/** Ids become S3 key parts and DynamoDB keys: no separators, no dot-dot, no '#'. */
function checkedId(id: string, what: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id)) {
    throw new InvalidArgumentError(`${what} '${id}' may hold only letters, digits, '.', '_', '-'`);
  }
  return id;
}

export { checkedId };
