"""``data get``: fetch public originals, verify them, preprocess them the standard way."""

import hashlib
import shutil
import sys
import tempfile
import urllib.request
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .interactions import DatasetError

GROUPLENS = "https://files.grouplens.org/datasets/movielens/"
# The SASRec authors' Amazon Video Games file, at the commit that added it (the standard file of
# the SASRec paper's Video table: 31,013 users, 23,715 items, 287,107 actions).
SASREC_DATA = "https://raw.githubusercontent.com/kang205/SASRec/641c378fcfac265ea8d1e5fe51d4d53eb892d1b4/data/"
MIN_INTERACTIONS = 5  # SASRec's filter: users and items with fewer ratings are dropped
CHUNK = 1 << 20


@dataclass(frozen=True)
class Source:
    archive: str  # the file at ``base`` (or a mirror): a zip, or the data file itself
    md5: str  # GroupLens publishes MD5 sums beside its zips; the others are pinned here
    ready_file: str  # present once the folder is complete
    preprocess: Callable[[Path], None] | None = None
    base: str = GROUPLENS
    save_as: str | None = None  # a plain data file, kept under this name (not unzipped)


def preprocess_ml_1m(folder: Path) -> None:
    """ratings.dat -> ml-1m_sas.txt, the file SASRec, BERT4Rec and gSASRec report on.

    Users and items with fewer than five ratings are removed (counted once on the raw data);
    users are numbered by their first rating's time, items by first appearance in that walk;
    each user's items are in time order (same-second ratings keep file order).
    """
    ratings = []
    for line_no, line in enumerate((folder / "ratings.dat").read_text("latin-1").splitlines()):
        user, item, _, stamp = line.split("::")
        ratings.append((user, item, int(stamp), line_no))
    users_count = Counter(r[0] for r in ratings)
    items_count = Counter(r[1] for r in ratings)
    by_user: dict[str, list[tuple[int, int, str]]] = {}
    for user, item, stamp, line_no in ratings:
        if users_count[user] >= MIN_INTERACTIONS and items_count[item] >= MIN_INTERACTIONS:
            by_user.setdefault(user, []).append((stamp, line_no, item))
    for events in by_user.values():
        events.sort()
    users = sorted(by_user, key=lambda u: (by_user[u][0][0], int(u)))
    item_ids: dict[str, int] = {}
    with (folder / "ml-1m_sas.txt").open("w", encoding="utf-8") as out:
        for sas_user, user in enumerate(users, start=1):
            for _, _, item in by_user[user]:
                sas_item = item_ids.setdefault(item, len(item_ids) + 1)
                out.write(f"{sas_user} {sas_item}\n")
    movies = {}
    for line in (folder / "movies.dat").read_text("latin-1").splitlines():
        movie, title, genres = line.split("::")
        movies[movie] = (title, genres)
    with (folder / "ml-1m_sas_items.tsv").open("w", encoding="utf-8") as out:
        out.write("sas_item_id\tmovielens_movie_id\ttitle\tgenres\n")
        for item, sas_item in item_ids.items():
            title, genres = movies.get(item, ("", ""))
            out.write(f"{sas_item}\t{item}\t{title}\t{genres}\n")
    _write_map(folder / "sas_to_original_users.txt", enumerate(users, start=1))
    _write_map(folder / "sas_to_original_items.txt", ((v, k) for k, v in item_ids.items()))


SOURCES: dict[str, Source] = {
    "ml-1m": Source(
        "ml-1m.zip", "c4d9eecfca2ab87c1945afe126590906", "ml-1m_sas.txt", preprocess_ml_1m
    ),
    "ml-100k": Source("ml-100k.zip", "0e33842e24a9c977be4e0107933c0723", "u.item"),
    "amazon-video": Source(
        "Video.txt",
        "90ee83b589a4b2c2306bc8284214fdf5",
        "sasrec_Video.txt",
        base=SASREC_DATA,
        save_as="sasrec_Video.txt",
    ),
}


def download_dataset(
    name: str, data_dir: Path, mirror: str | None = None, md5: str | None = None
) -> Path:
    """Downloads ``name`` into ``data_dir/name`` unless it is already there.

    ``mirror`` replaces the source's base URL; ``md5`` the published checksum (for a mirror
    that repackages the archive). A download that cannot reach its URL says how to do without.
    """
    source = SOURCES.get(name)
    if source is None:
        raise DatasetError(f"no download for '{name}': one of {', '.join(SOURCES)}")
    target = data_dir / name
    if (target / source.ready_file).exists():
        return target
    url = (mirror or source.base).rstrip("/") + "/" + source.archive
    data_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=data_dir, prefix=f".{name}-") as tmp:
        archive = Path(tmp) / source.archive
        try:
            digest = _fetch(url, archive)
        except OSError as e:  # URLError and timeouts are OSErrors
            raise DatasetError(_unreachable(name, url, source, target, e)) from e
        if digest != (md5 or source.md5):
            raise DatasetError(f"{url}: MD5 {digest}, expected {md5 or source.md5}")
        staged = Path(tmp) / name
        if source.save_as is None:
            _extract(archive, staged)
        else:
            staged.mkdir()
            archive.rename(staged / source.save_as)
        if source.preprocess:
            source.preprocess(staged)
        if target.exists():
            shutil.rmtree(target)
        staged.rename(target)  # the folder appears whole or not at all
    return target


def _unreachable(name: str, url: str, source: Source, target: Path, error: OSError) -> str:
    """What to do when the source cannot be reached from here."""
    reason = getattr(error, "reason", None) or error
    if source.save_as is not None:
        instead = (
            f"download {url} where you can (MD5 {source.md5}) and put it at "
            f"{target / source.save_as}, or pass any 'user item' file's path as --dataset"
        )
    else:
        instead = (
            f"download {source.archive} where you can (MD5 {source.md5}) and serve its folder "
            f"with --mirror <base URL>, or pass a data file's path as --dataset"
        )
    return f"could not download {name} from {url} ({reason}): {instead}"


def _fetch(url: str, path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    done = 0
    with urllib.request.urlopen(url, timeout=60) as response, path.open("wb") as out:
        total = int(response.headers.get("Content-Length") or 0)
        while chunk := response.read(CHUNK):
            out.write(chunk)
            digest.update(chunk)
            done += len(chunk)
            if total:
                print(f"\r{url}: {done * 100 // total}%", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    return digest.hexdigest()


def _extract(archive: Path, folder: Path) -> None:
    """Extracts the files of the archive's top folder, refusing paths that would escape it."""
    folder.mkdir()
    with zipfile.ZipFile(archive) as zipped:
        for member in zipped.infolist():
            parts = Path(member.filename).parts
            if member.is_dir() or len(parts) < 2:
                continue
            if any(p in ("..", "") for p in parts) or Path(member.filename).is_absolute():
                raise DatasetError(f"{archive}: unsafe member path {member.filename!r}")
            target = folder.joinpath(*parts[1:])
            target.parent.mkdir(parents=True, exist_ok=True)
            with zipped.open(member) as src, target.open("wb") as dst:
                shutil.copyfileobj(src, dst)


def _write_map(path: Path, pairs: Iterable[tuple[object, object]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for left, right in pairs:
            out.write(f"{left} {right}\n")
