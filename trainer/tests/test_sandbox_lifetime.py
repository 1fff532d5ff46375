"""A job's processes end with it and count against its memory, however they were started."""

import secrets
import signal
import subprocess
import sys
import time

from conftest import attack, marked_processes, run_one_epoch
from evolverec_trainer.runner import Limits
from evolverec_trainer.sandbox import JOB_OUT


def _children_attack(token: str, then: str) -> str:
    """Starts a setsid child and a double-forked one that sleep for minutes, then ``then``."""
    child = f"import sys, time; open('{JOB_OUT}/' + sys.argv[1], 'w').close(); time.sleep(600)"
    return f"""
    import os, subprocess, sys, time
    subprocess.Popen([sys.executable, "-c", {child!r}, "{token}-setsid"], start_new_session=True)
    middle = os.fork()
    if middle == 0:
        if os.fork() == 0:
            os.setsid()
            os.execv(sys.executable, [sys.executable, "-c", {child!r}, "{token}-orphan"])
        os._exit(0)
    os.waitpid(middle, 0)
    deadline = time.monotonic() + 30
    while not all(os.path.exists(f"{JOB_OUT}/{token}-{{k}}") for k in ("setsid", "orphan")):
        assert time.monotonic() < deadline, "the children did not start"
        time.sleep(0.05)
    {then}
    """


def test_children_die_with_a_job_past_its_time_limit(program_from, tiny_view, tmp_path):
    # Prepare: children that hold the log pipe open, and a program that never ends.
    token = f"evr-{secrets.token_hex(6)}"
    program = attack(program_from, _children_attack(token, "time.sleep(600)"))
    limit = 12.0
    # Act
    started = time.monotonic()
    result = run_one_epoch(program, tiny_view, tmp_path / "out", limits=Limits(wall_seconds=limit))
    returned_after = time.monotonic() - started
    # Assess
    assert result["error"]["kind"] == "timeout"
    assert returned_after < limit + 5
    assert {p.name for p in (tmp_path / "out").glob(f"{token}-*")} == {
        f"{token}-setsid",
        f"{token}-orphan",
    }
    assert marked_processes(token) == []


def test_children_die_with_a_job_that_ends_by_itself(program_from, tiny_view, tmp_path):
    token = f"evr-{secrets.token_hex(6)}"
    program = attack(program_from, _children_attack(token, "pass"))
    started = time.monotonic()
    result = run_one_epoch(program, tiny_view, tmp_path / "out")
    assert result["status"] == "ok"
    assert time.monotonic() - started < 120  # not the children's 600 s
    assert len(list((tmp_path / "out").glob(f"{token}-*"))) == 2
    assert marked_processes(token) == []


def test_a_runner_killed_outright_takes_its_sandbox_along(program_from, tiny_view, tmp_path):
    # Prepare: a program that names its process, says it runs, and never ends.
    token = f"evr-{secrets.token_hex(5)}"  # a process name holds 15 characters
    program = attack(
        program_from,
        f"""
        import time
        open("/proc/self/comm", "w").write("{token}")
        open("{JOB_OUT}/running", "w").close()
        time.sleep(600)
        """,
    )
    command = [sys.executable, "-m", "evolverec_trainer", "run", "--program", str(program)]
    command += ["--data", str(tiny_view), "--out", str(tmp_path / "out"), "--device", "cpu"]
    runner = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not (tmp_path / "out" / "running").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    alive_before = marked_processes(token)
    # Act
    runner.send_signal(signal.SIGKILL)
    runner.wait()
    deadline = time.monotonic() + 10
    while marked_processes(token) and time.monotonic() < deadline:
        time.sleep(0.1)
    # Assess
    assert len(alive_before) == 1
    assert marked_processes(token) == []


def test_memory_of_every_process_in_the_sandbox_counts(program_from, tiny_view, tmp_path):
    # A child holds the memory, not the worker whose RSS the runner measured alone before.
    hog = "import time; held = b'x' * 1_500_000_000; time.sleep(600)"
    program = attack(
        program_from,
        f"import subprocess, sys, time\nsubprocess.Popen([sys.executable, '-c', {hog!r}])\n"
        "time.sleep(600)",
    )
    limits = Limits(wall_seconds=60, memory_mb=1200)
    result = run_one_epoch(program, tiny_view, tmp_path / "out", limits=limits)
    assert result["error"]["kind"] == "memory"


def test_files_in_the_sandboxs_tmpfs_count_as_memory(program_from, tiny_view, tmp_path):
    # /tmp is RAM inside the sandbox: 1 GB there is in no process's RSS.
    program = attack(
        program_from,
        """
        import time
        try:
            with open("/tmp/fill", "wb") as f:
                for _ in range(100):
                    f.write(bytes(10_000_000))
        except OSError:  # the tmpfs is as large as the memory limit
            pass
        time.sleep(600)
        """,
    )
    result = run_one_epoch(
        program, tiny_view, tmp_path / "out", limits=Limits(wall_seconds=60, memory_mb=900)
    )
    assert result["error"]["kind"] == "memory"
