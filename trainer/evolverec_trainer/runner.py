"""Runs one job: stages inputs, runs the worker under limits, writes ``metrics.json``.

The worker runs program code, which is untrusted: it runs in an OS sandbox (``sandbox.py``)
unless the job allows otherwise, with a scrubbed environment (no cloud credentials, no API
keys), local paths only, a candidate view only, and is killed with every process it started
past its wall-time or memory limit. Whatever happens to it, the runner writes a result. Its
figures are the job's own report; the figures of record come from the judge, outside the job.
"""

import collections
import json
import signal
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TextIO

from .datasets.interactions import DatasetError
from .job import JobSpec
from .launcher import launcher_is_gone
from .result import Isolation, compose_result, failed_result
from .sandbox import SandboxPolicy, SandboxUnavailableError, find_sandbox, remove_unsafe_outputs
from .training import TrainingBudget
from .transfer import TransferError, download, upload
from .worker import WORKER_RESULT, WorkerConfig
from .worker_process import WorkerProcess, start_worker

METRICS_FILE = "metrics.json"
LOG_FILE = "train.log"
POLL_SECONDS = 0.2
# The exit status of a job whose launcher died; it writes no metrics.json.
EXIT_ORPHANED = 4


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
    sandbox: SandboxPolicy = "required",
    bwrap: str = "bwrap",
    progress: TextIO = sys.stderr,
) -> dict[str, Any]:
    """Trains, scores and exports the program in ``program`` on the candidate view ``data``.

    Raises SandboxUnavailableError, before any program code runs, where ``sandbox`` requires a
    sandbox and ``bwrap`` (a name on PATH or a path) cannot start one.
    """
    limits = limits or Limits()
    dataset = _candidate_view_summary(data)
    job_sandbox = find_sandbox(sandbox, bwrap, progress)
    out.mkdir(parents=True, exist_ok=True)
    remove_unsafe_outputs(out)  # an earlier attempt's
    (out / WORKER_RESULT).unlink(missing_ok=True)
    config = WorkerConfig(
        str(program.resolve()),
        str(data.resolve()),
        str(out.resolve()),
        budget or TrainingBudget(),
        device,
        seed,
    )
    # Opened before program code runs, so that it cannot have put a link in its place.
    with (
        (out / LOG_FILE).open("w", encoding="utf-8") as log,
        tempfile.TemporaryDirectory(prefix="evolverec-job-") as staging,
    ):
        started = time.monotonic()
        with start_worker(config, Path(staging), job_sandbox, tmpfs_mb=limits.memory_mb) as worker:
            report, tail = _supervise(worker, out, log, limits, progress)
    isolation: Isolation = "none" if job_sandbox is None else "bwrap"
    result = compose_result(report, "".join(tail), time.monotonic() - started, dataset, isolation)
    (out / WORKER_RESULT).unlink(missing_ok=True)
    _write_metrics(out, result)
    return result


def run_job_spec(
    spec: JobSpec,
    *,
    device: str = "auto",
    sandbox: SandboxPolicy = "required",
    bwrap: str = "bwrap",
    progress: TextIO = sys.stderr,
) -> dict[str, Any]:
    """A submitted job: fetches its inputs by URL, runs it, stores the outputs it may store.

    Inputs that cannot be fetched, or a sandbox that cannot start where one is required, still
    leave a failed metrics.json where the URL allows, so the step that reads it learns why.
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
            result = run_job(
                root / "program",
                root / "data",
                out,
                budget=spec.budget,
                limits=Limits(wall_seconds=spec.wall_seconds, memory_mb=spec.memory_mb),
                device=device,
                seed=spec.seed,
                sandbox=sandbox,
                bwrap=bwrap,
                progress=progress,
            )
        except TransferError as e:
            result = failed_result("internal", f"job inputs could not be fetched: {e}", "")
            _write_metrics(out, result)
        except SandboxUnavailableError as e:
            result = failed_result("internal", f"program code was not run: {e}", "")
            _write_metrics(out, result)
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
    worker: WorkerProcess, out_dir: Path, log: TextIO, limits: Limits, progress: TextIO
) -> tuple[dict[str, Any], collections.deque[str]]:
    """Runs the worker to its end or its limit; returns its report (or a classified failure)."""
    tail: collections.deque[str] = collections.deque(maxlen=limits.log_tail_lines)
    copier = threading.Thread(target=_copy_log, args=(worker.stdout, log, tail, progress))
    copier.start()
    started, breach = time.monotonic(), None
    while worker.poll() is None:
        if launcher_is_gone():
            # Whoever started the job is gone (a runner killed with SIGKILL): nobody will read
            # the result, and a resumed run trains the candidate again, so stop the worker now.
            worker.kill()
            copier.join()
            raise SystemExit(EXIT_ORPHANED)
        if time.monotonic() - started > limits.wall_seconds:
            breach = ("timeout", f"exceeded the wall-time limit of {limits.wall_seconds:g} s")
        elif worker.memory_mb() > limits.memory_mb:
            breach = ("memory", f"exceeded the memory limit of {limits.memory_mb} MB")
        if breach:
            worker.kill()
            break
        time.sleep(POLL_SECONDS)
    copier.join()
    # Nothing of the job runs any more: what it left is what the runner reads and uploads.
    for name in remove_unsafe_outputs(out_dir):
        progress.write(f"removed {name} from the output: not a regular file\n")
    report = out_dir / WORKER_RESULT
    if breach:
        return {"status": "failed", "error": {"kind": breach[0], "message": breach[1]}}, tail
    if report.exists():
        return json.loads(report.read_text(encoding="utf-8")), tail
    return {"status": "failed", "error": _death(worker.returncode)}, tail


def _death(returncode: int) -> dict[str, str]:
    if returncode == -signal.SIGKILL:
        return {"kind": "memory", "message": "the worker was killed (likely out of memory)"}
    if returncode < 0:
        return {"kind": "exception", "message": f"the worker died of signal {-returncode}"}
    return {"kind": "exception", "message": f"the worker exited with code {returncode}"}


def _copy_log(stream: IO[str], log: TextIO, tail: collections.deque[str], progress: TextIO) -> None:
    for line in stream:
        log.write(line)
        tail.append(line)
        progress.write(line)
        progress.flush()
