import type { Writable } from 'node:stream';
import type { LocalEnv } from '../shared/src/local/index.js';

/** What a CLI invocation may touch, injected so that tests can run it in-process. */
interface CliIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: LocalEnv;
  readonly now: () => Date;
}

/** Exit codes of every subcommand. */
const exitCodes = {
  ok: 0,
  failedCandidate: 1,
  usage: 2,
  failed: 3,
} as const;

type Command = (args: readonly string[], io: CliIo) => Promise<number>;

export type { CliIo, Command };
export { exitCodes };
