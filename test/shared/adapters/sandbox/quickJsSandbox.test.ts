import { describe, expect, it } from 'vitest';
import { createQuickJsProbeSandbox } from '../../../../shared/src/adapters/index.js';
import type { ProbeInput } from '../../../../shared/src/core/probes/index.js';
import { ContractViolationError } from '../../../../shared/src/errors.js';

const TIME_LIMIT_MS = 1000;
/** The host stops a thread that outlives its limit after a start-up grace of 3 s; allow slack. */
const BOUNDED_MS = TIME_LIMIT_MS + 3000 + 3000;

const sandbox = createQuickJsProbeSandbox({ timeMs: TIME_LIMIT_MS });

const input: ProbeInput = {
  users: [
    { history: [1, 2], topK: [3] },
    { history: [3], topK: [1, 2] },
  ],
  taps: { seq_repr: { dims: [2, 2], data: [0.5, 1, 1.5, 2] } },
  catalog: { numItems: 3, popularity: [0, 4, 2, 1], genres: [[], ['Drama'], [], ['Comedy']] },
};

const script = (body: string) => `function probes(input) {\n${body}\n}`;

async function timed(source: string) {
  const started = performance.now();
  const run = await sandbox.run(source, input);
  return { run, ms: performance.now() - started };
}

