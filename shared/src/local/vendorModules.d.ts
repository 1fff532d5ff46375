// The parts of dynalite and s3rver that embeddedServersProcess.ts uses; neither ships types.

declare module 'dynalite' {
  import type { Server } from 'node:http';

  interface DynaliteOptions {
    /** The LevelDB folder; in memory without it. */
    readonly path?: string;
    readonly createTableMs?: number;
    readonly deleteTableMs?: number;
    readonly updateTableMs?: number;
  }

  /** An HTTP server speaking DynamoDB's protocol; close() also closes its store. */
  export default function dynalite(options?: DynaliteOptions): Server;
}

declare module 's3rver' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface S3rverOptions {
    readonly directory: string;
    readonly silent?: boolean;
  }

  /** A Koa application speaking S3's protocol over files in `directory`. */
  export default class S3rver {
    constructor(options: S3rverOptions);
    callback(): (request: IncomingMessage, response: ServerResponse) => Promise<void>;
  }
}

declare module 's3rver/lib/models/account.js' {
  /** s3rver's one account; it answers 403 to a key id it does not hold, signed or not. */
  export const DUMMY_ACCOUNT: {
    createKeyPair(accessKeyId: string, secretAccessKey: string): void;
  };
}
