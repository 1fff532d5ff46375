"""The child process that runs untrusted program code: train, score, export.

It reports through ``worker.json`` in the output folder, a success or a classified failure.
Anything it cannot report (a kill, a segfault) the runner classifies from outside.
"""

import argparse
import json
import random
import sys
import time
import traceback
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import torch

from .datasets.views import read_view
from .evaluation import NonFiniteScoresError, evaluate, validation_cases
from .export import ExportError, export_onnx
from .program import ProgramError, load_program
from .training import NonFiniteLossError, TrainingBudget, train

WORKER_RESULT = "worker.json"
EXPORT_SAMPLE_USERS = 8


@dataclass(frozen=True)
class WorkerConfig:
    program: str
    data: str
    out: str
    budget: TrainingBudget
    device: str = "auto"
    seed: int = 0

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @staticmethod
    def from_json(text: str) -> "WorkerConfig":
        raw = json.loads(text)
        return WorkerConfig(**{**raw, "budget": TrainingBudget(**raw["budget"])})


def run_worker(config: WorkerConfig) -> dict[str, Any]:
    """Everything a job does with program code; failures come back as data."""
    out = Path(config.out)
    stage = "load"
    try:
        device = _device(config.device)
        _seed_everything(config.seed)
        view = read_view(Path(config.data))
        program = load_program(Path(config.program))
        stage = "train"
        outcome = train(program, view, config.budget, device)
        parameters = sum(p.numel() for p in outcome.model.parameters())
        eval_start = time.perf_counter()
        metrics = evaluate(outcome.model, view, program.max_len, device)
        evaluate_seconds = outcome.evaluate_seconds + time.perf_counter() - eval_start
        stage = "export"
        export_start = time.perf_counter()
        torch.save(outcome.model.state_dict(), out / "checkpoint.pt")
        histories, _ = validation_cases(view)
        export_onnx(
            outcome.model,
            program.taps,
            program.max_len,
            view.num_items,
            histories[:EXPORT_SAMPLE_USERS],
            out,
        )
        return {
            "status": "ok",
            "metrics": metrics,
            "curve": [
                {"epoch": r.epoch, "loss": r.loss, "valNdcg10": r.val_ndcg10, "seconds": r.seconds}
                for r in outcome.curve
            ],
            "parameters": parameters,
            "epochs": outcome.epochs,
            "bestEpoch": outcome.best_epoch,
            "seconds": {
                "train": outcome.train_seconds,
                "perEpoch": outcome.train_seconds / max(outcome.epochs, 1),
                "evaluate": evaluate_seconds,
                "export": time.perf_counter() - export_start,
            },
            "device": _device_name(device),
            "dataset": {
                "name": view.name,
                "users": len(view.users),
                "items": view.num_items,
                "view": view.view,
            },
            "artifacts": {
                "onnx": "model.onnx",
                "manifest": "model.json",
                "checkpoint": "checkpoint.pt",
            },
        }
    except Exception as e:
        traceback.print_exc(file=sys.stderr)
        return {"status": "failed", "error": {"kind": _kind(e, stage), "message": _message(e)}}


def _kind(error: Exception, stage: str) -> str:
    if isinstance(error, ProgramError) or (stage == "load" and isinstance(error, SyntaxError)):
        return "invalid_program"
    if isinstance(error, NonFiniteLossError | NonFiniteScoresError):
        return "nan"
    if isinstance(error, torch.OutOfMemoryError | MemoryError):
        return "memory"
    if isinstance(error, ExportError) or stage == "export":
        return "export"
    return "exception"


def _message(error: Exception) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    where = next((f for f in reversed(frames) if f.filename.endswith("model.py")), None)
    location = f" (model.py line {where.lineno})" if where else ""
    return f"{type(error).__name__}: {error}{location}"


def _device(requested: str) -> torch.device:
    # TF32 matmuls on CUDA: the precision the autocast path already accepts, at tensor-core speed.
    torch.backends.cuda.matmul.allow_tf32 = True
    torch.backends.cudnn.allow_tf32 = True
    if requested == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if requested == "cuda" and not torch.cuda.is_available():
        raise RuntimeError("--device cuda requested but CUDA is not available")
    return torch.device(requested)


def _device_name(device: torch.device) -> str:
    return f"cuda:{torch.cuda.get_device_name(device)}" if device.type == "cuda" else "cpu"


def _seed_everything(seed: int) -> None:
    random.seed(seed)
    torch.manual_seed(seed)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config", required=True, type=Path)
    config = WorkerConfig.from_json(parser.parse_args().config.read_text(encoding="utf-8"))
    result = run_worker(config)
    (Path(config.out) / WORKER_RESULT).write_text(json.dumps(result), encoding="utf-8")
    return 0 if result["status"] == "ok" else 1


if __name__ == "__main__":
    raise SystemExit(main())
