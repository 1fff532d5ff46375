"""Runs one job: stages inputs, runs the worker under limits, writes ``metrics.json``.

The worker runs program code, which is untrusted: it gets a scrubbed environment (no cloud
credentials, no API keys), local paths only, a candidate view only, and is killed past its
wall-time or memory limit. Whatever happens to it, the runner writes a result. Its figures are
the job's own report; the figures of record come from the judge, outside the job.
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
from .job import JobSpec
from .launcher import launcher_is_gone
from .result import compose_result, failed_result
from .training import TrainingBudget
from .transfer import TransferError, download, upload
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
    program: Path,
    data: Path,
    out: Path,
    *,
    budget: TrainingBudget | None = None,
    limits: Limits | None = None,
    device: str = "auto",
    seed: int = 0,
    progress: TextIO = sys.stderr,
) -> dict[str, Any]:
    """Trains, scores and exports the program in ``program`` on the candidate view ``data``."""
    limits = limits or Limits()
    dataset = _candidate_view_summary(data)
    out.mkdir(parents=True, exist_ok=True)
    (out / WORKER_RESULT).unlink(missing_ok=True)
    config = WorkerConfig(
        str(program.resolve()),
        str(data.resolve()),
        str(out.resolve()),
        budget or TrainingBudget(),
        device,
        seed,
    )
    with tempfile.TemporaryDirectory(prefix="evolverec-job-") as staging:
        config_path = Path(staging) / "worker-config.json"
        config_path.write_text(config.to_json(), encoding="utf-8")
        started = time.monotonic()
        worker, tail = _supervise(config_path, out, limits, progress)
    result = compose_result(worker, "".join(tail), time.monotonic() - started, dataset)
    (out / WORKER_RESULT).unlink(missing_ok=True)
    _write_metrics(out, result)
    return result


def run_job_spec(
    spec: JobSpec, *, device: str = "auto", progress: TextIO = sys.stderr
) -> dict[str, Any]:
    """A submitted job: fetches its inputs by URL, runs it, stores the outputs it may store.

    Inputs that cannot be fetched still leave a failed metrics.json where the URL allows, so the
    step that reads it learns why.
    """
    with tempfile.TemporaryDirectory(prefix="evolverec-staging-") as staging:
        root = Path(staging)
        out = root / "out"
        out.mkdir()
        try:
            for relative, url in spec.program.items():
                download(url, root / "program" / relative)
            for name, url in spec.data.items():
                download(url, root / "data" / name)
        except TransferError as e:
            result = failed_result("internal", f"job inputs could not be fetched: {e}", "")
            _write_metrics(out, result)
        else:
            result = run_job(
                root / "program",
                root / "data",
                out,
                budget=spec.budget,
                limits=Limits(wall_seconds=spec.wall_seconds, memory_mb=spec.memory_mb),
                device=device,
                seed=spec.seed,
                progress=progress,
            )
        # metrics.json last: once it is there, the rest of the attempt's output is too.
        for name, url in sorted(spec.outputs.items(), key=lambda item: item[0] == METRICS_FILE):
            if (out / name).is_file():
                upload(out / name, url)
        return result


def _write_metrics(out: Path, result: dict[str, Any]) -> None:
    text = json.dumps(result, indent=2, allow_nan=False) + "\n"
    (out / METRICS_FILE).write_text(text, encoding="utf-8")


def _candidate_view_summary(data_dir: Path) -> dict[str, Any]:
    manifest_path = data_dir / "dataset.json"
    if not manifest_path.exists():
        raise DatasetError(f"{data_dir}: not a prepared view (no dataset.json)")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    if manifest.get("view") != "candidate":
        raise UsageError(
            f"{data_dir} is a {manifest.get('view')!r} view: program code only ever receives a "
            "candidate view (the judge view, with its held-out and test items, is the judge's)"
        )
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
