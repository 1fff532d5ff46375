"""ONNX export of a trained program: ``scores`` plus its named taps, checked by onnxruntime."""

import json
import warnings
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import torch
from onnx import helper
from torch import nn

from .windows import left_pad

INPUT_NAME = "item_seq"
MANIFEST_FORMAT = 1
PARITY_TOLERANCE = 1e-4
WINDOW_AXIS = "window"


class ExportError(Exception):
    """The model does not export, or its ONNX form disagrees with PyTorch."""


class _Outputs(nn.Module):
    """Fixes the output order: ``scores`` then the taps, as ONNX outputs are positional."""

    def __init__(self, model: nn.Module, names: tuple[str, ...]) -> None:
        super().__init__()
        self.model = model
        self.names = names

    def forward(self, item_seq: torch.Tensor) -> tuple[torch.Tensor, ...]:
        out = self.model(item_seq)
        missing = [n for n in self.names if n not in out]
        if missing:
            raise ExportError(f"forward() did not return {missing}")
        return tuple(out[n] for n in self.names)


def export_onnx(
    model: nn.Module,
    taps: tuple[str, ...],
    max_len: int,
    num_items: int,
    sample_histories: list[list[int]],
    folder: Path,
) -> dict[str, object]:
    """Writes ``model.onnx`` and ``model.json``; returns the manifest."""
    names = ("scores", *taps)
    wrapper = _Outputs(model.cpu().eval(), names)
    sample = left_pad(sample_histories, max_len)
    with torch.no_grad():
        # Computed before exporting: the exporter may leave the module in another mode.
        expected = [t.float().numpy() for t in wrapper(sample)]
        single = wrapper(sample[:1])
    batch_dependent = {
        name
        for name, a, b in zip(names, expected, single, strict=True)
        if a.ndim > 0 and a.shape[0] == sample.shape[0] and b.shape[0] == 1
    }
    path = folder / "model.onnx"
    # A model whose scores do not depend on how much left padding precedes the history is
    # exported with a dynamic window, so that scoring may cut each batch's window to its longest
    # history; any other keeps the fixed max_len window it was trained with.
    if _export(wrapper, sample, path, names, batch_dependent, dynamic_window=True):
        _restore_output_names(path, names)
        if _window_invariant(path, sample_histories, max_len):
            _check_parity(path, sample, names, expected)
            return _write_manifest(folder, max_len, num_items, taps)
    _export(wrapper, sample, path, names, batch_dependent, dynamic_window=False, required=True)
    _restore_output_names(path, names)
    _check_parity(path, sample, names, expected)
    return _write_manifest(folder, max_len, num_items, taps)


def _export(
    wrapper: nn.Module,
    sample: torch.Tensor,
    path: Path,
    names: tuple[str, ...],
    batch_dependent: set[str],
    dynamic_window: bool,
    required: bool = False,
) -> bool:
    """Exports the graph; False when a dynamic window does not export (a fixed one must)."""
    input_axes = {0: "batch", 1: WINDOW_AXIS} if dynamic_window else {0: "batch"}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                wrapper,
                (sample,),
                str(path),
                input_names=[INPUT_NAME],
                output_names=list(names),
                dynamic_axes={
                    INPUT_NAME: input_axes,
                    **{n: {0: "batch"} for n in names if n in batch_dependent},
                },
                opset_version=17,
                dynamo=False,
            )
    except ExportError:
        raise
    except Exception as e:
        if not required:
            return False
        raise ExportError(f"torch.onnx.export failed: {type(e).__name__}: {e}") from e
    return True


def _window_invariant(path: Path, histories: list[list[int]], max_len: int) -> bool:
    """Whether the graph scores histories cut to half the window the same (within the parity
    tolerance) in a window of that length as in the full one: only the amount of padding
    differs between the two."""
    half = max(1, max_len // 2)
    cut = [h[-half:] for h in histories if h]
    if not cut:
        return False
    try:
        session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        (full,) = session.run(["scores"], {INPUT_NAME: left_pad(cut, max_len).numpy()})
        (short,) = session.run(["scores"], {INPUT_NAME: left_pad(cut, half).numpy()})
    except Exception:  # a graph that cannot run a shorter window is not invariant
        return False
    return full.shape == short.shape and float(np.max(np.abs(full - short))) <= PARITY_TOLERANCE


def _write_manifest(
    folder: Path, max_len: int, num_items: int, taps: tuple[str, ...]
) -> dict[str, object]:
    manifest = {
        "format": MANIFEST_FORMAT,
        "input": INPUT_NAME,
        "maxLen": max_len,
        "numItems": num_items,
        "scores": "scores",
        "taps": list(taps),
    }
    (folder / "model.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def _restore_output_names(path: Path, names: tuple[str, ...]) -> None:
    """Constant folding turns an output that is just a weight into an initializer with a
    generated name; route every such output through an Identity named as the program said."""
    graph_model = onnx.load(str(path))
    graph = graph_model.graph
    for output, wanted in zip(graph.output, names, strict=True):
        if output.name != wanted:
            graph.node.append(helper.make_node("Identity", [output.name], [wanted]))
            output.name = wanted
    onnx.checker.check_model(graph_model)
    onnx.save(graph_model, str(path))


def _check_parity(
    path: Path, sample: torch.Tensor, names: tuple[str, ...], expected: list[np.ndarray]
) -> None:
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    got = session.run(list(names), {INPUT_NAME: sample.numpy()})
    for name, want, actual in zip(names, expected, got, strict=True):
        if want.shape != actual.shape:
            raise ExportError(
                f"ONNX output '{name}' has shape {actual.shape}, PyTorch {want.shape}"
            )
        gap = float(np.max(np.abs(want - actual))) if actual.size else 0.0
        if not gap <= PARITY_TOLERANCE:
            raise ExportError(f"ONNX output '{name}' differs from PyTorch by {gap:.2e}")
