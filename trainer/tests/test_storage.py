"""A job whose inputs and outputs are s3:// URIs, against a real S3-protocol server on loopback."""

import json

import boto3
import pytest
from moto.server import ThreadedMotoServer

from conftest import TINY_PROGRAM
from evolverec_trainer.runner import run_job
from evolverec_trainer.storage import publish_folder
from evolverec_trainer.training import TrainingBudget


@pytest.fixture
def s3(monkeypatch):
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    monkeypatch.setenv("AWS_ENDPOINT_URL", f"http://{host}:{port}")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    client = boto3.client("s3")
    client.create_bucket(Bucket="results")
    yield client
    server.stop()


def test_job_reads_inputs_from_and_writes_outputs_to_s3(s3, tiny_view):
    # Prepare
    publish_folder(TINY_PROGRAM, "s3://results/run-1/programs/p1")
    publish_folder(tiny_view, "s3://results/run-1/data/candidate")
    # Act
    result = run_job(
        "s3://results/run-1/programs/p1",
        "s3://results/run-1/data/candidate",
        "s3://results/run-1/candidates/p1",
        budget=TrainingBudget(max_epochs=1),
        device="cpu",
    )
    # Assess
    keys = {
        o["Key"]
        for o in s3.list_objects_v2(Bucket="results", Prefix="run-1/candidates/")["Contents"]
    }
    assert {
        f"run-1/candidates/p1/{n}"
        for n in ("metrics.json", "model.onnx", "model.json", "checkpoint.pt", "train.log")
    } <= keys
    body = s3.get_object(Bucket="results", Key="run-1/candidates/p1/metrics.json")["Body"].read()
    assert json.loads(body) == result and result["status"] == "ok"


def test_a_missing_input_prefix_is_a_clear_error(s3, tmp_path):
    with pytest.raises(FileNotFoundError, match="no objects"):
        run_job("s3://results/nothing", "s3://results/nothing", str(tmp_path))
