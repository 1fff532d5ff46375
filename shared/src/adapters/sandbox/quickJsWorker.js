/**
 * One probes.js run in a fresh QuickJS runtime, in a worker thread that quickJsSandbox.ts starts
 * per run and kills if it outlives its time limit (QuickJS's interrupt handler is polled between
 * bytecodes, so it cannot stop one long native call such as filling a huge array). Plain
 * JavaScript, because a worker thread loads its file as Node runs it, without a TypeScript loader.
 *
 * In: workerData { source, inputJson, limits: { timeMs, memoryBytes, stackBytes, outputChars } }.
 * Out: one message, { ok: true, outputJson } or { ok: false, kind, message }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DefaultIntrinsics, newQuickJSWASMModule, RELEASE_SYNC } from 'quickjs-emscripten';

/**
 * Evaluated before the script. Math.random becomes mulberry32 from a fixed seed, so a script that
 * samples draws the same numbers on every run. The driver keeps the JSON functions it starts
 * with, whatever the script does to the globals later, and writes non-finite figures as strings.
 */
const SETUP = `
Math.random = (function () {
  let state = 0x6d2b79f5;
  return function random() {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
})();
(function () {
  const parse = JSON.parse;
  const stringify = JSON.stringify;
  const isArray = Array.isArray;
  const ErrorClass = Error;
  const contractError = function (message) {
    const error = new ErrorClass(message);
    error.name = 'ProbeContractError';
    return error;
  };
  const isFinite = Number.isFinite;
  const writeNonFinite = function (key, value) {
    if (typeof value !== 'number' || isFinite(value)) return value;
    return value !== value ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  };
  return function runProbes(inputJson) {
    if (typeof probes !== 'function') {
      throw contractError('probes.js defines no function probes(input)');
    }
    const figures = probes(parse(inputJson));
    if (figures === null || typeof figures !== 'object' || isArray(figures)) {
      const what = figures === null ? 'null' : isArray(figures) ? 'an array' : typeof figures;
      throw contractError('probes(input) returned ' + what + ', not an object of figures');
    }
    if (typeof figures.then === 'function') {
      throw contractError(
        'probes(input) returned a Promise; it must return its figures synchronously'
      );
    }
    return stringify(figures, writeNonFinite);
  };
})()
`;

const { source, inputJson, limits } = workerData;
const quickJs = await newQuickJSWASMModule(RELEASE_SYNC);
const runtime = quickJs.newRuntime();
const deadline = Date.now() + limits.timeMs;
let interrupted = false;
runtime.setInterruptHandler(() => {
  interrupted = Date.now() > deadline;
  return interrupted;
});
runtime.setMemoryLimit(limits.memoryBytes);
runtime.setMaxStackSize(limits.stackBytes);
// No Date: a script cannot read the clock. No module loader: import() and import fail.
const context = runtime.newContext({ intrinsics: { ...DefaultIntrinsics, Date: false } });
const handles = [];

/** Evaluates or calls in the VM; a thrown value becomes a failure reply, never a host exception. */
function attempt(stage, result) {
  if (result.error === undefined) {
    handles.push(result.value);
    return { handle: result.value };
  }
  handles.push(result.error);
  return { failure: describeFailure(stage, result.error) };
}

function describeFailure(stage, errorHandle) {
  if (interrupted) return { ok: false, kind: 'time', message: 'interrupted' };
  let error;
  try {
    error = context.dump(errorHandle);
  } catch {
    error = 'an error that could not be read';
  }
  const name = typeof error?.name === 'string' ? error.name : '';
  const message = typeof error?.message === 'string' ? error.message : String(error);
  if (name === 'InternalError' && message === 'out of memory') {
    return { ok: false, kind: 'memory', message };
  }
  if (name === 'InternalError' && message === 'stack overflow') {
    return { ok: false, kind: 'stack', message };
  }
  if (name === 'ProbeContractError') return { ok: false, kind: 'contract', message };
  const where = typeof error?.stack === 'string' ? error.stack.trim().split('\n')[0] : '';
  const described = `${name ? `${name}: ` : ''}${message}${where ? ` (${where})` : ''}`;
  return { ok: false, kind: stage, message: described };
}

function runOnce() {
  const driver = attempt('load', context.evalCode(SETUP, 'driver.js', { type: 'global' }));
  if (driver.failure) return driver.failure;
  const script = attempt('load', context.evalCode(source, 'probes.js', { type: 'global' }));
  if (script.failure) return script.failure;
  const input = context.newString(inputJson);
  handles.push(input);
  const output = attempt('call', context.callFunction(driver.handle, context.undefined, input));
  if (output.failure) return output.failure;
  if (context.typeof(output.handle) !== 'string') {
    const message = 'probes(input) returned figures that JSON.stringify cannot write';
    return { ok: false, kind: 'contract', message };
  }
  const length = context.getProp(output.handle, 'length');
  handles.push(length);
  const chars = context.getNumber(length);
  if (chars > limits.outputChars) return { ok: false, kind: 'output_size', message: `${chars}` };
  return { ok: true, outputJson: context.getString(output.handle) };
}

try {
  parentPort.postMessage(runOnce());
} finally {
  // After an out-of-memory or stack overflow QuickJS may abort while freeing; the thread ends
  // here either way, so such a failure is swallowed rather than reported twice.
  try {
    for (const handle of handles.reverse()) handle.dispose();
    context.dispose();
    runtime.dispose();
  } catch {}
}