describe('createQuickJsProbeSandbox', () => {
  it('runs probes(input) on the input and returns its figures and time', async () => {
    // Prepare
    const source = script(
      'return { users: input.users.length, last: input.taps.seq_repr.data[3], pop: input.catalog.popularity[1] };'
    );

    // Act
    const run = await sandbox.run(source, input);

    // Assess
    expect(run).toEqual({
      ok: true,
      figures: { users: 2, last: 2, pop: 4 },
      ms: expect.any(Number),
    });
  });

  it('hands NaN and infinite figures back as numbers, so the acceptance rules can name them', async () => {
    // Prepare
    const source = script('return { nan: 0 / 0, up: 1 / 0, down: -1 / 0, fine: 1 };');

    // Act
    const run = await sandbox.run(source, input);

    // Assess
    expect(run.ok && run.figures).toEqual({
      nan: Number.NaN,
      up: Number.POSITIVE_INFINITY,
      down: Number.NEGATIVE_INFINITY,
      fine: 1,
    });
  });

  it.each([
    [
      'no probes function',
      'const figures = { a: 1 };',
      'probes.js defines no function probes(input)',
    ],
    [
      'a syntax error',
      'function probes(input) { return { a: 1 ; }',
      'probes.js failed to load: SyntaxError',
    ],
    [
      'a thrown error',
      script("throw new Error('boom');"),
      'probes(input) threw Error: boom (at probes (probes.js:2',
    ],
    [
      'an array',
      script('return [1, 2];'),
      'probes(input) returned an array, not an object of figures',
    ],
    ['a number', script('return 3;'), 'probes(input) returned number, not an object of figures'],
    [
      'a string figure',
      script("return { a: 'high' };"),
      'probes(input) returned invalid figures: a: a figure must be a number',
    ],
    [
      'a bad probe name',
      script("return { 'a-b': 1 };"),
      'invalid figures: a-b: a probe name must be an identifier',
    ],
  ])('fails a script with %s, saying why', async (_, source, reason) => {
    // Prepare / Act
    const run = await sandbox.run(source, input);

    // Assess
    expect(run.ok).toBe(false);
    expect(!run.ok && run.reason).toContain(reason);
  });

  describe('escapes fail safely', () => {
    it.each([
      [
        'require',
        script("return { a: require('fs').readFileSync('/etc/passwd').length };"),
        "ReferenceError: 'require' is not defined",
      ],
      [
        'process.env',
        script('return { a: process.env.HOME.length };'),
        "ReferenceError: 'process' is not defined",
      ],
      [
        'fetch',
        script("fetch('http://127.0.0.1/'); return { a: 1 };"),
        "ReferenceError: 'fetch' is not defined",
      ],
      ['dynamic import', script("return import('fs');"), 'probes(input) returned a Promise'],
      [
        'static import',
        "import fs from 'fs';\nfunction probes() { return { a: 1 }; }",
        'probes.js failed to load: SyntaxError',
      ],
      [
        'the Function constructor',
        script("globalThis.constructor.constructor('return process')(); return { a: 1 };"),
        "ReferenceError: 'process' is not defined",
      ],
      [
        'an endless loop',
        script('while (true) {}'),
        `probes.js ran past its time limit of ${TIME_LIMIT_MS} ms`,
      ],
      [
        'a huge string',
        script("return { a: 'x'.repeat(2 ** 29).length };"),
        'probes.js ran out of its memory limit of 64 MB',
      ],
      [
        'infinite recursion',
        script('const deeper = (n) => deeper(n + 1) + 1; return { a: deeper(0) };'),
        'probes.js overflowed its stack limit of 512 KB',
      ],
      [
        'a huge output',
        script("return { a: 1, padding: 'x'.repeat(1e6) };"),
        'probes(input) returned 1000020 characters of JSON, over the limit of 65536',
      ],
    ])('%s', async (_, source, reason) => {
      // Prepare / Act
      const { run, ms } = await timed(source);

      // Assess
      expect(run).toEqual({ ok: false, reason: expect.stringContaining(reason) });
      expect(ms).toBeLessThan(BOUNDED_MS);
    });

    it('stops arrays filled past the memory limit, which QuickJS cannot interrupt itself', async () => {
      // Prepare: Array.prototype.fill is one native call, between the interrupt handler's polls
      const source = script('const kept = []; while (true) kept.push(new Array(1e6).fill(1));');

      // Act
      const { run, ms } = await timed(source);

      // Assess
      expect(run).toEqual({ ok: false, reason: expect.stringMatching(/time limit|memory limit/) });
      expect(ms).toBeLessThan(BOUNDED_MS);
    });

    it('leaves the host untouched and the next run working after hostile scripts', async () => {
      // Prepare
      const hostGlobals = Object.getOwnPropertyNames(globalThis).sort();
      const hostile = script(
        [
          'globalThis.leaked = 1;',
          'Object.prototype.polluted = 1;',
          'Array.prototype.map = null;',
          'JSON.stringify = () => "{}";',
          'Math.random = () => 4;',
          'return { a: 1 };',
        ].join('\n')
      );
      await sandbox.run(hostile, input);
      await sandbox.run(script('while (true) {}'), input);

      // Act
      const after = await sandbox.run(
        script(
          'return { leaked: typeof leaked === "undefined" ? 0 : 1, mapped: [1, 2].map((x) => x * 2)[1], random: Math.random() };'
        ),
        input
      );

      // Assess
      expect(after).toEqual({
        ok: true,
        figures: { leaked: 0, mapped: 4, random: expect.any(Number) },
        ms: expect.any(Number),
      });
      expect(after.ok && after.figures.random).toBeLessThan(1);
      expect(Object.getOwnPropertyNames(globalThis).sort()).toEqual(hostGlobals);
      expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
      expect([1, 2].map((x) => x * 2)).toEqual([2, 4]);
      expect(JSON.stringify({ a: 1 })).toBe('{"a":1}');
    });
  });

  describe('determinism', () => {
    it('gives every run a fresh context, so a counter on globalThis does not persist', async () => {
      // Prepare
      const counter = script(
        'globalThis.runs = (globalThis.runs || 0) + 1; return { runs: globalThis.runs };'
      );

      // Act
      const first = await sandbox.run(counter, input);
      const second = await sandbox.run(counter, input);

      // Assess
      expect(first.ok && first.figures).toEqual({ runs: 1 });
      expect(second.ok && second.figures).toEqual({ runs: 1 });
    });

    it('seeds Math.random and removes Date, so runs repeat', async () => {
      // Prepare
      const sampler = script(
        'return { a: Math.random(), b: Math.random(), hasDate: typeof Date === "undefined" ? 0 : 1 };'
      );

      // Act
      const first = await sandbox.run(sampler, input);
      const second = await sandbox.run(sampler, input);

      // Assess
      expect(first.ok && first.figures.hasDate).toBe(0);
      expect(first.ok && first.figures.a).not.toBe(first.ok && first.figures.b);
      expect(second).toEqual({ ...first, ms: expect.any(Number) });
    });
  });

  it('rejects limits out of range, naming the limit', () => {
    // Prepare / Act
    const act = () => createQuickJsProbeSandbox({ memoryBytes: 1024 });

    // Assess
    expect(act).toThrow(ContractViolationError);
    expect(act).toThrow('sandbox limits is invalid: memoryBytes');
  });
});
