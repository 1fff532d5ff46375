import { EvolverecError, UsageError } from '../shared/src/errors.js';
import { compareCommand } from './compareCommand.js';
import { dataCommand } from './dataCommand.js';
import { evalCommand } from './evalCommand.js';
import { type CliIo, type Command, exitCodes } from './io.js';
import { fetchCommand } from './remote/fetchCommand.js';
import { statusCommand } from './remote/statusCommand.js';
import { submitCommand } from './remote/submitCommand.js';
import { reportCommand } from './reportCommand.js';
import { resumeCommand, runCommand } from './runCommand.js';
import { runsCommand } from './runsCommand.js';
import { showCommand } from './showCommand.js';
import { type CommandName, usage, usageOf } from './usage.js';

const commands = {
  eval: evalCommand,
  data: dataCommand,
  run: runCommand,
  resume: resumeCommand,
  runs: runsCommand,
  show: showCommand,
  report: reportCommand,
  compare: compareCommand,
  submit: submitCommand,
  status: statusCommand,
  fetch: fetchCommand,
} satisfies Record<CommandName, Command>;

const HELP = ['--help', '-h'];

/** Runs one invocation and returns its exit code; failures become messages, never stack traces. */
async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === 'help' || (name !== undefined && HELP.includes(name))) {
    const [topic] = args;
    io.stdout.write(isCommand(topic) ? usageOf(topic) : usage);
    return exitCodes.ok;
  }
  if (!isCommand(name)) {
    const problem = name === undefined ? 'a command is required' : `unknown command '${name}'`;
    io.stderr.write(`evolverec: ${problem}\n\n${usage}`);
    return exitCodes.usage;
  }
  if (asksForHelp(args)) {
    io.stdout.write(usageOf(name));
    return exitCodes.ok;
  }
  try {
    return await commands[name](args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`evolverec: ${error.message}\n\n${usageOf(name)}`);
      return exitCodes.usage;
    }
    if (error instanceof EvolverecError) {
      io.stderr.write(`evolverec: ${error.message}\n`);
      return exitCodes.failed;
    }
    throw error;
  }
}

function isCommand(name: string | undefined): name is CommandName {
  return name !== undefined && Object.hasOwn(commands, name);
}

/** --help or -h anywhere before `--`, whatever else is there. */
function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((arg) => HELP.includes(arg));
}

export { runCli };
