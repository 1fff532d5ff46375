"""Leave-one-out splits and the prepared views a training job receives.

A *candidate* view holds training and validation items only, so that an evolved program's job
never receives a test item; a *full* view adds the test item, for final reports.
"""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .interactions import DatasetError, Interactions, Item

View = Literal["candidate", "full"]
VIEW_FORMAT = 1


@dataclass(frozen=True)
class UserSplit:
    train: list[int]
    valid: int | None
    test: int | None


@dataclass(frozen=True)
class PreparedView:
    name: str
    view: View
    num_items: int
    users: list[UserSplit]
    items: dict[int, Item]


def leave_one_out(sequence: list[int]) -> UserSplit:
    """Last item is test, the one before it validation, the rest training.

    Users with fewer than three interactions keep them all for training, as in SASRec.
    """
    if len(sequence) < 3:
        return UserSplit(list(sequence), None, None)
    return UserSplit(sequence[:-2], sequence[-2], sequence[-1])


def make_view(data: Interactions, view: View) -> PreparedView:
    users = [leave_one_out(s) for s in data.sequences]
    if view == "candidate":
        users = [UserSplit(u.train, u.valid, None) for u in users]
    return PreparedView(data.name, view, data.num_items, users, data.items)


def write_view(prepared: PreparedView, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "splits.tsv").open("w", encoding="utf-8") as f:
        for u in prepared.users:
            f.write(f"{' '.join(map(str, u.train))}\t{_cell(u.valid)}\t{_cell(u.test)}\n")
    with (folder / "items.tsv").open("w", encoding="utf-8") as f:
        f.write("item_id\ttitle\tgenres\n")
        for item_id, item in sorted(prepared.items.items()):
            title = item.title.replace("\t", " ").replace("\n", " ")
            f.write(f"{item_id}\t{title}\t{'|'.join(item.genres)}\n")
    manifest = {
        "format": VIEW_FORMAT,
        "name": prepared.name,
        "view": prepared.view,
        "users": len(prepared.users),
        "items": prepared.num_items,
        "interactions": sum(
            len(u.train) + (u.valid is not None) + (u.test is not None) for u in prepared.users
        ),
    }
    # Written last: its presence marks a complete view.
    (folder / "dataset.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


def read_view(folder: Path) -> PreparedView:
    manifest_path = folder / "dataset.json"
    if not manifest_path.exists():
        raise DatasetError(f"{folder}: not a prepared view (no dataset.json)")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    if manifest.get("format") != VIEW_FORMAT or manifest.get("view") not in ("candidate", "full"):
        raise DatasetError(f"{manifest_path}: unsupported view manifest")
    users = []
    for line in (folder / "splits.tsv").read_text(encoding="utf-8").splitlines():
        train, valid, test = line.split("\t")
        users.append(UserSplit([int(i) for i in train.split()], _item(valid), _item(test)))
    if manifest["view"] == "candidate" and any(u.test is not None for u in users):
        raise DatasetError(f"{folder}: a candidate view must not hold test items")
    items = {}
    for row in (folder / "items.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        item_id, title, genres = row.split("\t")
        items[int(item_id)] = Item(title, tuple(g for g in genres.split("|") if g))
    return PreparedView(manifest["name"], manifest["view"], manifest["items"], users, items)


def _cell(item: int | None) -> str:
    return "" if item is None else str(item)


def _item(cell: str) -> int | None:
    return int(cell) if cell else None
