"""Runs one job: stages inputs, runs the worker under limits, writes ``metrics.json``.

The worker runs program code, which is untrusted: it gets a scrubbed environment (no cloud
credentials, no API keys), local paths only, and is killed past its wall-time or memory limit.
Whatever happens to it, the runner writes a result.
"""

import collections
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from .datasets.interactions import DatasetError
from .launcher import launcher_is_gone
from .result import compose_result
from .storage import fetch_folder, is_s3, publish_folder
from .training import TrainingBudget
from .worker import WORKER_RESULT, WorkerConfig

METRICS_FILE = "metrics.json"
LOG_FILE = "train.log"
POLL_SECONDS = 0.2
# The exit status of a job whose launcher died; it writes no metrics.json.
EXIT_ORPHANED = 4
# Only what Python, PyTorch and CUDA need: never AWS_*, OPENAI_* or other secrets.
PASSED_ENV = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "LD_LIBRARY_PATH", "PYTHONHASHSEED")
PASSED_ENV_PREFIXES = ("CUDA_", "NVIDIA_", "OMP_", "MKL_", "OPENBLAS_")


@dataclass(frozen=True)
class Limits:
    wall_seconds: float = 3600.0
    memory_mb: int = 16_384
    log_tail_lines: int = 40


class UsageError(ValueError):
    """The job was asked for something it must refuse (before any program code runs)."""


def run_job(
    program: str,
    data: str,
    out: str,
    *,
    evaluate_test: bool = False,
    budget: TrainingBudget | None = None,
    limits: Limits | None = None,
    device: str = "auto",
    seed: int = 0,
    progress: TextIO = sys.stderr,
) -> dict[str, Any]:
    limits = limits or Limits()
    with tempfile.TemporaryDirectory(prefix="evolverec-job-") as staging:
        staged = Path(staging)
        program_dir = fetch_folder(program, staged / "program")
        data_dir = fetch_folder(data, staged / "data")
        dataset = _view_summary(data_dir, evaluate_test)
        out_dir = staged / "out" if is_s3(out) else Path(out)
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / WORKER_RESULT).unlink(missing_ok=True)
        config = WorkerConfig(
            str(program_dir.resolve()),
            str(data_dir.resolve()),
            str(out_dir.resolve()),
            evaluate_test,
            budget or TrainingBudget(),
            device,
            seed,
        )
        config_path = staged / "worker-config.json"
        config_path.write_text(config.to_json(), encoding="utf-8")
        started = time.monotonic()
        worker, tail = _supervise(config_path, out_dir, limits, progress)
        result = compose_result(worker, "".join(tail), time.monotonic() - started, dataset)
        (out_dir / WORKER_RESULT).unlink(missing_ok=True)
        text = json.dumps(result, indent=2, allow_nan=False) + "\n"
        (out_dir / METRICS_FILE).write_text(text, encoding="utf-8")
        if is_s3(out):
            publish_folder(out_dir, out)
        return result


def _view_summary(data_dir: Path, evaluate_test: bool) -> dict[str, Any]:
    manifest_path = data_dir / "dataset.json"
    if not manifest_path.exists():
        raise DatasetError(f"{data_dir}: not a prepared view (no dataset.json)")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    if evaluate_test and manifest.get("view") != "full":
        raise UsageError("--evaluate-test needs a full view: a candidate view holds no test items")
    return {
        "name": manifest["name"],
        "users": manifest["users"],
        "items": manifest["items"],
        "view": manifest["view"],
    }


def _supervise(
    config_path: Path, out_dir: Path, limits: Limits, progress: TextIO
) -> tuple[dict[str, Any], collections.deque[str]]:
    """Runs the worker to its end or its limit; returns its report (or a classified failure)."""
    tail: collections.deque[str] = collections.deque(maxlen=limits.log_tail_lines)
    process = subprocess.Popen(
        [sys.executable, "-m", "evolverec_trainer.worker", "--config", str(config_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        env=_worker_env(),
        start_new_session=True,  # its own process group, so a kill takes its children too
        text=True,
        errors="replace",
    )
    copier = threading.Thread(target=_copy_log, args=(process, out_dir / LOG_FILE, tail, progress))
    copier.start()
    started, breach = time.monotonic(), None
    while process.poll() is None:
        if launcher_is_gone():
            # Whoever started the job is gone (a runner killed with SIGKILL): nobody will read
            # the result, and a resumed run trains the candidate again, so stop the worker now.
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            copier.join()
            raise SystemExit(EXIT_ORPHANED)
        if time.monotonic() - started > limits.wall_seconds:
            breach = ("timeout", f"exceeded the wall-time limit of {limits.wall_seconds:g} s")
        elif _rss_mb(process.pid) > limits.memory_mb:
            breach = ("memory", f"exceeded the memory limit of {limits.memory_mb} MB")
        if breach:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            break
        time.sleep(POLL_SECONDS)
    copier.join()
    report = out_dir / WORKER_RESULT
    if breach:
        return {"status": "failed", "error": {"kind": breach[0], "message": breach[1]}}, tail
    if report.exists():
        return json.loads(report.read_text(encoding="utf-8")), tail
    return {"status": "failed", "error": _death(process.returncode)}, tail


def _death(returncode: int) -> dict[str, str]:
    if returncode == -signal.SIGKILL:
        return {"kind": "memory", "message": "the worker was killed (likely out of memory)"}
    if returncode < 0:
        return {"kind": "exception", "message": f"the worker died of signal {-returncode}"}
    return {"kind": "exception", "message": f"the worker exited with code {returncode}"}


def _copy_log(
    process: subprocess.Popen[str], log_path: Path, tail: collections.deque[str], progress: TextIO
) -> None:
    assert process.stdout is not None
    with log_path.open("w", encoding="utf-8") as log:
        for line in process.stdout:
            log.write(line)
            tail.append(line)
            progress.write(line)
            progress.flush()


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _worker_env() -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k in PASSED_ENV or k.startswith(PASSED_ENV_PREFIXES)
    }
    package_root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = package_root
    env["PYTHONUNBUFFERED"] = "1"
    return env
