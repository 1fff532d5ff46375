"""bench:trainer — the seed program's test accuracy as the judge measures it (trained by the
harness on the candidate view, scored from model.onnx), and the harness's training speed beside
a plain PyTorch SASRec loop, in one run on this machine.

    npm run bench:trainer -- --dataset ml-1m [--data-dir DIR] [--json]
"""

import argparse
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evolverec_trainer.datasets.views import read_view
from evolverec_trainer.program import Program, load_program
from plain_sasrec_loop import train_epochs

ROOT = Path(__file__).resolve().parent.parent
SEED_PROGRAM = ROOT / "programs" / "sasrec"
# The published SASRec band on ml-1m (full ranking; ../shared/data/README.md).
ML_1M_BAND = {"test_ndcg@10": 0.125, "test_hr@10": 0.235}


def trainer(*args: str) -> int:
    # The harness's progress goes to stderr, keeping stdout for the result.
    command = [sys.executable, "-m", "evolverec_trainer", *args]
    return subprocess.run(command, stdout=sys.stderr).returncode


def harness_run(view: Path, out: Path, *extra: str) -> dict[str, Any]:
    code = trainer(
        "run", "--program", str(SEED_PROGRAM), "--data", str(view), "--out", str(out), *extra
    )
    metrics = json.loads((out / "metrics.json").read_text())
    if code != 0:
        raise SystemExit(f"the harness failed: {metrics.get('error')}")
    return metrics


def judged_eval(args: argparse.Namespace, out: Path) -> dict[str, Any]:
    """The seed through `evolverec eval --test`: trained on the candidate view, judged (validation
    on the held-out users, test on every user) from its model.onnx by the judge, as in a run."""
    command = [
        "node",
        str(ROOT / "cli" / "bin.js"),
        "eval",
        *("--program", str(SEED_PROGRAM), "--dataset", args.dataset),
        *("--data-dir", str(args.data_dir), "--out", str(out), "--test", "--json"),
        *("--max-epochs", str(args.max_epochs), "--patience", str(args.patience)),
        *("--eval-every", str(args.eval_every), "--time-limit", str(24 * 3600)),
    ]
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=sys.stderr, text=True)
    result = json.loads(done.stdout)
    if done.returncode != 0:
        raise SystemExit(f"the seed failed: {result.get('failure')}")
    return result


def plain_loop_seconds(program: Program, view_dir: Path, epochs: int) -> list[float]:
    view = read_view(view_dir)
    torch.manual_seed(0)
    # The same device the harness picks by default.
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = program.build_model(view.num_items).to(device)
    optimizer = program.build_optimizer(model)
    train = [u.train for u in view.users]
    return train_epochs(
        model, optimizer, train, view.num_items, program.batch_size, program.max_len, epochs, device
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dataset", default="ml-1m")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=Path(os.environ.get("EVOLVEREC_DATA_DIR", ROOT.parent / "shared/data")),
    )
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    parser.add_argument("--max-epochs", type=int, default=200)
    parser.add_argument("--patience", type=int, default=6, help="evaluations")
    parser.add_argument("--eval-every", type=int, default=5)
    parser.add_argument("--compare-epochs", type=int, default=3)
    parser.add_argument("--skip-accuracy", action="store_true", help="speed comparison only")
    parser.add_argument("--out", type=Path, help="also write the JSON here")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-trainer-") as tmp:
        work = Path(tmp)
        view = work / "view"
        prepare = ("--dataset", args.dataset, "--data-dir", str(args.data_dir), "--out", str(view))
        if trainer("prepare", *prepare, "--view", "candidate") != 0:
            raise SystemExit(f"could not prepare {args.dataset} from {args.data_dir}")
        speed_run = harness_run(
            view,
            work / "speed",
            "--max-epochs",
            str(args.compare_epochs),
            "--eval-every",
            str(args.compare_epochs),
        )
        program = load_program(SEED_PROGRAM)
        plain = plain_loop_seconds(program, view, args.compare_epochs)
        plain_per_epoch = sum(plain) / len(plain)
        harness_per_epoch = speed_run["seconds"]["perEpoch"]
        harness_steps = math.ceil(speed_run["dataset"]["users"] / program.batch_size)
        plain_steps = speed_run["dataset"]["users"] // program.batch_size
        report: dict[str, Any] = {
            "dataset": args.dataset,
            "device": speed_run["device"],
            "machine": f"{platform.processor() or platform.machine()}, "
            f"{os.cpu_count()} cores, torch {torch.__version__}, "
            f"{torch.get_num_threads()} threads",
            "speed": {
                "epochs": args.compare_epochs,
                "harnessSecondsPerEpoch": harness_per_epoch,
                "plainLoopSecondsPerEpoch": plain_per_epoch,
                "harnessStepsPerEpoch": harness_steps,
                "plainLoopStepsPerEpoch": plain_steps,
                "harnessSecondsPerStep": harness_per_epoch / harness_steps,
                "plainLoopSecondsPerStep": plain_per_epoch / plain_steps,
            },
        }
        if not args.skip_accuracy:
            final = judged_eval(args, work / "final")
            accuracy = final["metrics"]
            report["seed"] = {
                **accuracy,
                "judgedUsers": {split: final["judge"][split]["users"] for split in ("val", "test")},
                "epochs": final["job"]["epochs"],
                "bestEpoch": final["job"]["bestEpoch"],
                "secondsPerEpoch": final["job"]["seconds"]["perEpoch"],
                "trainSeconds": final["job"]["seconds"]["train"],
                "judgeSeconds": sum(
                    final["judge"][split]["seconds"]["load"]
                    + final["judge"][split]["seconds"]["score"]
                    for split in ("val", "test")
                ),
                "parameters": final["job"]["parameters"],
            }
            if args.dataset == "ml-1m":
                report["inPublishedBand"] = all(
                    accuracy[k] >= floor for k, floor in ML_1M_BAND.items()
                )
    text = json.dumps(report, indent=None if args.json else 2)
    if args.out:
        args.out.write_text(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
