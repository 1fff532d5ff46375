const usage = `Usage:
  evolverec eval --program <dir> --dataset <name> [--data-dir <dir>] [--out <dir>]
                 [--max-epochs <n>] [--patience <n>] [--eval-every <n>]
                 [--time-limit <seconds>] [--test] [--allow-unsandboxed] [--json]
      Train one program with the Python trainer (sandboxed, on the candidate view), then have
      the judge score its model.onnx: validation on held-out users, test with --test.
      Exit code: 0 correct, 1 failed candidate, 2 bad usage, 3 the evaluation itself failed.
  evolverec data get <ml-1m|ml-100k> [--data-dir <dir>] [--mirror <url>]
      Download, verify and preprocess a public dataset.
  evolverec run --config <file> [--run-id <id>] [--data-dir <dir>] [--parallel-jobs <n>]
                [--allow-unsandboxed]
      Run a whole evolution locally: the cloud's state machine, with embedded DynamoDB and S3
      stand-ins on loopback (data under the state dir) and the trainer as a subprocess.
      Exit code: 0 finished, 3 the run failed. Examples: configs/*.json.
  evolverec resume <run> [--data-dir <dir>] [--parallel-jobs <n>] [--allow-unsandboxed]
      Go on with a stopped or killed run from its recorded state.
  evolverec runs [--json]
      List local runs, newest first: a run going on as running (pid N), one whose process
      died as stopped (resume it). Works while a run goes on, through its servers.
  evolverec show <run> [--json]
      A run's generations, best program (the judge's test metrics once finished), every failed
      program with its reason, and costs.
  evolverec report <run>
      Write the run's report page (self-contained HTML: best program against the seed, the
      evolution tree, curves, the Pareto front, every program's feedback, costs) and print
      its path. Works while the run goes on.

Program code runs in a bubblewrap sandbox; where none can start, eval and run refuse unless
--allow-unsandboxed is given.

Environment:
  EVOLVEREC_DATA_DIR   data directory when --data-dir is absent (default ~/.cache/evolverec/data)
  EVOLVEREC_PYTHON     Python that runs the trainer (default .venv/bin/python, else python3)
  EVOLVEREC_STATE_DIR  local state: runs, prepared datasets, evaluations (default .evolverec)
  OPENAI_API_KEY       the LLM strategies' key (the config's llm.apiKeyName names the variable)
`;

export { usage };
