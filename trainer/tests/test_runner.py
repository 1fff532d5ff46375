"""Every way a candidate can fail is a result with a status and reason, never a crash."""

import json
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import onnx
import pytest

from conftest import ROOT, TINY_PROGRAM, marked_processes, synthetic
from evolverec_trainer.datasets.views import make_view, write_view
from evolverec_trainer.runner import Limits, UsageError, run_job
from evolverec_trainer.sandbox import JOB_OUT
from evolverec_trainer.training import TrainingBudget

SCHEMA = json.loads((ROOT / "shared" / "schemas" / "evaluation-result.schema.json").read_text())
QUICK = TrainingBudget(max_epochs=2, patience=2)


def run(program, view, out, **kwargs):
    result = run_job(Path(program), Path(view), out, budget=QUICK, device="cpu", **kwargs)
    on_disk = json.loads((out / "metrics.json").read_text())
    jsonschema.validate(on_disk, SCHEMA)
    assert on_disk == result
    return result


def test_a_program_that_keeps_the_contract_trains_scores_and_exports(tiny_view, tmp_path):
    # Act
    result = run(TINY_PROGRAM, tiny_view, tmp_path / "out")
    # Assess
    assert result["status"] == "ok" and result["correct"] is True
    assert result["combinedScore"] == result["metrics"]["val_ndcg@10"]
    assert set(result["metrics"]) == {f"val_{m}@{k}" for m in ("hr", "ndcg") for k in (5, 10, 20)}
    assert [r["epoch"] for r in result["curve"]] == [1, 2]
    graph = onnx.load(str(tmp_path / "out" / "model.onnx")).graph
    # The weight-only tap keeps its name through constant folding.
    assert [o.name for o in graph.output] == ["scores", "seq_repr", "item_embeddings"]


def test_a_model_blind_to_padding_exports_a_dynamic_window(tiny_view, tmp_path):
    # Act: the tiny model averages the items present, whatever padding precedes them
    result = run(TINY_PROGRAM, tiny_view, tmp_path / "out")
    # Assess
    assert result["status"] == "ok"
    graph = onnx.load(str(tmp_path / "out" / "model.onnx")).graph
    assert [d.dim_param for d in graph.input[0].type.tensor_type.shape.dim] == ["batch", "window"]


def test_a_model_whose_scores_hang_on_padding_keeps_its_fixed_window(
    program_from, tiny_view, tmp_path
):
    # Prepare: a mean over the whole window, padding included, changes with the window's length
    program = program_from(
        "(self.item_emb(item_seq) * present).sum(1) / present.sum(1).clamp(min=1)",
        "(self.item_emb(item_seq) * present).mean(1)",
    )
    # Act
    result = run(program, tiny_view, tmp_path / "out")
    # Assess: exported again with the window it was trained with
    assert result["status"] == "ok"
    dims = onnx.load(str(tmp_path / "out" / "model.onnx")).graph.input[0].type.tensor_type.shape.dim
    assert (dims[0].dim_param, dims[1].dim_value) == ("batch", 8)


def test_a_program_that_raises_fails_with_the_line_and_log_tail(program_from, tiny_view, tmp_path):
    program = program_from("return MeanEmbedding(num_items)", "raise RuntimeError('boom')")
    result = run(program, tiny_view, tmp_path / "out")
    assert result["status"] == "failed" and result["correct"] is False
    assert result["error"]["kind"] == "exception"
    assert "RuntimeError: boom (model.py line" in result["error"]["message"]
    assert "Traceback" in result["error"]["logTail"]
    assert result["combinedScore"] == 0.0 and result["metrics"] == {}


def test_a_program_that_breaks_the_contract_is_invalid(program_from, tiny_view, tmp_path):
    program = program_from('TAPS = ("seq_repr", "item_embeddings")', 'TAPS = ("scores",)')
    result = run(program, tiny_view, tmp_path / "out")
    assert result["error"]["kind"] == "invalid_program"


def test_a_program_whose_loss_goes_nan_fails_as_nan(program_from, tiny_view, tmp_path):
    program = program_from(
        "return nn.functional.cross_entropy(scores, (last - 1).clamp(min=0))",
        "return nn.functional.cross_entropy(scores, (last - 1).clamp(min=0)) * float('nan')",
    )
    result = run(program, tiny_view, tmp_path / "out")
    assert result["error"]["kind"] == "nan"
    assert "epoch 1" in result["error"]["message"]


