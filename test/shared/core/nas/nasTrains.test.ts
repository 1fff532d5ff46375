import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrainerProcess } from '../../../../shared/src/adapters/index.js';
import { runJudgeProcess } from '../../../../shared/src/adapters/judge/index.js';
import { judgeSettingsSchema } from '../../../../shared/src/core/evolution/index.js';
import { nasEditsFor, readNasAssignment } from '../../../../shared/src/core/nas/index.js';
import { applyEdits } from '../../../../shared/src/core/program/index.js';
import { evaluateProgram, repoRoot, resolvePython } from '../../../../shared/src/local/index.js';
import { coveringAssignments } from './coveringAssignments.js';
import { seedFiles, seedSearchSpace } from './seedSearchSpace.js';

const dataDir = resolve(process.env.EVOLVEREC_DATA_DIR ?? join(repoRoot, '..', 'shared', 'data'));
const space = seedSearchSpace();
const assignments = coveringAssignments(space);
/** One epoch of the largest covering program takes about a minute on two CPU cores. */
const TRAIN_TIMEOUT_MS = 300_000;

/**
 * Every value of every dimension of the seed's search space yields a program that trains: a few
 * full assignments that together cover all the values are built through nasEditsFor and
 * applyEdits, and each is trained for one epoch on ml-100k by the real trainer.
 */
describe('nas programs train', () => {
  let work: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'evolverec-nas-'));
  });

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it.each(
    assignments.map((assignment, index) => [
      index,
      Object.entries(assignment)
        .map(([name, value]) => `${name}=${value}`)
        .join(' '),
      assignment,
    ])
  )(
    'trains covering program %i (%s) one epoch to a finite validation NDCG@10',
    async (index, _, assignment) => {
      // Prepare
      const applied = applyEdits(seedFiles(), nasEditsFor(seedFiles(), space, assignment));
      if (!applied.ok)
        throw new Error(applied.failures.map((failure) => failure.message).join('\n'));
      expect(readNasAssignment(applied.files, space)).toEqual(assignment);
      const program = join(work, `program-${index}`);
      await mkdir(program);
      await writeFile(join(program, 'model.py'), applied.files['model.py'] ?? '');
      let log = '';
      const progress = new Writable({
        write(chunk, _encoding, done) {
          log += String(chunk);
          done();
        },
      });
      const trainer = createTrainerProcess({
        python: resolvePython(process.env),
        progress,
        cwd: repoRoot,
      });

      // Act
      const result = await evaluateProgram(
        {
          program,
          dataset: 'ml-100k',
          dataDir,
          outDir: join(work, `out-${index}`),
          stateDir: join(work, 'state'),
          evaluateTest: false,
          maxEpochs: 1,
          judge: judgeSettingsSchema.parse({}),
          report: () => undefined,
        },
        trainer,
        runJudgeProcess
      );

      // Assess
      expect(result.status, log.slice(-4000)).toBe('ok');
      expect(Number.isFinite(result.metrics['val_ndcg@10'])).toBe(true);
    },
    TRAIN_TIMEOUT_MS
  );
});
