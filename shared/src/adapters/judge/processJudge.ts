import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { JudgeResult } from '../../core/judging/index.js';
import { judgeResultSchema } from '../../core/judging/index.js';
import { withoutSecrets } from '../withoutSecrets.js';
import type { JudgeRequest } from './judgeRequest.js';

/** The judge's limits, apart from any job's (RunConfig.judge). */
interface JudgeLimits {
  readonly timeLimitSeconds: number;
  readonly memoryLimitMb: number;
}

/** Runs one judgement in a process of its own; the model's faults come back as a failed verdict. */
type ProcessJudge = (request: JudgeRequest, limits: JudgeLimits) => Promise<JudgeResult>;

const RSS_POLL_MS = 100;

/**
 * Once bundled (a Lambda's asset), the child is judgeChild.mjs beside the bundle; from the
 * sources, it is the TypeScript file, run through the tsx loader the CLI and tests already use.
 */
function childEntry(): { readonly path: string; readonly execArgv: readonly string[] } {
  const bundled = fileURLToPath(new URL('./judgeChild.mjs', import.meta.url));
  if (existsSync(bundled)) return { path: bundled, execArgv: [] };
  return {
    path: fileURLToPath(new URL('./judgeChild.ts', import.meta.url)),
    execArgv: ['--import', 'tsx'],
  };
}

/**
 * The judge as a child process: no credentials in its environment, killed past its wall time
 * or its memory (the whole process's resident memory, onnxruntime's native buffers included,
 * polled from /proc where there is one; the JS heap is capped by V8 everywhere).
 */
const runJudgeProcess: ProcessJudge = (request, limits) => {
  const entry = childEntry();
  const child = fork(entry.path, [], {
    execArgv: [...entry.execArgv, `--max-old-space-size=${limits.memoryLimitMb}`],
    env: withoutSecrets(process.env),
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = `${stderr}${chunk.toString()}`.slice(-2_000);
  });
  return new Promise<JudgeResult>((resolve, reject) => {
    let breach: { kind: 'timeout' | 'memory'; message: string } | undefined;
    const stop = (kind: 'timeout' | 'memory', message: string) => {
      breach ??= { kind, message };
      child.kill('SIGKILL');
    };
    const timer = setTimeout(
      () => stop('timeout', `the judge exceeded its time limit of ${limits.timeLimitSeconds} s`),
      limits.timeLimitSeconds * 1000
    );
    const poll = setInterval(() => {
      const rss = residentMb(child);
      if (rss !== undefined && rss > limits.memoryLimitMb) {
        stop('memory', `the judge exceeded its memory limit of ${limits.memoryLimitMb} MB`);
      }
    }, RSS_POLL_MS);
    let answer: unknown;
    child.on('message', (message) => {
      answer = message;
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      clearInterval(poll);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      clearInterval(poll);
      if (breach !== undefined) {
        resolve(failedVerdict(request, breach.kind, breach.message));
        return;
      }
      const { result, error } = (answer ?? {}) as { result?: unknown; error?: string };
      if (result !== undefined) {
        resolve(judgeResultSchema.parse(result));
      } else if (error !== undefined) {
        reject(new Error(`the judge failed: ${error}`));
      } else {
        // Killed from outside (the kernel's OOM killer) or crashed inside onnxruntime.
        const how = signal === null ? `exit code ${code}` : `signal ${signal}`;
        resolve(
          failedVerdict(
            request,
            'export',
            `the judge died scoring model.onnx (${how}) ${stderr.trim()}`.trim()
          )
        );
      }
    });
    child.send(request);
  });
};

function failedVerdict(
  request: JudgeRequest,
  kind: 'timeout' | 'memory' | 'export',
  message: string
): JudgeResult {
  return { schemaVersion: 1, status: 'failed', split: request.split, error: { kind, message } };
}

/** The child's resident set in MB, where /proc tells it. */
function residentMb(child: ChildProcess): number | undefined {
  if (child.pid === undefined) return undefined;
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

export type { JudgeLimits, ProcessJudge };
export { runJudgeProcess };
