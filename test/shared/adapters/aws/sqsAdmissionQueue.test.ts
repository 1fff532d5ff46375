import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it, vi } from 'vitest';
import { createSqsAdmissionQueue } from '../../../../shared/src/adapters/aws/sqsAdmissionQueue.js';
import { admissionMessageSchema } from '../../../../shared/src/api/index.js';

const QUEUE = 'https://sqs.eu-west-1.amazonaws.com/123456789012/evolverec-admission';

describe('createSqsAdmissionQueue', () => {
  it('sends the admission message the starter parses', async () => {
    // Arrange
    const client = new SQSClient({ region: 'eu-west-1' });
    const send = vi.spyOn(client, 'send').mockImplementation(async () => ({}));
    const queue = createSqsAdmissionQueue({ client, queueUrl: QUEUE });

    // Act
    await queue.send('r1');

    // Assert
    const command = send.mock.calls[0]?.[0] as SendMessageCommand;
    expect(command).toBeInstanceOf(SendMessageCommand);
    expect(command.input.QueueUrl).toBe(QUEUE);
    expect(admissionMessageSchema.parse(JSON.parse(command.input.MessageBody ?? ''))).toEqual({
      runId: 'r1',
    });
  });
});
