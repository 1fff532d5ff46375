import { beforeAll, describe, expect, it } from 'vitest';
import { synthesiseEvolutionDefinition } from '../../../infra/lib/orchestration/synthesise-definition.js';

// aws-local-stepfunctions calls Promise.withResolvers, which Node 20 lacks.
const promiseConstructor = Promise as unknown as { withResolvers?: () => unknown };
promiseConstructor.withResolvers ??= () => {
  let resolve: unknown;
  let reject: unknown;
  const promise = new Promise((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  return { promise, resolve, reject };
};
const { StateMachine } = await import('aws-local-stepfunctions');

type JsonObject = Record<string, unknown>;

/** Every state name of a definition, those of Map processors and Parallel branches included. */
function stateNames(definition: JsonObject): string[] {
  const states = definition.States as Record<string, JsonObject>;
  return Object.entries(states).flatMap(([name, state]) => [
    name,
    ...(state.ItemProcessor ? stateNames(state.ItemProcessor as JsonObject) : []),
    ...((state.Branches as JsonObject[] | undefined) ?? []).flatMap(stateNames),
  ]);
}

describe('synthesiseEvolutionDefinition', () => {
  let definition: JsonObject;

  beforeAll(async () => {
    definition = (await synthesiseEvolutionDefinition()) as JsonObject;
  });

  it('holds every state functions/README.md names', () => {
    expect(stateNames(definition).sort()).toEqual(
      [
        'StartRun',
        'NextStep',
        'Generation',
        'Propose',
        'AfterPropose',
        'Train',
        'Judge',
        'CheckTraining',
        'AfterCheck',
        'Feedback',
        'Simulate',
        'Diagnose',
        'Record',
        'RecordFailure',
        'CandidateDone',
        'RecordGeneration',
        'FinalEvaluation',
        'Finalize',
        'FailRun',
        'RunFailed',
      ].sort()
    );
  });

  it('names resources by placeholder ARNs, with nothing of CloudFormation left', () => {
    const text = JSON.stringify(definition);
    expect(text).not.toMatch(/Fn::|"Ref"/);
    const states = definition.States as Record<string, JsonObject>;
    expect(states.StartRun?.Resource).toMatch(
      /^arn:aws:lambda:us-east-1:123456789012:function:StepsStartRunFunction\w+$/
    );
    expect(states.FinalEvaluation?.Resource).toMatch(
      /^arn:aws:lambda:us-east-1:123456789012:function:StepsJudgeFunction\w+$/
    );
    const generation = states.Generation as {
      ItemProcessor: { States: Record<string, JsonObject> };
    };
    expect(generation.ItemProcessor.States.Train?.Parameters).toMatchObject({
      JobQueue: expect.stringMatching(/^arn:aws:batch:us-east-1:123456789012:job-queue\/\w+$/),
      JobDefinition: expect.stringMatching(
        /^arn:aws:batch:us-east-1:123456789012:job-definition\/\w+:1$/
      ),
    });
  });

  it('runs in aws-local-stepfunctions: a generation of three candidates, then the final evaluation', async () => {
    // Prepare: each Task state answers as its step would. The first candidate's job fails and
    // so does its simulation; the second is a duplicate that ends at once; the third's
    // CheckTraining throws, which ends in its RecordFailure.
    const calls: { state: string; input: JsonObject }[] = [];
    const step = (state: string, answer: (input: JsonObject) => JsonObject) => (input: unknown) => {
      calls.push({ state, input: input as JsonObject });
      return answer(input as JsonObject) as never;
    };
    const fail = (state: string, message: string) => (input: unknown) => {
      calls.push({ state, input: input as JsonObject });
      throw new Error(message);
    };
    const machine = new StateMachine(definition as never);

    // Act
    const output = await machine.run(
      { runId: 'r1' },
      {
        overrides: {
          taskResourceLocalHandlers: {
            StartRun: step('StartRun', ({ runId }) => ({
              runId,
              generation: 1,
              candidates: ['p1', 'p2', 'p3'],
              next: 'generation',
            })),
            Propose: step('Propose', (input) =>
              input.programId === 'p2'
                ? { ...input, attempt: 1, next: 'done' }
                : {
                    ...input,
                    attempt: 1,
                    next: 'train',
                    job: { name: `r1-${input.programId}-a1`, command: ['--job', 'url'] },
                  }
            ),
            Train: (input: unknown) =>
              (input as { JobName: string }).JobName === 'r1-p1-a1'
                ? fail('Train', 'the job failed')(input)
                : step('Train', () => ({}))(input),
            Judge: step('Judge', ({ programId }) => ({ programId, verdict: 'skipped' })),
            CheckTraining: (input: unknown) =>
              (input as JsonObject).programId === 'p3'
                ? fail('CheckTraining', 'the table is gone')(input)
                : step('CheckTraining', (ok) => ({ ...ok, next: 'feedback' }))(input),
            Simulate: fail('Simulate', 'no users'),
            Diagnose: step('Diagnose', () => ({ ignored: true })),
            Record: step('Record', (input) => ({ recorded: input.programId })),
            RecordFailure: step('RecordFailure', ({ programId }) => ({ programId })),
            RecordGeneration: step('RecordGeneration', ({ runId }) => ({
              runId,
              next: 'finalize',
              final: { programId: 'p1' },
            })),
            FinalEvaluation: step('FinalEvaluation', ({ programId }) => ({ programId })),
            Finalize: step('Finalize', ({ runId }) => ({ runId, status: 'succeeded' })),
            FailRun: fail('FailRun', 'not expected'),
          },
        },
      }
    ).result;

    // Assess
    expect(output).toEqual({ runId: 'r1', status: 'succeeded' });
    const inputsOf = (state: string) =>
      calls.filter((call) => call.state === state).map((call) => call.input);
    expect(inputsOf('Propose')).toEqual(
      expect.arrayContaining([
        { runId: 'r1', generation: 1, programId: 'p1' },
        { runId: 'r1', generation: 1, programId: 'p2' },
        { runId: 'r1', generation: 1, programId: 'p3' },
      ])
    );
    // The judge gets its own payload, nothing else of the state.
    expect(inputsOf('Judge')).toEqual(
      expect.arrayContaining([
        { split: 'val', runId: 'r1', generation: 1, programId: 'p1', attempt: 1 },
        { split: 'val', runId: 'r1', generation: 1, programId: 'p3', attempt: 1 },
      ])
    );
    expect(inputsOf('CheckTraining')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ programId: 'p1', trainError: expect.any(Object) }),
        expect.objectContaining({ programId: 'p3' }),
      ])
    );
    expect(inputsOf('Record')).toEqual([
      expect.objectContaining({ programId: 'p1', feedbackError: expect.any(Object) }),
    ]);
    expect(inputsOf('RecordFailure')).toEqual([
      expect.objectContaining({
        programId: 'p3',
        candidateError: expect.objectContaining({
          Cause: expect.stringContaining('table is gone'),
        }),
      }),
    ]);
    expect(inputsOf('RecordGeneration')).toEqual([
      expect.objectContaining({ runId: 'r1', candidates: ['p1', 'p2', 'p3'] }),
    ]);
    // The Batch task receives the SubmitJob request the payload's job describes.
    expect(inputsOf('Train')).toHaveLength(2);
    expect(inputsOf('Train')).toEqual(
      expect.arrayContaining(
        ['r1-p1-a1', 'r1-p3-a1'].map((name) =>
          expect.objectContaining({
            JobName: name,
            JobQueue: expect.stringMatching(/job-queue\//),
            JobDefinition: expect.stringMatching(/TrainCandidate/),
            ContainerOverrides: { Command: ['--job', 'url'] },
          })
        )
      )
    );
    expect(inputsOf('FinalEvaluation')).toEqual([{ split: 'test', runId: 'r1', programId: 'p1' }]);
    expect(inputsOf('FailRun')).toEqual([]);
  });
});
