"""The worker as a process the runner can watch, measure and kill whole, bare or sandboxed.

Bare, the worker leads a process group of its own: the runner measures the worker's RSS and
kills the group (a ``setsid`` child escapes both). Sandboxed, the worker runs in bwrap's PID
namespace: the runner kills the namespace's init, and the kernel kills every other process in
the namespace before that init is gone, so once it is, nothing of the job is left to hold the
log pipe open.

A sandbox's memory is the RSS of every process in its PID namespace (found from the host by the
namespace's inode) plus what its tmpfs mounts hold, which is RAM in no process's RSS. A cgroup
would count shared pages once and have the kernel enforce the limit, but few machines that run
jobs let the runner create one (CI runners, containers without cgroup delegation); the sum over
processes counts a page that two processes share twice, which errs towards the limit.
"""

import contextlib
import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import IO, Any

from .sandbox import (
    JOB_CONFIG,
    JOB_HARNESS,
    TMPFS_MOUNTS,
    JobMounts,
    Sandbox,
    SandboxUnavailableError,
    bwrap_command,
    sandbox_python,
    sandboxed_config,
    write_identity,
)
from .worker import WorkerConfig

# Only what Python, PyTorch and CUDA need: never AWS_*, OPENAI_* or other secrets.
PASSED_ENV = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "LD_LIBRARY_PATH", "PYTHONHASHSEED")
PASSED_ENV_PREFIXES = ("CUDA_", "NVIDIA_", "OMP_", "MKL_", "OPENBLAS_")
SANDBOX_START_SECONDS = 60.0
# A process in uninterruptible sleep (a hung driver call) can outlast SIGKILL for a while.
KILL_WAIT_SECONDS = 60.0
# bwrap's init exits with 128 + N when the worker dies of signal N.
SIGNAL_EXIT_BASE = 128


class WorkerProcess:
    """A worker started bare: its own process group, its own RSS."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process

    @property
    def stdout(self) -> IO[str]:
        assert self.process.stdout is not None
        return self.process.stdout

    @property
    def returncode(self) -> int:
        """As ``Popen.returncode``: negative for a death by signal."""
        assert self.process.returncode is not None
        return self.process.returncode

    def poll(self) -> int | None:
        return self.process.poll()

    def memory_mb(self) -> float:
        return _rss_kb(self.process.pid) / 1024

    def kill(self) -> None:
        """Kills the worker and its process group; returns once the worker is reaped."""
        _kill_group(self.process.pid)
        self.process.wait()

    def close(self) -> None:
        if self.process.poll() is None:
            self.kill()

    def __enter__(self) -> "WorkerProcess":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class SandboxedWorker(WorkerProcess):
    """A worker in a bwrap sandbox: every process of its PID namespace counts and dies with it."""

    def __init__(self, process: subprocess.Popen[str], init_pid: int, pid_namespace: int) -> None:
        super().__init__(process)
        self.init_pid, self.pid_namespace = init_pid, pid_namespace
        self.tmpfs_fds: list[int] = []
        try:
            self.init_pidfd: int | None = os.pidfd_open(init_pid)
        except ProcessLookupError:  # the job already ended, its namespace with it
            self.init_pidfd = None

    @property
    def returncode(self) -> int:
        code = super().returncode
        return SIGNAL_EXIT_BASE - code if code > SIGNAL_EXIT_BASE else code

    def memory_mb(self) -> float:
        pids = _pids_in_namespace(self.pid_namespace)
        if not self.tmpfs_fds:
            self.tmpfs_fds = _open_tmpfs_mounts([p for p in pids if p != self.init_pid])
        tmpfs_bytes = sum(_used_bytes(fd) for fd in self.tmpfs_fds)
        return sum(_rss_kb(pid) for pid in pids) / 1024 + tmpfs_bytes / 2**20

    def kill(self) -> None:
        """Kills the namespace's init, which takes every process of the sandbox; waits for it."""
        if self.init_pidfd is not None:
            with contextlib.suppress(ProcessLookupError):
                signal.pidfd_send_signal(self.init_pidfd, signal.SIGKILL)
            # Readable once the init has exited, which it does only after the kernel has
            # killed and reaped every other process of its namespace.
            select.select([self.init_pidfd], [], [], KILL_WAIT_SECONDS)
        super().kill()

    def close(self) -> None:
        super().close()
        for fd in [*self.tmpfs_fds, *([] if self.init_pidfd is None else [self.init_pidfd])]:
            os.close(fd)
        self.tmpfs_fds, self.init_pidfd = [], None


