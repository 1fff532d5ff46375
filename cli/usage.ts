const usage = `Usage:
  evolverec eval --program <dir> --dataset <name> [--data-dir <dir>] [--out <dir>]
                 [--max-epochs <n>] [--time-limit <seconds>] [--test] [--json]
      Train and score one program with the Python trainer, then print its metrics.
      Exit code: 0 correct, 1 failed candidate, 2 bad usage, 3 the evaluation itself failed.
  evolverec data get <ml-1m|ml-100k> [--data-dir <dir>] [--mirror <url>]
      Download, verify and preprocess a public dataset.

Environment:
  EVOLVEREC_DATA_DIR   data directory when --data-dir is absent (default ~/.cache/evolverec/data)
  EVOLVEREC_PYTHON     Python that runs the trainer (default .venv/bin/python, else python3)
  EVOLVEREC_STATE_DIR  local state: prepared datasets, evaluations (default .evolverec)
`;

export { usage };
