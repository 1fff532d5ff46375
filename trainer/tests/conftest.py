import os
import random
import shutil
from pathlib import Path

import pytest

from evolverec_trainer.datasets.interactions import Interactions, Item
from evolverec_trainer.datasets.views import make_view, write_view

ROOT = Path(__file__).resolve().parents[2]
TINY_PROGRAM = Path(__file__).parent / "programs" / "tiny"
SEED_PROGRAM = ROOT / "programs" / "sasrec"
DATA_DIR = Path(os.environ.get("EVOLVEREC_DATA_DIR", ROOT.parent / "shared" / "data"))


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


def require_data(name: str) -> Path:
    folder = DATA_DIR / name
    if not folder.exists():
        pytest.fail(f"{folder} missing: set EVOLVEREC_DATA_DIR or run evolverec data get {name}")
    return folder
