"""``python -m evolverec_trainer``: prepare views, run jobs, fetch datasets, score checkpoints.

Exit codes: 0 success, 1 a failed job (its metrics.json says why), 2 bad usage or input.
"""

import argparse
import json
import sys
import tempfile
from pathlib import Path

from .datasets.download import SOURCES, download_dataset
from .datasets.interactions import DatasetError
from .datasets.registry import load_dataset
from .datasets.views import make_view, write_view
from .job import JobSpec, JobSpecError, parse_job_spec
from .runner import Limits, UsageError, run_job, run_job_spec
from .sandbox import SANDBOX_POLICIES, SandboxUnavailableError
from .scoring import score_histories
from .training import TrainingBudget
from .transfer import TransferError, download


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except (
        DatasetError,
        UsageError,
        JobSpecError,
        TransferError,
        SandboxUnavailableError,
        FileNotFoundError,
    ) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


def _prepare(args: argparse.Namespace) -> int:
    data = load_dataset(args.dataset, args.data_dir)
    write_view(make_view(data, args.view), args.out)
    print(
        f"{data.name}: {data.num_users} users, {data.num_items} items, "
        f"{data.num_interactions} interactions -> {args.out} ({args.view} view)",
        file=sys.stderr,
    )
    return 0


def _run(args: argparse.Namespace) -> int:
    if args.job is not None:
        result = run_job_spec(_read_job_spec(args.job), device=args.device, sandbox=args.sandbox)
    else:
        missing = [f"--{n}" for n in ("program", "data", "out") if getattr(args, n) is None]
        if missing:
            raise UsageError(f"run needs --job, or {', '.join(missing)}")
        result = run_job(
            Path(args.program),
            Path(args.data),
            Path(args.out),
            budget=TrainingBudget(
                max_epochs=args.max_epochs,
                patience=args.patience,
                eval_every=args.eval_every,
                train_seconds=args.train_seconds,
            ),
            limits=Limits(wall_seconds=args.time_limit, memory_mb=args.memory_limit_mb),
            device=args.device,
            seed=args.seed,
            sandbox=args.sandbox,
        )
    summary = result["error"]["message"] if "error" in result else result["combinedScore"]
    print(f"status {result['status']}: {summary}", file=sys.stderr)
    return 0 if result["correct"] else 1


def _read_job_spec(where: str) -> JobSpec:
    if where.startswith(("https://", "http://")):
        with tempfile.TemporaryDirectory() as staging:
            path = Path(staging) / "job.json"
            download(where, path)
            return parse_job_spec(path.read_text(encoding="utf-8"))
    return parse_job_spec(Path(where).read_text(encoding="utf-8"))


def _score(args: argparse.Namespace) -> int:
    histories = json.loads(args.histories.read_text(encoding="utf-8"))["histories"]
    scores = score_histories(args.program, args.checkpoint, args.num_items, histories)
    args.out.write_text(json.dumps({"scores": scores}), encoding="utf-8")
    return 0


def _data_get(args: argparse.Namespace) -> int:
    folder = download_dataset(args.name, args.data_dir, args.mirror, args.md5)
    print(f"{args.name} ready in {folder}", file=sys.stderr)
    return 0


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="evolverec_trainer", description=__doc__)
    commands = parser.add_subparsers(required=True)

    prepare = commands.add_parser("prepare", help="write a leave-one-out view of a dataset")
    prepare.add_argument("--dataset", required=True, help="ml-1m, ml-100k, amazon-video or a path")
    prepare.add_argument("--data-dir", required=True, type=Path)
    prepare.add_argument("--out", required=True, type=Path)
    prepare.add_argument("--view", choices=("candidate", "judge"), default="candidate")
    prepare.set_defaults(handler=_prepare)

    run = commands.add_parser("run", help="train, score and export one program")
    run.add_argument("--job", help="job.json (a path or presigned URL): the submitted form")
    run.add_argument("--program", help="program folder with model.py")
    run.add_argument("--data", help="a prepared candidate view's folder")
    run.add_argument("--out", help="output folder")
    run.add_argument("--max-epochs", type=_positive, default=TrainingBudget.max_epochs)
    run.add_argument("--patience", type=_positive, default=TrainingBudget.patience)
    run.add_argument("--eval-every", type=_positive, default=TrainingBudget.eval_every)
    run.add_argument("--train-seconds", type=float, help="soft training budget")
    run.add_argument("--time-limit", type=float, default=Limits.wall_seconds, help="hard, s")
    run.add_argument("--memory-limit-mb", type=_positive, default=Limits.memory_mb)
    run.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
    run.add_argument("--seed", type=int, default=0)
    run.add_argument(
        "--sandbox",
        choices=SANDBOX_POLICIES,
        default="required",
        help="run program code in a bubblewrap sandbox: required (refuse to run without one), "
        "if-available (run unsandboxed where none can start), off",
    )
    run.set_defaults(handler=_run)

    score = commands.add_parser("score", help="PyTorch scores of a checkpoint (parity checks)")
    score.add_argument("--program", required=True, type=Path)
    score.add_argument("--checkpoint", required=True, type=Path)
    score.add_argument("--num-items", required=True, type=_positive)
    score.add_argument("--histories", required=True, type=Path, help='{"histories": [[...]]}')
    score.add_argument("--out", required=True, type=Path)
    score.set_defaults(handler=_score)

    data = commands.add_parser("data", help="datasets").add_subparsers(required=True)
    get = data.add_parser("get", help="download and preprocess a public dataset")
    get.add_argument("name", choices=sorted(SOURCES))
    get.add_argument("--data-dir", required=True, type=Path)
    get.add_argument("--mirror", help="base URL serving the same zip files")
    get.add_argument("--md5", help="expected MD5 of a mirror's repackaged zip")
    get.set_defaults(handler=_data_get)
    return parser
