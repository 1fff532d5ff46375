import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { AdmissionMessage } from '../../api/admissionMessage.js';
import type { AdmissionQueue } from '../../api/ports.js';

interface SqsAdmissionQueueOptions {
  readonly client: SQSClient;
  readonly queueUrl: string;
}

/** The admission queue; each message is one AdmissionMessage, the starter's record body. */
function createSqsAdmissionQueue({ client, queueUrl }: SqsAdmissionQueueOptions): AdmissionQueue {
  return {
    async send(runId) {
      const message: AdmissionMessage = { runId };
      await client.send(
        new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(message) })
      );
    },
  };
}

export type { SqsAdmissionQueueOptions };
export { createSqsAdmissionQueue };
