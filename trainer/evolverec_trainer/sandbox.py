"""The OS sandbox that program code runs in: bubblewrap (``bwrap``), where it can start.

Inside, the worker sees the interpreter and the system libraries read-only, its program and the
candidate view read-only at fixed paths (``/job/program``, ``/job/data``), exactly one writable
folder (``/job/out``), a private size-capped ``/tmp`` and ``/dev/shm``, its own ``/proc``, a
minimal ``/dev``, no network but a loopback of its own, no capabilities, no further user
namespaces and a made-up identity. Nothing of the home folder, the repository or the state dir
is mounted. Every process in it shares one PID namespace, so the namespace's init dies with the
job and takes each of them along, ``setsid`` and double-forked ones included.

Where no sandbox can start (``bwrap`` missing, user namespaces refused), the policy decides:
``required`` refuses to run program code, ``if-available`` runs it with a scrubbed environment
only, ``off`` never tries.
"""

import glob
import os
import shutil
import site
import stat
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal, TextIO, get_args

from .job import VIEW_FILES
from .worker import WorkerConfig

SandboxPolicy = Literal["required", "if-available", "off"]
SANDBOX_POLICIES: tuple[SandboxPolicy, ...] = get_args(SandboxPolicy)

# Where the worker finds its job inside the sandbox, whatever the host paths are.
JOB_PROGRAM = "/job/program"
JOB_DATA = "/job/data"
JOB_OUT = "/job/out"
JOB_CONFIG = "/job/worker-config.json"
JOB_HARNESS = "/job/harness"
SANDBOX_UID = 1000
# Python's getpass and torch's caches look the user up; a made-up one keeps the host's unknown.
PASSWD = f"sandbox:x:{SANDBOX_UID}:{SANDBOX_UID}:evolverec sandbox:/tmp:/usr/sbin/nologin\n"
GROUP = f"sandbox:x:{SANDBOX_UID}:\n"
TMPFS_MOUNTS = ("/tmp", "/dev/shm")
PROBE_TIMEOUT_SECONDS = 60
# --disable-userns came with bubblewrap 0.8 (Debian 12, Ubuntu 24.04).
INSTALL_HINT = (
    "install bubblewrap 0.8 or later (`apt-get install bubblewrap`, or `bash scripts/setup.sh`) "
    "on a machine that allows user namespaces, or pass --sandbox if-available to run program "
    "code without one where none can start"
)

NAMESPACES = (
    "--unshare-user",
    "--unshare-ipc",
    "--unshare-pid",
    "--unshare-net",  # a loopback of its own: no route to the host's servers or the internet
    "--unshare-uts",
    "--unshare-cgroup-try",
    "--disable-userns",  # no nested user namespace: it would give the program capabilities back
    "--uid",
    str(SANDBOX_UID),
    "--gid",
    str(SANDBOX_UID),
)
HARDENING = (
    "--die-with-parent",
    "--new-session",  # no controlling terminal, so no TIOCSTI into the launcher's
    "--cap-drop",
    "ALL",
    "--hostname",
    "sandbox",
)
SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
SYSTEM_FILES = ("/etc/ld.so.cache",)


class SandboxUnavailableError(Exception):
    """The job requires a sandbox and none can start here; no program code ran."""


@dataclass(frozen=True)
class Sandbox:
    """A bubblewrap that started a sandbox on this machine."""

    bwrap: str


@dataclass(frozen=True)
class JobMounts:
    """The host paths a job's sandbox shows, each at its fixed path inside."""

    program: Path
    data: Path
    out: Path
    config: Path
    identity: Path  # a folder with the made-up passwd and group


def find_sandbox(policy: SandboxPolicy, bwrap: str, progress: TextIO) -> Sandbox | None:
    """The sandbox to run program code in; None where the policy lets it run without one."""
    if policy == "off":
        return None
    try:
        return _probe(bwrap)
    except SandboxUnavailableError as e:
        if policy == "required":
            message = f"{e}; program code only runs sandboxed: {INSTALL_HINT}"
            raise SandboxUnavailableError(message) from e
        progress.write(f"warning: program code runs WITHOUT a sandbox: {e}\n")
        return None


def sandboxed_config(config: WorkerConfig) -> WorkerConfig:
    """The worker's config as the worker sees it, with in-sandbox paths."""
    return replace(config, program=JOB_PROGRAM, data=JOB_DATA, out=JOB_OUT)


def sandbox_python() -> str:
    """The running interpreter by a path that exists in the sandbox too.

    Lexically normalised (``trainer/../.venv`` names a folder the sandbox lacks) but with its
    symlinks kept: a venv's ``bin/python`` is a link, and Python finds the venv by that path.
    """
    return os.path.normpath(os.path.abspath(sys.executable))


def write_identity(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "passwd").write_text(PASSWD, encoding="utf-8")
    (folder / "group").write_text(GROUP, encoding="utf-8")


