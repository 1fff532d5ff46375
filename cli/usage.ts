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
  evolverec compare [--strategies nas,directional-nas] [--dataset <name>] [--seeds <n>]
                    [--candidates <n>] [--per-generation <n>] [--max-epochs <n>]
                    [--config <file>] [--id <id>] [--data-dir <dir>] [--parallel-jobs <n>]
                    [--allow-unsandboxed] [--json]
      Run each strategy on the same data set, users, candidate budget and seeds 0..n-1 (one
      local run each; the same --id resumes a comparison), then one table: the judge's best
      validation and test NDCG@10 / HR@10 as mean ± 95% interval over seeds, satisfaction,
      coverage, candidates trained and failed, LLM tokens, training seconds, USD and wall time,
      and paired t-tests against nas and against the seed. LLM strategies and the code judge
      take the llm section of --config. Exit code: 0 every run finished, 3 otherwise.
  evolverec runs [--json]
      List local runs, newest first: a run going on as running (pid N), one whose process
      died as stopped (resume it). Works while a run goes on, through its servers.
  evolverec show <run> [--json]
      A run's generations, best program (the judge's test metrics once finished), every failed
      program with its reason, and costs.

Program code runs in a bubblewrap sandbox; where none can start, eval and run refuse unless
--allow-unsandboxed is given.

Environment:
  EVOLVEREC_DATA_DIR   data directory when --data-dir is absent (default ~/.cache/evolverec/data)
  EVOLVEREC_PYTHON     Python that runs the trainer (default .venv/bin/python, else python3)
  EVOLVEREC_STATE_DIR  local state: runs, prepared datasets, evaluations (default .evolverec)
  OPENAI_API_KEY       the LLM strategies' key (the config's llm.apiKeyName names the variable)
`;

export { usage };
