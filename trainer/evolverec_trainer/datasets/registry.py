"""Dataset names and paths: what ``--dataset`` may say and where its files are."""

from collections.abc import Callable
from pathlib import Path

from .formats import read_movielens_100k, read_recbole, read_text
from .interactions import DatasetError, Interactions


def _ml_1m(root: Path) -> Interactions:
    folder = root / "ml-1m"
    return read_text("ml-1m", folder / "ml-1m_sas.txt", folder / "ml-1m_sas_items.tsv")


def _ml_100k(root: Path) -> Interactions:
    return read_movielens_100k("ml-100k", root / "ml-100k")


def _amazon_video(root: Path) -> Interactions:
    return read_text("amazon-video", root / "amazon-video" / "sasrec_Video.txt")


KNOWN_DATASETS: dict[str, Callable[[Path], Interactions]] = {
    "ml-1m": _ml_1m,
    "ml-100k": _ml_100k,
    "amazon-video": _amazon_video,
}


def load_dataset(spec: str, data_dir: Path) -> Interactions:
    """A known name, or a path (absolute or under ``data_dir``) to a ``.inter`` or text file.

    A text file ``x.txt`` takes its titles and genres from ``x_items.tsv`` beside it.
    """
    if spec in KNOWN_DATASETS:
        return KNOWN_DATASETS[spec](data_dir)
    path = Path(spec) if Path(spec).is_absolute() else data_dir / spec
    if not path.is_file():
        known = ", ".join(KNOWN_DATASETS)
        raise DatasetError(f"unknown dataset '{spec}': not one of {known}, nor a file at {path}")
    if path.suffix == ".inter":
        return read_recbole(path.stem, path)
    items = path.with_name(f"{path.stem}_items.tsv")
    return read_text(path.stem, path, items if items.exists() else None)