def bwrap_command(
    sandbox: Sandbox,
    mounts: JobMounts,
    *,
    tmpfs_mb: int,
    gpu: bool,
    env: dict[str, str],
    command: list[str],
    info_fd: int,
) -> list[str]:
    """The bwrap command line that runs ``command`` in a job's sandbox."""
    tmpfs_size = str(tmpfs_mb * 1024 * 1024)
    args = [sandbox.bwrap, *NAMESPACES, *HARDENING, "--proc", "/proc", "--dev", "/dev"]
    # The private /tmp and /dev/shm first: a checkout or an interpreter under /tmp is bound on
    # top of them below, where a later tmpfs would hide it.
    for mount_point in TMPFS_MOUNTS:
        args += ["--perms", "1777", "--size", tmpfs_size, "--tmpfs", mount_point]
    args += _runtime_mounts()
    args += ["--ro-bind", str(mounts.identity / "passwd"), "/etc/passwd"]
    args += ["--ro-bind", str(mounts.identity / "group"), "/etc/group"]
    if gpu:
        args += _gpu_mounts()
    args += ["--ro-bind", str(Path(__file__).resolve().parent), f"{JOB_HARNESS}/evolverec_trainer"]
    args += ["--ro-bind", str(mounts.program.resolve()), JOB_PROGRAM, "--dir", JOB_DATA]
    # Only the view's own files: whatever else lies in its folder stays outside.
    for name in sorted(VIEW_FILES):
        args += ["--ro-bind-try", str((mounts.data / name).resolve()), f"{JOB_DATA}/{name}"]
    args += ["--bind", str(mounts.out.resolve()), JOB_OUT]
    args += ["--ro-bind", str(mounts.config.resolve()), JOB_CONFIG]
    # The mount points bwrap made stay read-only, so /, /dev and /etc hold no writable file.
    args += ["--remount-ro", "/dev", "--remount-ro", "/"]
    args += ["--info-fd", str(info_fd), "--chdir", "/tmp", "--clearenv"]
    for name, value in sorted(env.items()):
        args += ["--setenv", name, value]
    return [*args, "--", *command]


def remove_unsafe_outputs(out: Path) -> list[str]:
    """Removes what program code may leave in its output folder to turn the runner against the host.

    A symlink would have the runner write ``metrics.json`` through it, or upload the host file it
    names; a FIFO would block the runner reading ``worker.json``; a setuid bit on a file owned by
    the runner's user would make it a way in. Only regular files and folders stay, without
    setuid or setgid bits. Returns the removed entries, relative to ``out``.
    """
    removed = []
    for folder, dirs, files in os.walk(out):
        for name in [*dirs, *files]:
            path = Path(folder) / name
            mode = path.lstat().st_mode
            if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
                path.chmod(stat.S_IMODE(mode) & ~(stat.S_ISUID | stat.S_ISGID))
            else:
                path.unlink()
                removed.append(str(path.relative_to(out)))
        dirs[:] = [d for d in dirs if (Path(folder) / d).is_dir()]
    return removed


def _probe(bwrap: str) -> Sandbox:
    """Starts an empty sandbox with the job's namespaces and the interpreter in it."""
    executable = shutil.which(bwrap)
    if executable is None:
        raise SandboxUnavailableError(f"bubblewrap ({bwrap}) is not installed")
    command = [executable, *NAMESPACES, *HARDENING, *_runtime_mounts(), "--proc", "/proc"]
    command += ["--dev", "/dev", "--", sandbox_python(), "-c", ""]
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=PROBE_TIMEOUT_SECONDS,
            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")},
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as e:
        raise SandboxUnavailableError(f"bubblewrap ({executable}) does not start: {e}") from e
    if done.returncode != 0:
        raise SandboxUnavailableError(
            f"bubblewrap ({executable}) cannot start a sandbox here: "
            f"{done.stderr.strip() or f'exit code {done.returncode}'}"
        )
    return Sandbox(executable)


def _runtime_mounts() -> list[str]:
    """The system libraries and the running interpreter with its packages, read-only."""
    args: list[str] = []
    for path in SYSTEM_DIRS:
        if os.path.islink(path):
            # A merged /usr: /lib is a link into /usr, and stays one inside.
            args += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            args += ["--ro-bind", path, path]
    for path in _outermost(_interpreter_paths(), covered_by=SYSTEM_DIRS):
        args += ["--ro-bind", path, path]
    for path in SYSTEM_FILES:
        args += ["--ro-bind-try", path, path]
    return args


def _interpreter_paths() -> list[str]:
    # Bound at their own paths: a venv finds its base interpreter through absolute paths.
    prefixes = {sys.prefix, sys.exec_prefix, sys.base_prefix, sys.base_exec_prefix}
    paths = prefixes | set(site.getsitepackages()) | {os.path.dirname(sandbox_python())}
    return sorted(os.path.normpath(p) for p in paths if os.path.isdir(p))


def _outermost(paths: list[str], covered_by: tuple[str, ...]) -> list[str]:
    """The paths that no other path (or a ``covered_by`` one) contains."""
    kept: list[str] = []
    for path in sorted(paths):
        inside = [*covered_by, *kept]
        if not any(path == outer or path.startswith(outer.rstrip("/") + "/") for outer in inside):
            kept.append(path)
    return kept


def _gpu_mounts() -> list[str]:
    # The CUDA driver talks to the NVIDIA device nodes and reads the PCI topology from sysfs.
    devices = sorted(glob.glob("/dev/nvidia*"))
    args = [arg for device in devices for arg in ("--dev-bind", device, device)]
    return [*args, "--ro-bind", "/sys", "/sys"] if devices else []
