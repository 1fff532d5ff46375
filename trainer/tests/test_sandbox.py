"""Program code that tries to reach what is not its own: each attack runs through the harness.

Each program is the tiny one with an attack at its top level (``conftest.attack``); it reports
what it found as ``ATTACK <what>: <outcome>`` lines in its log.
"""

import io
import json
import os
import secrets
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import evolverec_trainer
from conftest import ROOT, TINY_PROGRAM, attack, findings, run_one_epoch, synthetic
from evolverec_trainer.datasets.views import make_view, write_view
from evolverec_trainer.job import VIEW_FILES
from evolverec_trainer.runner import Limits, run_job
from evolverec_trainer.sandbox import (
    JOB_DATA,
    JOB_HARNESS,
    JOB_OUT,
    JOB_PROGRAM,
    SandboxUnavailableError,
)


def run_cli(program: Path, view: Path, out: Path, env: dict[str, str], *flags: str):
    command = [sys.executable, "-m", "evolverec_trainer", "run", "--program", str(program)]
    command += ["--data", str(view), "--out", str(out), "--max-epochs", "1", "--device", "cpu"]
    return subprocess.run([*command, *flags], env=env, capture_output=True, text=True, timeout=300)


PARENT_ENVIRON_ATTACK = """
import os
attempt("parent environ", lambda: open(f"/proc/{os.getppid()}/environ", "rb").read())
"""
# Every process in sight too: in the sandbox, only its own.
SECRETS_ATTACK = f"""{PARENT_ENVIRON_ATTACK}
attempt("visible pids", lambda: sorted(int(p) for p in os.listdir("/proc") if p.isdigit()))
for pid in [p for p in os.listdir("/proc") if p.isdigit()]:
    attempt(f"environ of {{pid}}", lambda: open(f"/proc/{{pid}}/environ", "rb").read())
"""


@pytest.fixture
def canary_env(monkeypatch) -> dict[str, str]:
    """The launcher's environment with cloud and LLM secrets in it."""
    monkeypatch.setenv("OPENAI_API_KEY", f"sk-canary-{secrets.token_hex(8)}")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", f"aws-canary-{secrets.token_hex(8)}")
    return dict(os.environ)


def test_program_code_cannot_read_the_launchers_secrets_through_proc(
    program_from, tiny_view, tmp_path, canary_env
):
    # Prepare: the job runs as its own process, which holds the secrets since its start.
    program = attack(program_from, SECRETS_ATTACK)
    # Act
    done = run_cli(program, tiny_view, tmp_path / "out", canary_env)
    # Assess
    assert done.returncode == 0, done.stderr
    found = findings(tmp_path / "out")
    assert found["visible pids"] == "done [1, 2]"  # the sandbox's init and the worker, no more
    assert found["parent environ"].startswith("done b'")  # read, and scrubbed:
    outputs = (tmp_path / "out" / "train.log").read_text()
    outputs += (tmp_path / "out" / "metrics.json").read_text()
    for secret in (canary_env["OPENAI_API_KEY"], canary_env["AWS_SECRET_ACCESS_KEY"]):
        assert secret not in outputs
    assert json.loads((tmp_path / "out" / "metrics.json").read_text())["sandbox"] == "bwrap"


def test_without_a_sandbox_the_same_attack_reads_the_launchers_secrets(
    program_from, tiny_view, tmp_path, canary_env
):
    # The attack is real: unsandboxed, the worker's parent is the launcher itself.
    program = attack(program_from, PARENT_ENVIRON_ATTACK)
    done = run_cli(program, tiny_view, tmp_path / "out", canary_env, "--sandbox", "off")
    assert done.returncode == 0, done.stderr
    assert canary_env["OPENAI_API_KEY"] in findings(tmp_path / "out")["parent environ"]
    assert json.loads((tmp_path / "out" / "metrics.json").read_text())["sandbox"] == "none"


