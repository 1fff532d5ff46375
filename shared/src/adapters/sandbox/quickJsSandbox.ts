/**
 * The probe sandbox: QuickJS compiled to WebAssembly (quickjs-emscripten), one worker thread and
 * one fresh QuickJS runtime per run.
 *
 * Why QuickJS in WebAssembly: it is pure WASM, so it installs without a native build on Lambda's
 * linux-x64, on a laptop and in offline CI, and its runtime enforces a memory limit, a stack limit
 * and an interrupt deadline of its own. isolated-vm needs a native addon rebuilt for each Node
 * ABI; SES hardens the host's own realm, so an endless loop would block the host and memory is
 * unbounded. Why a worker thread around it: a native call inside QuickJS (filling a huge array)
 * is not interruptible, and a QuickJS abort would poison its WASM instance; a thread can be
 * killed, and dies with whatever it broke.
 *
 * The script sees only ECMAScript builtins: no require, process, fetch, file system, module
 * loader or host object; Date is removed and Math.random is seeded, so a run is repeatable.
 */
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { parseContract } from '../../core/contracts/index.js';
import type { ProbeInput, ProbeRun, ProbeSandbox } from '../../core/probes/index.js';
import { probeOutputSchema } from '../../core/probes/index.js';

const MIB = 1024 * 1024;
const KIB = 1024;

const quickJsSandboxLimitsSchema = z
  .object({
    /**
     * The QuickJS interrupt deadline: parsing the input, running the script, writing figures.
     * QuickJS interprets (no JIT): the seed's probes on ml-1m take about 1 s on a busy 2-core
     * machine, 0.4 s of it parsing the input, so 5 s leaves room for more probes.
     */
    timeMs: z.int().min(1).max(60_000).default(5000),
    memoryBytes: z
      .int()
      .min(MIB)
      .max(1024 * MIB)
      .default(64 * MIB),
    stackBytes: z
      .int()
      .min(64 * KIB)
      .max(8 * MIB)
      .default(512 * KIB),
    /** Characters of the figures' JSON text. */
    outputChars: z
      .int()
      .min(2)
      .max(MIB)
      .default(64 * KIB),
  })
  .strict();

type QuickJsSandboxLimits = z.input<typeof quickJsSandboxLimitsSchema>;
type ResolvedLimits = z.output<typeof quickJsSandboxLimitsSchema>;

/** Time to start a thread and load QuickJS before the run's deadline begins inside it. */
const THREAD_START_GRACE_MS = 3000;
/** The thread's own JavaScript heap holds the input's JSON text and the glue, not QuickJS's heap. */
const THREAD_HEAP_MB = 256;
/** QuickJS frames use several times their own stack count in native stack; leave it ample room. */
const NATIVE_STACK_PER_QUICKJS_STACK = 8;

const WORKER_URL = new URL('./quickJsWorker.js', import.meta.url);

const workerReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), outputJson: z.string() }).strict(),
  z
    .object({
      ok: z.literal(false),
      kind: z.enum(['time', 'memory', 'stack', 'output_size', 'load', 'call', 'contract']),
      message: z.string(),
    })
    .strict(),
]);

/** The worker's reply, or what the host saw when none came: the thread failed or was stopped. */
type WorkerReply =
  | z.infer<typeof workerReplySchema>
  | { readonly ok: false; readonly kind: 'crash'; readonly message: string };

/** A ProbeSandbox on QuickJS; limits not given take their defaults (5 s, 64 MB, 512 KB, 64 KB). */
function createQuickJsProbeSandbox(limits: QuickJsSandboxLimits = {}): ProbeSandbox {
  const resolved = parseContract(quickJsSandboxLimitsSchema, limits, 'sandbox limits');
  return {
    async run(source: string, input: ProbeInput): Promise<ProbeRun> {
      const started = performance.now();
      const reply = await runInThread(source, JSON.stringify(input), resolved);
      if (!reply.ok) return { ok: false, reason: reasonFor(reply, resolved) };
      const figures = probeOutputSchema.safeParse(JSON.parse(reply.outputJson));
      if (!figures.success) {
        const issues = figures.error.issues.map(
          (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`
        );
        return {
          ok: false,
          reason: `probes(input) returned invalid figures: ${issues.join('; ')}`,
        };
      }
      return { ok: true, figures: figures.data, ms: performance.now() - started };
    },
  };
}

/** Starts the worker and settles on its one reply, its failure, or the hard stop. */
function runInThread(
  source: string,
  inputJson: string,
  limits: ResolvedLimits
): Promise<WorkerReply> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_URL, {
      workerData: { source, inputJson, limits },
      // Nothing of the host's environment or command line reaches the thread; its output is
      // captured (and dropped) so that a QuickJS abort message does not reach the host's stderr.
      env: {},
      execArgv: [],
      stdout: true,
      stderr: true,
      resourceLimits: {
        maxOldGenerationSizeMb: THREAD_HEAP_MB,
        stackSizeMb: Math.max(4, (limits.stackBytes * NATIVE_STACK_PER_QUICKJS_STACK) / MIB),
      },
    });
    let settled = false;
    const settle = (reply: WorkerReply): void => {
      if (settled) return;
      settled = true;
      clearTimeout(hardStop);
      void worker.terminate();
      resolve(reply);
    };
    const hardStop = setTimeout(
      () => settle({ ok: false, kind: 'time', message: 'stopped by force' }),
      limits.timeMs + THREAD_START_GRACE_MS
    );
    worker.once('message', (message: unknown) => {
      const reply = workerReplySchema.safeParse(message);
      settle(
        reply.success
          ? reply.data
          : { ok: false, kind: 'crash', message: 'the sandbox thread sent a malformed reply' }
      );
    });
    worker.once('error', (error) => settle({ ok: false, kind: 'crash', message: error.message }));
    worker.once('exit', (code) =>
      settle({ ok: false, kind: 'crash', message: `the sandbox thread exited with code ${code}` })
    );
  });
}

/** The failure worded for the next proposal, naming the limit it hit. */
function reasonFor(reply: WorkerReply & { readonly ok: false }, limits: ResolvedLimits): string {
  switch (reply.kind) {
    case 'time':
      return `probes.js ran past its time limit of ${limits.timeMs} ms`;
    case 'memory':
      return `probes.js ran out of its memory limit of ${limits.memoryBytes / MIB} MB`;
    case 'stack':
      return `probes.js overflowed its stack limit of ${limits.stackBytes / KIB} KB (runaway recursion?)`;
    case 'output_size':
      return `probes(input) returned ${reply.message} characters of JSON, over the limit of ${limits.outputChars}`;
    case 'load':
      return `probes.js failed to load: ${reply.message}`;
    case 'call':
      return `probes(input) threw ${reply.message}`;
    case 'contract':
      return reply.message;
    case 'crash':
      return `the sandbox failed: ${reply.message}`;
  }
}

export type { QuickJsSandboxLimits };
export { createQuickJsProbeSandbox };