def test_a_program_past_its_time_limit_is_killed(program_from, tiny_view, tmp_path):
    program = program_from(
        "scores = self(item_seq)", "import time; time.sleep(60)\n        scores = self(item_seq)"
    )
    result = run(program, tiny_view, tmp_path / "out", limits=Limits(wall_seconds=4))
    assert result["error"]["kind"] == "timeout"
    assert result["seconds"]["total"] < 30


def test_a_program_past_its_memory_limit_is_killed(program_from, tiny_view, tmp_path):
    program = program_from(
        "scores = self(item_seq)",
        "hog = torch.ones(2_000_000_000, dtype=torch.uint8)\n        scores = self(item_seq)",
    )
    result = run(program, tiny_view, tmp_path / "out", limits=Limits(memory_mb=1200))
    assert result["error"]["kind"] == "memory"


def test_a_worker_that_dies_without_reporting_is_a_failed_result(program_from, tiny_view, tmp_path):
    program = program_from("scores = self(item_seq)", "import os; os._exit(3)")
    result = run(program, tiny_view, tmp_path / "out")
    assert result["error"] == {
        "kind": "exception",
        "message": "the worker exited with code 3",
        "logTail": result["error"]["logTail"],
    }


def test_worker_environment_carries_no_secrets(program_from, tiny_view, tmp_path, monkeypatch):
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "leak")
    monkeypatch.setenv("OPENAI_API_KEY", "leak")
    program = program_from(
        "scores = self(item_seq)",
        "import os\n"
        "        assert not [k for k in os.environ if 'AWS' in k or 'OPENAI' in k], 'leak'\n"
        "        scores = self(item_seq)",
    )
    assert run(program, tiny_view, tmp_path / "out")["status"] == "ok"


def test_a_job_whose_launcher_is_killed_stops_with_its_worker(program_from, tiny_view, tmp_path):
    # A launcher that starts a slow job and dies once the program runs, as a runner killed with
    # SIGKILL does. The program names its process with a token the host finds it by (its pid
    # in the sandbox is not its pid on the host) and says that it runs.
    token = f"evr-{secrets.token_hex(5)}"  # a process name holds 15 characters
    running = tmp_path / "out" / "running"
    program = program_from(
        "scores = self(item_seq)",
        f"import time; open('/proc/self/comm', 'w').write({token!r}); "
        f"open('{JOB_OUT}/running', 'w').close(); time.sleep(60)"
        "\n        scores = self(item_seq)",
    )
    launcher = (
        "import os, subprocess, sys, time\n"
        "job = subprocess.Popen([sys.executable, '-m', 'evolverec_trainer', 'run', '--program', "
        f"{str(program)!r}, '--data', {str(tiny_view)!r}, '--out', {str(tmp_path / 'out')!r}, "
        "'--device', 'cpu'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        f"while not os.path.exists({str(running)!r}): time.sleep(0.1)\n"
        "print(job.pid)\n"
    )
    launched = subprocess.run(
        [sys.executable, "-c", launcher], check=True, timeout=120, capture_output=True, text=True
    )
    job = int(launched.stdout)
    deadline = time.monotonic() + 30
    while (_alive(job) or marked_processes(token)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(job)
    assert marked_processes(token) == []
    assert not (tmp_path / "out" / "metrics.json").exists()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie has exited; only its parent's wait is missing.
    return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"


def test_program_code_is_never_run_on_a_judge_view(tmp_path):
    write_view(make_view(synthetic(), "judge"), tmp_path / "judge")
    with pytest.raises(UsageError, match="only ever receives a candidate view"):
        run_job(TINY_PROGRAM, tmp_path / "judge", tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_cli_exits_non_zero_for_a_failed_candidate(program_from, tiny_view, tmp_path):
    program = program_from("return MeanEmbedding(num_items)", "raise RuntimeError('boom')")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "evolverec_trainer",
            "run",
            "--program",
            str(program),
            "--data",
            str(tiny_view),
            "--out",
            str(tmp_path / "out"),
            "--max-epochs",
            "1",
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert "status failed: RuntimeError: boom" in done.stderr
