"""A submitted job: job.json read strictly, inputs and outputs through presigned URLs only."""

import json

import boto3
import pytest
from botocore.config import Config
from moto.server import ThreadedMotoServer

from conftest import TINY_PROGRAM
from evolverec_trainer.job import JobSpecError, parse_job_spec
from evolverec_trainer.runner import run_job_spec

BUCKET = "results"


@pytest.fixture
def s3(monkeypatch):
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    client = boto3.client(
        "s3",
        endpoint_url=f"http://{host}:{port}",
        aws_access_key_id="test",
        aws_secret_access_key="test",
        region_name="us-east-1",
        # Signature V4, as the steps sign: only the host is signed, so any body type is accepted.
        config=Config(signature_version="s3v4"),
    )
    client.create_bucket(Bucket=BUCKET)
    yield client
    server.stop()


def _spec(s3, program: dict[str, str], view: str, out: str, **budget: int) -> dict:
    def url(method: str, key: str) -> str:
        return s3.generate_presigned_url(
            method, Params={"Bucket": BUCKET, "Key": key}, ExpiresIn=600
        )

    return {
        "format": 1,
        "name": "run-1-p1-a1",
        "program": {name: url("get_object", key) for name, key in program.items()},
        "data": {
            n: url("get_object", f"{view}{n}") for n in ("dataset.json", "splits.tsv", "items.tsv")
        },
        "outputs": {
            n: url("put_object", f"{out}{n}")
            for n in ("metrics.json", "train.log", "model.onnx", "model.json", "checkpoint.pt")
        },
        "budget": {
            "maxEpochs": 1,
            "patience": 1,
            "evalEvery": 1,
            "timeLimitSeconds": 600,
            "memoryLimitMb": 8192,
            **budget,
        },
        "seed": 0,
    }


def _put_folder(s3, folder, prefix: str) -> dict[str, str]:
    keys = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix != ".pyc"):
        relative = path.relative_to(folder).as_posix()
        s3.put_object(Bucket=BUCKET, Key=f"{prefix}{relative}", Body=path.read_bytes())
        keys[relative] = f"{prefix}{relative}"
    return keys


def _keys(s3, prefix: str) -> set[str]:
    listed = s3.list_objects_v2(Bucket=BUCKET, Prefix=prefix).get("Contents", [])
    return {o["Key"][len(prefix) :] for o in listed}


def test_a_job_reads_and_writes_through_its_presigned_urls_only(s3, tiny_view):
    # Prepare
    program = _put_folder(s3, TINY_PROGRAM, "work/r/p1/a1/program/")
    _put_folder(s3, tiny_view, "datasets/synthetic/candidate/")
    spec = parse_job_spec(json.dumps(_spec(s3, program, "datasets/synthetic/candidate/", "o/")))
    # Act
    result = run_job_spec(spec, device="cpu")
    # Assess
    assert result["status"] == "ok", result.get("error")
    assert _keys(s3, "o/") == {
        "metrics.json",
        "train.log",
        "model.onnx",
        "model.json",
        "checkpoint.pt",
    }
    body = s3.get_object(Bucket=BUCKET, Key="o/metrics.json")["Body"].read()
    assert json.loads(body) == result


def test_inputs_that_cannot_be_fetched_leave_a_failed_result_saying_why(s3, tiny_view):
    # Prepare: the program's URL names an object that is not there.
    raw = _spec(s3, {"model.py": "work/none/model.py"}, "datasets/none/", "failed/")
    # Act
    result = run_job_spec(parse_job_spec(json.dumps(raw)), device="cpu")
    # Assess
    assert result["status"] == "failed" and result["error"]["kind"] == "internal"
    assert "job inputs could not be fetched" in result["error"]["message"]
    assert "HTTP 404" in result["error"]["message"]
    assert _keys(s3, "failed/") == {"metrics.json"}


def test_a_job_whose_sandbox_cannot_start_leaves_a_failed_result_saying_why(
    s3, tiny_view, tmp_path
):
    # Prepare: inputs that are there, and no bubblewrap at the path the job looks for it.
    program = _put_folder(s3, TINY_PROGRAM, "work/r/p1/a1/program/")
    _put_folder(s3, tiny_view, "datasets/synthetic/candidate/")
    raw = _spec(s3, program, "datasets/synthetic/candidate/", "unsandboxed/")
    # Act
    result = run_job_spec(parse_job_spec(json.dumps(raw)), device="cpu", bwrap=str(tmp_path / "x"))
    # Assess
    assert result["error"]["kind"] == "internal"
    assert "program code was not run" in result["error"]["message"]
    assert "install bubblewrap" in result["error"]["message"]
    assert _keys(s3, "unsandboxed/") == {"metrics.json"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda raw: raw["program"].update({"../escape.py": "https://x/y"}), "relative paths"),
        (lambda raw: raw["program"].update({"/etc/passwd": "https://x/y"}), "relative paths"),
        (lambda raw: raw["outputs"].update({"anything.bin": "https://x/y"}), "outputs"),
        (lambda raw: raw["data"].pop("splits.tsv"), "data"),
        (lambda raw: raw["data"].update({"items.tsv": "file:///etc/passwd"}), "http"),
        (lambda raw: raw["budget"].update({"maxEpochs": 0}), "budget.maxEpochs"),
        (lambda raw: raw.update({"extra": 1}), "unknown"),
    ],
)
def test_a_job_spec_out_of_contract_is_refused(s3, change, message):
    raw = _spec(s3, {"model.py": "k"}, "v/", "o/")
    change(raw)
    with pytest.raises(JobSpecError, match=message):
        parse_job_spec(json.dumps(raw))
