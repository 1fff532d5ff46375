"""Loading a candidate program and checking it keeps the harness's contract."""

import importlib.util
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from torch import nn

RESERVED_OUTPUTS = ("scores",)


class ProgramError(Exception):
    """The program does not keep the contract (missing names, wrong types)."""


@dataclass(frozen=True)
class Program:
    max_len: int
    batch_size: int
    taps: tuple[str, ...]
    build_model: Callable[[int], nn.Module]
    build_optimizer: Callable[[nn.Module], Any]


def load_program(folder: Path) -> Program:
    """Imports ``folder/model.py``; its own exceptions propagate as they are."""
    path = folder / "model.py"
    if not path.is_file():
        raise ProgramError(f"{path}: not found")
    module = _import(path)
    hparams = getattr(module, "HPARAMS", None)
    if not isinstance(hparams, dict):
        raise ProgramError("model.py must define HPARAMS as a dict")
    for key in ("max_len", "batch_size"):
        if not isinstance(hparams.get(key), int) or hparams[key] < 1:
            raise ProgramError(f"HPARAMS['{key}'] must be a positive int")
    taps = getattr(module, "TAPS", ())
    if not isinstance(taps, tuple | list) or not all(
        isinstance(t, str) and t.isidentifier() for t in taps
    ):
        raise ProgramError("TAPS must be a tuple of identifier strings")
    if len(set(taps)) != len(taps) or set(taps) & set(RESERVED_OUTPUTS):
        raise ProgramError("TAPS must be unique and must not name 'scores'")
    for name in ("build_model", "build_optimizer"):
        if not callable(getattr(module, name, None)):
            raise ProgramError(f"model.py must define {name}()")
    return Program(
        hparams["max_len"],
        hparams["batch_size"],
        tuple(taps),
        module.build_model,
        module.build_optimizer,
    )


def _import(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("evolverec_candidate", path)
    if spec is None or spec.loader is None:
        raise ProgramError(f"{path}: cannot be imported")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
