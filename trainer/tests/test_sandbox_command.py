"""The bwrap command line itself: what is mounted in which order."""

from pathlib import Path

from evolverec_trainer.sandbox import JobMounts, Sandbox, bwrap_command


def _command(tmp_path: Path) -> list[str]:
    mounts = JobMounts(
        program=tmp_path / "program",
        data=tmp_path / "data",
        out=tmp_path / "out",
        config=tmp_path / "config.json",
        identity=tmp_path / "identity",
    )
    return bwrap_command(
        Sandbox(bwrap="/usr/bin/bwrap"),
        mounts,
        tmpfs_mb=64,
        gpu=False,
        env={"PATH": "/usr/bin"},
        command=["python", "-c", "pass"],
        info_fd=3,
    )


def test_the_private_tmp_comes_before_every_bind_so_a_checkout_under_tmp_stays_visible(tmp_path):
    # Act
    args = _command(tmp_path)

    # Assess: binds are made in order; a tmpfs mounted after a bind under /tmp would hide it
    # (an interpreter or a checkout under /tmp would vanish inside the sandbox).
    tmpfs_at = [i for i, arg in enumerate(args) if arg == "--tmpfs"]
    binds_at = [i for i, arg in enumerate(args) if arg in ("--ro-bind", "--bind", "--ro-bind-try")]
    assert tmpfs_at and binds_at
    assert max(tmpfs_at) < min(binds_at)
    assert [args[i + 1] for i in tmpfs_at] == ["/tmp", "/dev/shm"]
