import { z } from 'zod';

/** The region of every local client and of every signature the embedded servers accept. */
const LOCAL_REGION = 'us-east-1';

/** The key pair of one embedded-server session: random, never printed, never on a command line. */
const localCredentialsSchema = z
  .object({
    accessKeyId: z.string().regex(/^[A-Z0-9]{16,128}$/),
    secretAccessKey: z.string().min(32),
  })
  .strict();

type LocalCredentials = z.infer<typeof localCredentialsSchema>;

/** Parent to child, once over IPC: the credentials every request must be signed with. */
const serverSettingsSchema = z.object({ credentials: localCredentialsSchema }).strict();

const portSchema = z.int().min(1).max(65_535);

/** Child to parent, once over IPC: both ports on 127.0.0.1, or why the servers did not start. */
const serversReadySchema = z.discriminatedUnion('started', [
  z.object({ started: z.literal(true), dynamoPort: portSchema, s3Port: portSchema }).strict(),
  z
    .object({
      started: z.literal(false),
      error: z.string(),
      /** Another process holds the DynamoDB store (LevelDB allows one). */
      storeLocked: z.boolean(),
    })
    .strict(),
]);

type ServerSettings = z.infer<typeof serverSettingsSchema>;
type ServersReady = z.infer<typeof serversReadySchema>;

export type { LocalCredentials, ServerSettings, ServersReady };
export { LOCAL_REGION, localCredentialsSchema, serverSettingsSchema, serversReadySchema };
