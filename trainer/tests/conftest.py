import json
import os
import random
import shutil
import textwrap
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from evolverec_trainer.datasets.interactions import Interactions, Item
from evolverec_trainer.datasets.views import make_view, write_view
from evolverec_trainer.runner import run_job
from evolverec_trainer.training import TrainingBudget

ROOT = Path(__file__).resolve().parents[2]
TINY_PROGRAM = Path(__file__).parent / "programs" / "tiny"
SEED_PROGRAM = ROOT / "programs" / "sasrec"
DATA_DIR = Path(os.environ.get("EVOLVEREC_DATA_DIR", ROOT.parent / "shared" / "data"))
ONE_EPOCH = TrainingBudget(max_epochs=1, patience=1)
RESULT_SCHEMA = json.loads(
    (ROOT / "shared" / "schemas" / "evaluation-result.schema.json").read_text()
)
# Attacks go at the tiny program's top level: they run once, as the worker loads it.
ATTACK_AT = 'TAPS = ("seq_repr", "item_embeddings")'
# Defined in the program before its attack: what each attempt found, as a line of its log.
REPORTER = """
def attempt(what, action):
    try:
        print(f"ATTACK {what}: done {action()!r}", flush=True)
    except Exception as e:
        print(f"ATTACK {what}: refused {type(e).__name__}: {e}", flush=True)
"""


def synthetic(users: int = 40, items: int = 25, length: int = 12, seed: int = 1) -> Interactions:
    rng = random.Random(seed)
    sequences = [[rng.randint(1, items) for _ in range(length)] for _ in range(users)]
    metadata = {i: Item(f"Item {i}", ("Drama",)) for i in range(1, items + 1)}
    return Interactions("synthetic", sequences, items, metadata)


@pytest.fixture
def tiny_view(tmp_path: Path) -> Path:
    folder = tmp_path / "view"
    write_view(make_view(synthetic(), "candidate"), folder)
    return folder


@pytest.fixture
def program_from(tmp_path: Path):
    """A copy of the tiny program with one piece of its source replaced."""

    def make(old: str, new: str) -> Path:
        folder = tmp_path / "program"
        shutil.copytree(TINY_PROGRAM, folder)
        source = (folder / "model.py").read_text()
        assert old in source
        (folder / "model.py").write_text(source.replace(old, new))
        return folder

    return make


def attack(program_from, code: str) -> Path:
    """The tiny program with ``code`` (which may call ``attempt``) at its top level."""
    return program_from(ATTACK_AT, f"{ATTACK_AT}\n{REPORTER}\n{textwrap.dedent(code)}")


def findings(out: Path) -> dict[str, str]:
    """What each attempt of an attack found, by what it attempted."""
    lines = (out / "train.log").read_text().splitlines()
    reports = (line.removeprefix("ATTACK ") for line in lines if line.startswith("ATTACK "))
    return dict(report.split(": ", 1) for report in reports)


def run_one_epoch(program: Path, view: Path, out: Path, **kwargs: Any) -> dict[str, Any]:
    """``run_job`` for one epoch on CPU, its metrics.json checked against the contract."""
    result = run_job(program, view, out, budget=ONE_EPOCH, device="cpu", **kwargs)
    jsonschema.validate(json.loads((out / "metrics.json").read_text()), RESULT_SCHEMA)
    return result


def marked_processes(token: str) -> list[int]:
    """Host pids of the live processes whose command line or name holds ``token``.

    A sandboxed process cannot tell the host its pid (it sees its PID namespace's), so tests
    mark the processes they start with a token and look for it from the host.
    """
    found = []
    for entry in (e for e in Path("/proc").iterdir() if e.name.isdigit()):
        try:
            named = token in (entry / "comm").read_text()
            marked = named or token.encode() in (entry / "cmdline").read_bytes()
            # A zombie has exited; only its parent's wait is missing.
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:  # gone meanwhile
            continue
        if marked and state != "Z":
            found.append(int(entry.name))
    return found


def require_data(name: str) -> Path:
    folder = DATA_DIR / name
    if not folder.exists():
        pytest.fail(f"{folder} missing: set EVOLVEREC_DATA_DIR or run evolverec data get {name}")
    return folder
