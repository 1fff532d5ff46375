/** Names that carry credentials: cloud keys, API keys, tokens, passwords. */
const SECRET_NAME = /^(AWS_|OPENAI_)|(_API_KEY|_KEY|_SECRET|_TOKEN|PASSWORD)$/i;

/**
 * A child process's environment: this one's, less every credential. Processes that read
 * untrusted input (the trainer, the judge) get no key to leak even if they were subverted.
 */
function withoutSecrets(env: Readonly<Record<string, string | undefined>>): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && !SECRET_NAME.test(entry[0])
    )
  );
}

export { withoutSecrets };