def test_program_code_has_no_route_to_host_loopback_or_the_internet(
    program_from, tiny_view, tmp_path
):
    # Prepare: a server on the host's loopback, as the CLI's embedded S3 and DynamoDB are.
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        program = attack(
            program_from,
            f"""
            import socket
            attempt("interfaces", socket.if_nameindex)
            attempt("host loopback", lambda: socket.create_connection(("127.0.0.1", {port}), 3))
            attempt("public address", lambda: socket.create_connection(("1.1.1.1", 443), 3))
            """,
        )
        # Act
        result = run_one_epoch(program, tiny_view, tmp_path / "out")
        # Assess
        server.setblocking(False)
        with pytest.raises(BlockingIOError):
            server.accept()
    assert result["status"] == "ok"
    found = findings(tmp_path / "out")
    assert found["interfaces"] == "done [(1, 'lo')]"
    assert found["host loopback"].startswith("refused ConnectionRefusedError")
    assert found["public address"] == "refused OSError: [Errno 101] Network is unreachable"


def _snapshot(*folders: Path) -> dict[Path, bytes]:
    # Bytecode caches aside: the host side of the harness may write them meanwhile.
    files = (p for f in folders for p in f.rglob("*") if "__pycache__" not in p.parts)
    return {p: p.read_bytes() for p in sorted(files) if p.is_file()}


def test_program_code_writes_only_its_output_folder(program_from, tiny_view, tmp_path):
    # Prepare: files to change, and new files to plant, each harmless if the attack succeeded.
    watched = tmp_path / "watched" / "other-run.json"
    watched.parent.mkdir()
    watched.write_text("another run's result")
    harness = Path(evolverec_trainer.__file__).parent
    token = secrets.token_hex(4)
    planted = [
        Path(f"/evolverec-planted-{token}"),
        Path(f"/etc/evolverec-planted-{token}"),
        Path(sys.prefix) / f"evolverec-planted-{token}.pth",
        harness / f"planted_{token}.py",
    ]
    changed = {
        "watched file": watched,
        "host program": tmp_path / "program" / "model.py",
        "program": f"{JOB_PROGRAM}/model.py",
        "data": f"{JOB_DATA}/splits.tsv",
        "host view": tiny_view / "splits.tsv",
    }
    created = {
        "new file in program": f"{JOB_PROGRAM}/extra.py",
        "new file in data": f"{JOB_DATA}/extra.tsv",
        "new file in harness": f"{JOB_HARNESS}/evolverec_trainer/planted_{token}.py",
        **{f"new file at {path}": path for path in planted},
    }
    code = "".join(
        f"attempt({'write ' + what!r}, lambda: open({str(path)!r}, {mode!r}).write('tampered'))\n"
        for targets, mode in ((changed, "a"), (created, "x"))
        for what, path in targets.items()
    )
    code += f"attempt('write out', lambda: open('{JOB_OUT}/allowed.txt', 'w').write('ours'))\n"
    program = attack(program_from, code)
    before = _snapshot(watched.parent, program, tiny_view, harness)
    # Act
    try:
        result = run_one_epoch(program, tiny_view, tmp_path / "out")
    finally:
        planted_on_host = [path for path in planted if path.exists()]
        for path in planted_on_host:
            path.unlink()
    # Assess
    assert result["status"] == "ok"
    found = findings(tmp_path / "out")
    attempts = [f"write {what}" for what in [*changed, *created]]
    assert sorted(attempts) == sorted(k for k in found if k != "write out")
    assert all(found[attempt].startswith("refused") for attempt in attempts), found
    assert found["write out"] == "done 4"
    assert (tmp_path / "out" / "allowed.txt").read_text() == "ours"
    assert _snapshot(watched.parent, program, tiny_view, harness) == before
    assert planted_on_host == []


def test_what_program_code_leaves_in_its_output_cannot_turn_the_runner_on_the_host(
    program_from, tiny_view, tmp_path
):
    # Prepare: links for the runner to write metrics.json through and to upload a host file
    # by, a FIFO for it to block on as it reads the worker's report, a setuid file; then the
    # worker dies without reporting, so the runner reads and writes that folder.
    victim = tmp_path / "victim.txt"
    victim.write_text("a host file")
    program = attack(
        program_from,
        f"""
        import os
        os.symlink({str(victim)!r}, "{JOB_OUT}/metrics.json")
        os.symlink("/etc/shadow", "{JOB_OUT}/model.onnx")
        os.mkfifo("{JOB_OUT}/worker.json")
        os.mkdir("{JOB_OUT}/nested")
        os.symlink("/", "{JOB_OUT}/nested/root")
        with open("{JOB_OUT}/checkpoint.pt", "w") as f:
            f.write("#!/bin/sh")
        os.chmod("{JOB_OUT}/checkpoint.pt", 0o6755)
        os._exit(0)
        """,
    )
    # Act
    result = run_one_epoch(program, tiny_view, tmp_path / "out", limits=Limits(wall_seconds=60))
    # Assess
    assert result["error"]["message"] == "the worker exited with code 0"
    assert victim.read_text() == "a host file"
    out = tmp_path / "out"
    assert sorted(p.name for p in out.rglob("*")) == [
        "checkpoint.pt",
        "metrics.json",
        "nested",
        "train.log",
    ]
    assert all(p.is_dir() or (p.is_file() and not p.is_symlink()) for p in out.rglob("*"))
    assert (out / "checkpoint.pt").stat().st_mode & 0o7777 == 0o755


