"""Readers for the dataset formats evolverec accepts, each into ``Interactions``."""

import csv
from pathlib import Path

from .interactions import DatasetError, Interactions, Item, from_events


def read_text(name: str, path: Path, items_path: Path | None = None) -> Interactions:
    """``user item [timestamp]`` per line (whitespace or comma separated).

    Without timestamps the file order is the time order, as in the SASRec files.
    """
    events = []
    for line_no, fields in enumerate(_rows(path)):
        if len(fields) not in (2, 3, 4):
            raise DatasetError(f"{path}:{line_no + 1}: expected 'user item [timestamp]'")
        timestamp = _number(fields[2], path, line_no) if len(fields) >= 3 else 0.0
        events.append((fields[0], fields[1], timestamp, line_no))
    return from_events(name, events, read_items_tsv(items_path) if items_path else None)


def read_items_tsv(path: Path) -> dict[str, Item]:
    """Tab-separated with a header: item id first, then ``title`` and ``genres`` ('|'-joined)."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    if not rows or "title" not in rows[0]:
        raise DatasetError(f"{path}: an items file needs a header with a 'title' column")
    header = rows[0]
    title = header.index("title")
    genres = header.index("genres") if "genres" in header else None
    return {
        row[0]: Item(
            row[title],
            tuple(g for g in row[genres].split("|") if g) if genres is not None else (),
        )
        for row in rows[1:]
        if row
    }


def read_movielens_100k(name: str, folder: Path) -> Interactions:
    """GroupLens ml-100k: ``u.data`` ratings as implicit feedback, ``u.item`` titles and genres."""
    events = []
    for line_no, fields in enumerate(_rows(folder / "u.data")):
        events.append(
            (fields[0], fields[1], _number(fields[3], folder / "u.data", line_no), line_no)
        )
    genre_names = [
        line.split("|")[0]
        for line in (folder / "u.genre").read_text(encoding="latin-1").splitlines()
        if line.strip()
    ]
    items = {}
    for line in (folder / "u.item").read_text(encoding="latin-1").splitlines():
        fields = line.split("|")
        if len(fields) < 5 + len(genre_names):
            continue
        flags = fields[5 : 5 + len(genre_names)]
        genres = tuple(g for g, flag in zip(genre_names, flags, strict=True) if flag == "1")
        items[fields[0]] = Item(fields[1], genres)
    return from_events(name, events, items)


def read_recbole(name: str, inter_path: Path) -> Interactions:
    """RecBole atomic files: ``<stem>.inter`` and, when present, ``<stem>.item`` beside it."""
    header, rows = _atomic(inter_path)
    user, item = _column(header, "user_id", inter_path), _column(header, "item_id", inter_path)
    stamp = next((i for i, h in enumerate(header) if h.startswith("timestamp")), None)
    events = [
        (row[user], row[item], _number(row[stamp], inter_path, n) if stamp is not None else 0.0, n)
        for n, row in enumerate(rows)
    ]
    item_path = inter_path.with_suffix(".item")
    return from_events(name, events, _recbole_items(item_path) if item_path.exists() else None)


def _recbole_items(path: Path) -> dict[str, Item]:
    header, rows = _atomic(path)
    item = _column(header, "item_id", path)
    title = next((i for i, h in enumerate(header) if "title" in h), None)
    genre = next(
        (i for i, h in enumerate(header) if h.split(":")[0] in ("genre", "class", "categories")),
        None,
    )
    return {
        row[item]: Item(
            row[title] if title is not None else "",
            tuple(row[genre].split()) if genre is not None else (),
        )
        for row in rows
    }


def _atomic(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE) if r]
    if not rows:
        raise DatasetError(f"{path}: empty atomic file")
    return rows[0], rows[1:]


def _column(header: list[str], field: str, path: Path) -> int:
    for i, h in enumerate(header):
        if h.split(":")[0] == field:
            return i
    raise DatasetError(f"{path}: no '{field}' column in header {header}")


def _rows(path: Path) -> list[list[str]]:
    if not path.exists():
        raise DatasetError(f"{path}: not found")
    text = path.read_text(encoding="utf-8")
    return [line.replace(",", " ").split() for line in text.splitlines() if line.strip()]


def _number(text: str, path: Path, line_no: int) -> float:
    try:
        return float(text)
    except ValueError as e:
        raise DatasetError(f"{path}:{line_no + 1}: '{text}' is not a timestamp") from e
