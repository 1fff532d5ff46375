"""``data get`` against a local HTTP server serving archives built from ../shared/data."""

import functools
import hashlib
import http.server
import socket
import threading
import zipfile
from pathlib import Path

import pytest

from conftest import require_data
from evolverec_trainer.datasets.download import SOURCES, download_dataset
from evolverec_trainer.datasets.interactions import DatasetError
from evolverec_trainer.datasets.registry import KNOWN_DATASETS, load_dataset


@pytest.fixture
def mirror(tmp_path):
    """Serves ``tmp_path/site`` on loopback; yields (base URL, site folder)."""
    site = tmp_path / "site"
    site.mkdir()
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", site
    server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()


def ml_1m_archive(site: Path) -> Path:
    """A GroupLens-shaped ml-1m.zip rebuilt from the standard file and its id maps, plus
    ratings of a movie rated fewer than five times (which preprocessing must drop)."""
    source = require_data("ml-1m")
    users = dict(line.split() for line in (source / "sas_to_original_users.txt").open())
    items = dict(line.split() for line in (source / "sas_to_original_items.txt").open())
    lines, position = [], {}
    for row in (source / "ml-1m_sas.txt").open():
        user, item = row.split()
        position[user] = position.get(user, 0) + 1
        stamp = 1_000_000_000 + int(user) * 10_000 + position[user]
        lines.append(f"{users[user]}::{items[item]}::4::{stamp}")
    lines += [f"{users[u]}::999999::5::{1_000_000_000 + int(u) * 10_000}" for u in ("1", "2")]
    archive = site / "ml-1m.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("ml-1m/ratings.dat", "\n".join(lines) + "\n")
        z.write(source / "movies.dat", "ml-1m/movies.dat")
        z.write(source / "users.dat", "ml-1m/users.dat")
    return archive


def test_ml_1m_download_reproduces_the_standard_file(tmp_path, mirror):
    # Prepare
    base, site = mirror
    archive = ml_1m_archive(site)
    # Act
    folder = download_dataset("ml-1m", tmp_path / "data", base, md5(archive))
    # Assess: byte-identical to the SASRec file, and read with the standard counts.
    standard = require_data("ml-1m")
    assert (folder / "ml-1m_sas.txt").read_bytes() == (standard / "ml-1m_sas.txt").read_bytes()
    assert (folder / "ml-1m_sas_items.tsv").read_text() == (
        standard / "ml-1m_sas_items.tsv"
    ).read_text()
    data = load_dataset("ml-1m", tmp_path / "data")
    assert (data.num_users, data.num_items, data.num_interactions) == (6040, 3416, 999_611)


def test_ml_100k_download_is_read_like_the_original(tmp_path, mirror):
    base, site = mirror
    source = require_data("ml-100k")
    with zipfile.ZipFile(site / "ml-100k.zip", "w") as z:
        for name in ("u.data", "u.item", "u.genre", "u.user", "README"):
            z.write(source / name, f"ml-100k/{name}")
    download_dataset("ml-100k", tmp_path / "data", base, md5(site / "ml-100k.zip"))
    data = load_dataset("ml-100k", tmp_path / "data")
    assert (data.num_users, data.num_items, data.num_interactions) == (943, 1682, 100_000)


def test_checksum_mismatch_leaves_nothing_behind(tmp_path, mirror):
    base, site = mirror
    with zipfile.ZipFile(site / "ml-100k.zip", "w") as z:
        z.writestr("ml-100k/u.item", "tampered")
    with pytest.raises(DatasetError, match="MD5"):
        download_dataset("ml-100k", tmp_path / "data", base)  # the published GroupLens MD5
    assert list((tmp_path / "data").iterdir()) == []


def test_archive_paths_escaping_the_folder_are_refused(tmp_path, mirror):
    base, site = mirror
    with zipfile.ZipFile(site / "ml-100k.zip", "w") as z:
        z.writestr("ml-100k/../../evil.txt", "x")
    with pytest.raises(DatasetError, match="unsafe member"):
        download_dataset("ml-100k", tmp_path / "data", base, md5(site / "ml-100k.zip"))
    assert not (tmp_path / "evil.txt").exists()


def test_amazon_video_download_is_the_standard_file(tmp_path, mirror):
    # Prepare: the mirror serves the SASRec authors' file under its published name.
    base, site = mirror
    standard = require_data("amazon-video") / "sasrec_Video.txt"
    (site / "Video.txt").write_bytes(standard.read_bytes())
    # Act: the pinned MD5, not one computed here.
    folder = download_dataset("amazon-video", tmp_path / "data", base)
    # Assess
    assert (folder / "sasrec_Video.txt").read_bytes() == standard.read_bytes()
    data = load_dataset("amazon-video", tmp_path / "data")
    assert (data.num_users, data.num_items, data.num_interactions) == (31013, 23715, 287_107)


def test_an_unreachable_source_says_where_to_put_the_file(tmp_path):
    # Prepare: nothing listens on this port.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        base = f"http://127.0.0.1:{probe.getsockname()[1]}/"
    # Act
    with pytest.raises(DatasetError) as raised:
        download_dataset("amazon-video", tmp_path / "data", base)
    # Assess
    message = str(raised.value)
    assert "could not download amazon-video" in message
    assert str(tmp_path / "data" / "amazon-video" / "sasrec_Video.txt") in message
    assert "--dataset" in message


def test_every_known_dataset_can_be_downloaded():
    assert sorted(SOURCES) == sorted(KNOWN_DATASETS)