def test_program_code_reads_nothing_but_its_view_and_program(program_from, tmp_path):
    # Prepare: the local state dir's layout, a judge view beside the candidate view, a file
    # beside the view's files, and one in the user's home.
    datasets = tmp_path / ".evolverec" / "datasets" / "synthetic"
    write_view(make_view(synthetic(), "candidate"), datasets / "candidate")
    write_view(make_view(synthetic(), "judge"), datasets / "judge")
    canary = f"canary-{secrets.token_hex(8)}"
    (datasets / "judge" / "secret.txt").write_text(canary)
    (datasets / "candidate" / "secret.txt").write_text(canary)
    home_canary = Path.home() / f".evolverec-canary-{secrets.token_hex(4)}"
    home_canary.write_text(canary)
    sources = {
        "judge view": datasets / "judge" / "secret.txt",
        "judge splits": datasets / "judge" / "splits.tsv",
        "file beside the view's files": f"{JOB_DATA}/secret.txt",
        "judge through the view": f"{JOB_DATA}/../judge/secret.txt",
        "home": home_canary,
        "repository": ROOT / "README.md",
    }
    code = "import os\n" + "".join(
        f"attempt({'read ' + what!r}, lambda: open({str(path)!r}).read())\n"
        for what, path in sources.items()
    )
    code += f"attempt('list data', lambda: sorted(os.listdir({JOB_DATA!r})))\n"
    program = attack(program_from, code)
    # Act
    try:
        result = run_one_epoch(program, datasets / "candidate", tmp_path / "out")
    finally:
        home_canary.unlink()
    # Assess
    assert result["status"] == "ok"
    found = findings(tmp_path / "out")
    assert all(found[f"read {w}"].startswith("refused FileNotFoundError") for w in sources), found
    assert found["list data"] == f"done {sorted(VIEW_FILES)!r}"
    assert canary not in (tmp_path / "out" / "train.log").read_text()


def test_a_required_sandbox_that_cannot_start_runs_no_program_code(tiny_view, tmp_path):
    with pytest.raises(SandboxUnavailableError, match=r"not installed.*install bubblewrap"):
        run_job(TINY_PROGRAM, tiny_view, tmp_path / "out", bwrap=str(tmp_path / "no-bwrap"))
    assert not (tmp_path / "out").exists()


def test_a_bwrap_refused_its_namespaces_is_no_sandbox(tiny_view, tmp_path):
    refusing = tmp_path / "bwrap"
    refusing.write_text(
        "#!/bin/sh\necho 'bwrap: setting up uid map: Permission denied' >&2\nexit 1\n"
    )
    refusing.chmod(0o755)
    with pytest.raises(SandboxUnavailableError, match="setting up uid map: Permission denied"):
        run_job(TINY_PROGRAM, tiny_view, tmp_path / "out", bwrap=str(refusing))


def test_if_available_runs_unsandboxed_where_no_sandbox_starts_and_says_so(tiny_view, tmp_path):
    progress = io.StringIO()
    result = run_one_epoch(
        TINY_PROGRAM,
        tiny_view,
        tmp_path / "out",
        sandbox="if-available",
        bwrap=str(tmp_path / "no-bwrap"),
        progress=progress,
    )
    assert result["status"] == "ok" and result["sandbox"] == "none"
    assert "WITHOUT a sandbox" in progress.getvalue()


def test_cli_refuses_to_run_program_code_without_a_sandbox(tiny_view, tmp_path):
    # No bwrap on this PATH.
    done = run_cli(TINY_PROGRAM, tiny_view, tmp_path / "out", {"PATH": str(tmp_path)})
    assert done.returncode == 2
    assert "install bubblewrap" in done.stderr
    assert not (tmp_path / "out").exists()
