"""The seed SASRec through the whole harness on small real data (ml-100k, one epoch)."""

import json

import numpy as np
import onnxruntime as ort
import pytest
import torch

from conftest import SEED_PROGRAM, require_data
from evolverec_trainer.datasets.registry import load_dataset
from evolverec_trainer.datasets.views import make_view, write_view
from evolverec_trainer.runner import run_job
from evolverec_trainer.scoring import score_histories
from evolverec_trainer.training import TrainingBudget
from evolverec_trainer.windows import left_pad


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seed")
    data = load_dataset("ml-100k", require_data("ml-100k").parent)
    write_view(make_view(data, "candidate"), folder / "view")
    result = run_job(
        SEED_PROGRAM,
        folder / "view",
        folder / "out",
        budget=TrainingBudget(max_epochs=1),
        device="cpu",
    )
    return folder, data, result


def test_seed_trains_and_reports_its_own_validation_figures_only(trained):
    _, _, result = trained
    assert result["status"] == "ok", result.get("error")
    assert result["device"] == "cpu" and result["parameters"] > 0
    assert 0 < result["metrics"]["val_hr@20"] <= 1
    assert not [name for name in result["metrics"] if not name.startswith("val_")]


def test_seed_onnx_keeps_every_tap_and_a_dynamic_batch(trained):
    folder, data, _ = trained
    manifest = json.loads((folder / "out" / "model.json").read_text())
    session = ort.InferenceSession(str(folder / "out" / "model.onnx"))
    names = [o.name for o in session.get_outputs()]
    assert (
        names
        == ["scores", "seq_repr", "item_embeddings", "attention"]
        == ["scores", *manifest["taps"]]
    )
    batch = left_pad(data.sequences[:3], manifest["maxLen"]).numpy()
    scores, seq_repr, item_embeddings, attention = session.run(None, {"item_seq": batch})
    assert scores.shape == (3, 1682) and seq_repr.shape[0] == 3
    assert item_embeddings.shape[0] == 1683 and attention.shape == (3, 200)


def test_seed_onnx_scores_a_window_cut_to_the_longest_history_as_the_full_one(trained):
    folder, data, _ = trained
    session = ort.InferenceSession(str(folder / "out" / "model.onnx"))
    histories = sorted(data.sequences, key=len)[:32]
    longest = max(len(h) for h in histories)
    assert longest < 200
    (full,) = session.run(["scores"], {"item_seq": left_pad(histories, 200).numpy()})
    (cut,) = session.run(["scores"], {"item_seq": left_pad(histories, longest).numpy()})
    assert np.max(np.abs(full - cut)) < 1e-4


def test_seed_onnx_matches_pytorch_on_real_users(trained):
    folder, data, _ = trained
    histories = data.sequences[:64]
    reference = np.array(
        score_histories(SEED_PROGRAM, folder / "out" / "checkpoint.pt", 1682, histories)
    )
    session = ort.InferenceSession(str(folder / "out" / "model.onnx"))
    (onnx_scores,) = session.run(["scores"], {"item_seq": left_pad(histories, 200).numpy()})
    assert np.max(np.abs(onnx_scores - reference)) < 1e-4
    assert torch.equal(
        torch.from_numpy(onnx_scores).topk(10).indices, torch.from_numpy(reference).topk(10).indices
    )
