/** Removes credentials from text that came from a server or an error, before it goes anywhere. */

const REDACTED = '[redacted]';

/** Shorter keys are placeholders of local servers ("EMPTY"); replacing them would garble text. */
const MIN_SECRET_LENGTH = 8;

/** OpenAI-style keys, also the partly masked ones a 401 body echoes (`sk-abc***xyz`). */
const KEY_PATTERN = /sk-[\w*-]{4,}/g;
const BEARER_PATTERN = /bearer\s+[^\s"',;]+/gi;

function redactSecrets(text: string, apiKey: string): string {
  const withoutKey = apiKey.length >= MIN_SECRET_LENGTH ? text.replaceAll(apiKey, REDACTED) : text;
  return withoutKey.replace(KEY_PATTERN, REDACTED).replace(BEARER_PATTERN, `Bearer ${REDACTED}`);
}

export { redactSecrets };
