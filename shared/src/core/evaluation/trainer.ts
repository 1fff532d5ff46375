/** How a trainer process ended. */
interface TrainerExit {
  /** null when the process was ended by a signal. */
  readonly exitCode: number | null;
  readonly signal: string | null;
}

/**
 * Port: runs the Python trainer's command line (`python -m evolverec_trainer <args>`), locally as
 * a subprocess or, later, as a Batch job. Its progress goes to the operator; its results are files.
 */
interface TrainerRunner {
  run(args: readonly string[]): Promise<TrainerExit>;
}

/** `exit code 3` or `signal SIGKILL`, for messages. */
function describeTrainerExit(exit: TrainerExit): string {
  return exit.signal === null ? `exit code ${exit.exitCode}` : `signal ${exit.signal}`;
}

export type { TrainerExit, TrainerRunner };
export { describeTrainerExit };
