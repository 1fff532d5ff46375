"""The job's ``metrics.json``: the evaluation-result contract shared with the TypeScript side
(``shared/schemas/evaluation-result.schema.json``)."""

import math
from typing import Any, Literal

# What program code ran under: the bubblewrap sandbox, or a scrubbed environment only.
Isolation = Literal["bwrap", "none"]

SCHEMA_VERSION = 1
FITNESS_METRIC = "val_ndcg@10"
# What a job that failed before reading its view can say of the dataset.
UNKNOWN_DATASET = {"name": "unknown", "users": 0, "items": 0, "view": "candidate"}


def compose_result(
    worker: dict[str, Any],
    log_tail: str,
    total_seconds: float,
    dataset: dict[str, Any],
    isolation: Isolation | None,
) -> dict[str, Any]:
    """Completes a worker report (or a failure the runner classified) into the contract.

    ``isolation`` is what the program code ran under; None where none ran.
    """
    ok = worker["status"] == "ok"
    metrics: dict[str, float] = worker.get("metrics", {}) if ok else {}
    score = metrics.get(FITNESS_METRIC, math.nan)
    correct = ok and all(math.isfinite(v) for v in metrics.values()) and math.isfinite(score)
    seconds = {"train": 0.0, "perEpoch": 0.0, "evaluate": 0.0, "export": 0.0}
    seconds |= worker.get("seconds", {})
    result: dict[str, Any] = {
        "schemaVersion": SCHEMA_VERSION,
        "status": "ok" if correct else "failed",
        "correct": correct,
        "combinedScore": score if correct else 0.0,
        "metrics": metrics if correct else {},
        "curve": worker.get("curve", []),
        "parameters": worker.get("parameters", 0),
        "epochs": worker.get("epochs", 0),
        "bestEpoch": worker.get("bestEpoch", 0),
        "seconds": {"total": total_seconds, **seconds},
        "device": worker.get("device", "unknown"),
        "dataset": worker.get("dataset", dataset),
    }
    if isolation is not None:
        result["sandbox"] = isolation
    if correct:
        result["artifacts"] = worker["artifacts"]
    else:
        error = worker.get("error") or {"kind": "nan", "message": "non-finite metrics"}
        result["error"] = {**error, "logTail": log_tail}
    return result


def failed_result(kind: str, message: str, log_tail: str) -> dict[str, Any]:
    """The result of a job that failed before its worker could run."""
    worker = {"status": "failed", "error": {"kind": kind, "message": message}}
    return compose_result(worker, log_tail, 0.0, UNKNOWN_DATASET, None)
