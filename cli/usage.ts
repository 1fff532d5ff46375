/** Each command's usage, as `evolverec <command> --help` prints it. */
const commandUsage = {
  eval: `  evolverec eval --program <dir> --dataset <name|file> [--data-dir <dir>] [--out <dir>]
                 [--max-epochs <n>] [--patience <n>] [--eval-every <n>]
                 [--time-limit <seconds>] [--test] [--allow-unsandboxed] [--json]
      Train one program with the Python trainer (sandboxed, on the candidate view), then have
      the judge score its model.onnx: validation on held-out users, test with --test.
      --dataset is a dataset's name or a path to a data file (user item [timestamp] lines, or a
      RecBole .inter file). Exit code: 0 correct, 1 failed candidate, 2 bad usage, 3 the
      evaluation itself failed.
`,
  data: `  evolverec data get <ml-1m|ml-100k|amazon-video> [--data-dir <dir>] [--mirror <url>] [--json]
      Download, verify and preprocess a public dataset into the data directory.
`,
  run: `  evolverec run --config <file> [--run-id <id>] [--data-dir <dir>] [--parallel-jobs <n>]
                [--allow-unsandboxed] [--json]
      Run a whole evolution locally: the cloud's state machine, with embedded DynamoDB and S3
      stand-ins on loopback (data under the state dir) and the trainer as a subprocess. Checks
      first (the LLM key and endpoint, the dataset, the budget), then trains.
      Exit code: 0 finished, 3 the run failed or a check did. Examples: configs/*.json.
`,
  resume: `  evolverec resume <run> [--data-dir <dir>] [--parallel-jobs <n>] [--allow-unsandboxed] [--json]
      Go on with a stopped or killed run from its recorded state.
`,
  compare: `  evolverec compare [--strategies nas,directional-nas] [--dataset <name>] [--seeds <n>]
                    [--candidates <n>] [--per-generation <n>] [--max-epochs <n>]
                    [--config <file>] [--id <id>] [--data-dir <dir>] [--parallel-jobs <n>]
                    [--allow-unsandboxed] [--json]
      Run each strategy on the same data set, users, candidate budget and seeds 0..n-1 (one
      local run each; the same --id resumes a comparison), then one table: the judge's best
      validation and test NDCG@10 / HR@10 as mean ± 95% interval over seeds, satisfaction,
      coverage, candidates trained and failed, LLM tokens, training seconds, USD and wall time,
      and paired t-tests against nas and against the seed. LLM strategies and the code judge
      take the llm section of --config. Exit code: 0 every run finished, 3 otherwise.
`,
  runs: `  evolverec runs [--json]
      List local runs, newest first: a run going on as running (pid N), one whose process
      died as stopped (resume it). Works while a run goes on, through its servers.
`,
  show: `  evolverec show <run> [--json]
      A local run's generations, best program (the judge's test metrics once finished), every
      failed program with its reason, and costs.
`,
  submit: `  evolverec submit --config <file> [--stack <name>] [--region <region>] [--api-url <url>] [--json]
      Send a run (the config and its seed folder) to the deployed API, signed with your AWS
      credentials; prints the run's id. The run is your team's (the stack's callerTeams).
`,
  status: `  evolverec status <run> [--stack <name>] [--region <region>] [--api-url <url>] [--json]
      Where a run of the deployed API stands: status, generation, best program, cost so far.
`,
  report: `  evolverec report <run> [--json]
      Write a local run's report page (self-contained HTML: best program against the seed, the
      evolution tree, curves, the Pareto front, every program's feedback, costs) and print its
      path. Works while the run goes on.
  evolverec report <run> [--stack <name>] [--region <region>] [--api-url <url>] [--json]
      With any of these flags: the report of a finished run of the deployed API (report.json;
      its page is GET /runs/{id}/report).
`,
  fetch: `  evolverec fetch <run> [--program <id>] [--out <dir>] [--stack <name>] [--region <region>]
                  [--api-url <url>] [--json]
      A program of a run of the deployed API (its best unless --program names one) into
      <out>/<program>/ (out is ./<run> unless given): its files, outcome.json and model/
      (model.onnx, model.json).
`,
} as const;

type CommandName = keyof typeof commandUsage;

const footer = `
Program code runs in a bubblewrap sandbox; where none can start, eval and run refuse unless
--allow-unsandboxed is given. submit, status, fetch (and report with --stack, --region or
--api-url) find the API through the stack's ApiUrl output (--stack, default EvolverecStack)
unless --api-url names it, and sign with the AWS SDK's credentials (AWS_PROFILE, SSO,
environment, role); every command takes --help.

Environment:
  EVOLVEREC_DATA_DIR   data directory when --data-dir is absent (default ~/.cache/evolverec/data)
  EVOLVEREC_PYTHON     Python that runs the trainer (default .venv/bin/python, else python3)
  EVOLVEREC_STATE_DIR  local state: runs, prepared datasets, evaluations (default .evolverec)
  OPENAI_API_KEY       the LLM strategies' key (the config's llm.apiKeyName names the variable)
`;

/** `evolverec --help`: every command. */
const usage = `Usage:\n${Object.values(commandUsage).join('')}${footer}`;

/** `evolverec <command> --help`: that command alone. */
function usageOf(command: CommandName): string {
  return `Usage:\n${commandUsage[command]}`;
}

export type { CommandName };
export { usage, usageOf };
