import { EvolverecError, UsageError } from '../shared/src/errors.js';
import { compareCommand } from './compareCommand.js';
import { dataCommand } from './dataCommand.js';
import { evalCommand } from './evalCommand.js';
import { type CliIo, type Command, exitCodes } from './io.js';
import { resumeCommand, runCommand } from './runCommand.js';
import { runsCommand } from './runsCommand.js';
import { showCommand } from './showCommand.js';
import { usage } from './usage.js';

const commands = {
  eval: evalCommand,
  data: dataCommand,
  run: runCommand,
  resume: resumeCommand,
  runs: runsCommand,
  show: showCommand,
  compare: compareCommand,
} satisfies Record<string, Command>;

/** Runs one invocation and returns its exit code; failures become messages, never stack traces. */
async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === 'help' || name === '--help' || name === '-h') {
    io.stdout.write(usage);
    return exitCodes.ok;
  }
  try {
    if (name === undefined || !Object.hasOwn(commands, name)) {
      throw new UsageError(
        name === undefined ? 'a command is required' : `unknown command '${name}'`
      );
    }
    return await commands[name as keyof typeof commands](args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`evolverec: ${error.message}\n\n${usage}`);
      return exitCodes.usage;
    }
    if (error instanceof EvolverecError) {
      io.stderr.write(`evolverec: ${error.message}\n`);
      return exitCodes.failed;
    }
    throw error;
  }
}

export { runCli };
