"""Who started this process, read as the package loads, before anything slow is imported."""

import os

_LAUNCHER_PID = os.getppid()


def launcher_is_gone() -> bool:
    """True once the process that started this one has died (this one was re-parented)."""
    return os.getppid() != _LAUNCHER_PID
