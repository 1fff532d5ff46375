import { describe, expect, it } from 'vitest';
import { apiKeyOf } from '../../../shared/src/lambda/cloudStepServices.js';

describe("the OpenAI secret's text", () => {
  it('gives the key of {"apiKey": ...}', () => {
    expect(apiKeyOf('{"apiKey": "sk-live-123"}')).toBe('sk-live-123');
  });

  it('says what is wrong with a malformed secret without repeating what it holds', () => {
    for (const text of ['sk-live-123', '{"key": "sk-live-123"}', '{"apiKey": ""}', undefined]) {
      let message = '';
      try {
        apiKeyOf(text);
      } catch (error) {
        message = `${(error as Error).message} ${(error as Error).stack}`;
      }
      expect(message).toMatch(/the OpenAI secret must/);
      expect(message).not.toContain('sk-live-123');
    }
  });
});
