import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { runCli } from '../../cli/runCli.js';

/** The stand-in for the Python trainer; see the script's header for its knobs. */
const fakeTrainer = join(import.meta.dirname, '..', 'fixtures', 'fake-trainer', 'python');

interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * A sandbox: temp state and data dirs (the data dir holds stand-in ml-1m and ml-100k files, which
 * the fake trainer never reads; amazon-video is not there), a program dir, and the fake trainer
 * as the Python.
 */
interface CliSandbox {
  readonly root: string;
  readonly program: string;
  readonly stateDir: string;
  readonly env: Record<string, string>;
  /** The trainer invocations so far, one argument string each. */
  calls(): Promise<string[]>;
  /** Writes a metrics.json the fake trainer will hand back from `run`. */
  useResult(result: unknown): Promise<void>;
  run(argv: readonly string[], env?: Record<string, string>): Promise<CliRun>;
}

async function createCliSandbox(): Promise<CliSandbox> {
  const root = await mkdtemp(join(tmpdir(), 'evolverec-cli-'));
  const program = join(root, 'sasrec');
  await mkdir(program);
  for (const [dataset, file] of [
    ['ml-1m', 'ml-1m_sas.txt'],
    ['ml-100k', 'u.data'],
  ] as const) {
    await mkdir(join(root, 'data', dataset), { recursive: true });
    await writeFile(join(root, 'data', dataset, file), '1 1\n1 2\n1 3\n');
  }
  const stateDir = join(root, 'state');
  const callsFile = join(root, 'calls.log');
  const resultFile = join(root, 'result.json');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    EVOLVEREC_PYTHON: fakeTrainer,
    EVOLVEREC_STATE_DIR: stateDir,
    EVOLVEREC_DATA_DIR: join(root, 'data'),
    FAKE_TRAINER_CALLS: callsFile,
  };
  return {
    root,
    program,
    stateDir,
    env,
    calls: async () =>
      (await readFile(callsFile, 'utf8').catch(() => '')).split('\n').filter(Boolean),
    useResult: async (result) => {
      await writeFile(resultFile, JSON.stringify(result));
      env.FAKE_TRAINER_RESULT = resultFile;
    },
    run: (argv, extraEnv = {}) =>
      runCaptured(argv, { ...env, ...extraEnv }, () => new Date('2025-01-02T03:04:05.678Z')),
  };
}

async function runCaptured(
  argv: readonly string[],
  env: Record<string, string>,
  now: () => Date
): Promise<CliRun> {
  const stdout = collectingStream();
  const stderr = collectingStream();
  const code = await runCli(argv, { stdout: stdout.stream, stderr: stderr.stream, env, now });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** A stream that keeps what is written to it, synchronously, so nothing is pending at the end. */
function collectingStream(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

export type { CliRun, CliSandbox };
export { collectingStream, createCliSandbox, fakeTrainer, runCaptured };