def start_worker(
    config: WorkerConfig, staging: Path, sandbox: Sandbox | None, *, tmpfs_mb: int
) -> WorkerProcess:
    """Starts the worker on ``config``, in ``sandbox`` where there is one."""
    config_path = staging / "worker-config.json"
    if sandbox is None:
        config_path.write_text(config.to_json(), encoding="utf-8")
        package_root = str(Path(__file__).resolve().parent.parent)
        command = _worker_command(sys.executable, str(config_path))
        process = _popen(command, _worker_env(package_root), ())
        return WorkerProcess(process)
    config_path.write_text(sandboxed_config(config).to_json(), encoding="utf-8")
    write_identity(staging / "identity")
    mounts = JobMounts(
        Path(config.program), Path(config.data), Path(config.out), config_path, staging / "identity"
    )
    env = {**_worker_env(JOB_HARNESS), "HOME": "/tmp", "TMPDIR": "/tmp"}
    info_read, info_write = os.pipe()
    try:
        command = bwrap_command(
            sandbox,
            mounts,
            tmpfs_mb=tmpfs_mb,
            gpu=config.device != "cpu",
            env=env,
            command=_worker_command(sandbox_python(), JOB_CONFIG),
            info_fd=info_write,
        )
        try:
            # bwrap itself gets the scrubbed environment: it is the sandbox's init, whose
            # /proc/1/environ the program can read.
            process = _popen(command, env, (info_write,))
        finally:
            os.close(info_write)
        info = _read_info(info_read, process)
    finally:
        os.close(info_read)
    return SandboxedWorker(process, info["child-pid"], info["pid-namespace"])


def _read_info(fd: int, process: subprocess.Popen[str]) -> dict[str, Any]:
    """What bwrap writes to its --info-fd once the sandbox is up; raises if it never comes."""
    data, deadline = b"", time.monotonic() + SANDBOX_START_SECONDS
    while chunk := _read_before(fd, deadline):
        data += chunk
    if data:
        return json.loads(data)
    output = _end(process)
    raise SandboxUnavailableError(f"bubblewrap did not start the job's sandbox: {output.strip()}")


def _read_before(fd: int, deadline: float) -> bytes:
    if not select.select([fd], [], [], max(deadline - time.monotonic(), 0))[0]:
        return b""
    return os.read(fd, 4096)


def _end(process: subprocess.Popen[str]) -> str:
    """Kills a sandbox that never came up; returns what bwrap said."""
    _kill_group(process.pid)
    output, _ = process.communicate()
    return output


def _popen(command: list[str], env: dict[str, str], fds: tuple[int, ...]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        env=env,
        pass_fds=fds,
        start_new_session=True,  # its own process group, so a kill takes its children too
        text=True,
        errors="replace",
    )


def _worker_command(python: str, config_path: str) -> list[str]:
    return [python, "-m", "evolverec_trainer.worker", "--config", config_path]


def _worker_env(python_path: str) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k in PASSED_ENV or k.startswith(PASSED_ENV_PREFIXES)
    }
    return {**env, "PYTHONPATH": python_path, "PYTHONUNBUFFERED": "1"}


def _kill_group(leader: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(leader, signal.SIGKILL)


def _pids_in_namespace(namespace: int) -> list[int]:
    pids = []
    for entry in os.listdir("/proc"):
        try:
            if entry.isdigit() and os.stat(f"/proc/{entry}/ns/pid").st_ino == namespace:
                pids.append(int(entry))
        except OSError:  # gone meanwhile, or another user's
            continue
    return pids


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _open_tmpfs_mounts(members: list[int]) -> list[int]:
    """The sandbox's tmpfs mounts, opened through a member's root to be measured later.

    Not through the init's: bwrap reports its init before that init has mounted them. Held
    open, each fd keeps naming that tmpfs whatever becomes of the pid it was found by.
    """
    for pid in members:
        fds: list[int] = []
        try:
            for mount_point in TMPFS_MOUNTS:
                fds.append(os.open(f"/proc/{pid}/root{mount_point}", os.O_RDONLY | os.O_DIRECTORY))
        except OSError:  # gone meanwhile
            for fd in fds:
                os.close(fd)
            continue
        return fds
    return []


def _used_bytes(fd: int) -> int:
    usage = os.fstatvfs(fd)
    return (usage.f_blocks - usage.f_bfree) * usage.f_frsize
