"""A training job as the step that submits it describes it (``job.json``).

The contract is ``shared/schemas/training-job.schema.json``, generated from the zod schema the
steps write with; this module reads the same shape strictly, without third-party packages.
"""

import json
import re
from dataclasses import dataclass
from typing import Any

from .training import TrainingBudget

JOB_FORMAT = 1
# A relative path inside the program folder: no absolute paths, no '..', no empty segments.
_RELATIVE_PATH = re.compile(r"^(?!.*(^|/)\.\.?(/|$))[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$")
VIEW_FILES = frozenset({"dataset.json", "splits.tsv", "items.tsv"})
OUTPUT_FILES = frozenset({"metrics.json", "train.log", "model.onnx", "model.json", "checkpoint.pt"})


class JobSpecError(ValueError):
    """``job.json`` does not keep the contract."""


@dataclass(frozen=True)
class JobSpec:
    name: str
    program: dict[str, str]
    data: dict[str, str]
    outputs: dict[str, str]
    budget: TrainingBudget
    wall_seconds: float
    memory_mb: int
    seed: int


def parse_job_spec(text: str) -> JobSpec:
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as e:
        raise JobSpecError(f"job.json is not JSON: {e}") from e
    fields = _object(raw, "job", {"format", "name", "program", "data", "outputs", "budget", "seed"})
    if fields["format"] != JOB_FORMAT:
        raise JobSpecError(f"job.json format {fields['format']!r} is not {JOB_FORMAT}")
    program = _urls(fields["program"], "program")
    if not program or not all(_RELATIVE_PATH.match(path) for path in program):
        raise JobSpecError("program: file names must be relative paths inside the program")
    data = _urls(fields["data"], "data")
    if set(data) != VIEW_FILES:
        raise JobSpecError(f"data: needs exactly {sorted(VIEW_FILES)}")
    outputs = _urls(fields["outputs"], "outputs")
    if not set(outputs) <= OUTPUT_FILES or "metrics.json" not in outputs:
        raise JobSpecError(f"outputs: names must be among {sorted(OUTPUT_FILES)}, metrics.json too")
    budget = _object(
        fields["budget"],
        "budget",
        {"maxEpochs", "patience", "evalEvery", "timeLimitSeconds", "memoryLimitMb"},
        optional={"trainSeconds"},
    )
    return JobSpec(
        name=_text(fields["name"], "name"),
        program=program,
        data=data,
        outputs=outputs,
        budget=TrainingBudget(
            max_epochs=_positive(budget["maxEpochs"], "budget.maxEpochs"),
            patience=_positive(budget["patience"], "budget.patience"),
            eval_every=_positive(budget["evalEvery"], "budget.evalEvery"),
            train_seconds=budget.get("trainSeconds"),
        ),
        wall_seconds=float(_positive(budget["timeLimitSeconds"], "budget.timeLimitSeconds")),
        memory_mb=_positive(budget["memoryLimitMb"], "budget.memoryLimitMb"),
        seed=_integer(fields["seed"], "seed"),
    )


def _object(
    value: Any, where: str, required: set[str], optional: frozenset[str] | set[str] = frozenset()
) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise JobSpecError(f"{where}: must be an object")
    missing, unknown = required - value.keys(), value.keys() - required - optional
    if missing or unknown:
        raise JobSpecError(f"{where}: missing {sorted(missing)}, unknown {sorted(unknown)}")
    return value


def _urls(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
        isinstance(url, str) and url.startswith(("https://", "http://")) for url in value.values()
    ):
        raise JobSpecError(f"{where}: must map file names to http(s) URLs")
    return dict(value)


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise JobSpecError(f"{where}: must be a non-empty string")
    return value


def _integer(value: Any, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise JobSpecError(f"{where}: must be an integer")
    return value


def _positive(value: Any, where: str) -> int:
    number = _integer(value, where)
    if number < 1:
        raise JobSpecError(f"{where}: must be at least 1")
    return number
