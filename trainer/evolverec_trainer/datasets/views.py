"""Leave-one-out splits and the two prepared views of a dataset.

A *candidate* view is all that program code ever receives: training items, and the validation
item of the *tuning* users only (the harness early-stops on them). The other users' validation
items (the *held-out* half) and every test item are in the *judge* view alone, which only the
trusted judge reads: a program can neither memorise the validation targets it is scored on nor
see a test item.
"""

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .interactions import DatasetError, Interactions, Item

View = Literal["candidate", "judge"]
VIEW_FORMAT = 2
HELD_OUT, TUNING = "held-out", "tuning"


@dataclass(frozen=True)
class UserSplit:
    train: list[int]
    valid: int | None
    test: int | None
    # Whether the user's validation item is withheld from the candidate view (judge's users).
    held_out: bool = False


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


def is_held_out(dataset: str, user_index: int) -> bool:
    """Half the users, fixed per dataset and user, independent of any run's seed."""
    digest = hashlib.blake2b(f"{dataset}:{user_index}".encode(), digest_size=8).digest()
    return digest[0] & 1 == 1


def make_view(data: Interactions, view: View) -> PreparedView:
    users = []
    for index, sequence in enumerate(data.sequences):
        split = leave_one_out(sequence)
        held_out = split.valid is not None and is_held_out(data.name, index)
        if view == "judge":
            users.append(UserSplit(split.train, split.valid, split.test, held_out))
        else:
            users.append(UserSplit(split.train, None if held_out else split.valid, None))
    return PreparedView(data.name, view, data.num_items, users, data.items)


def write_view(prepared: PreparedView, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "splits.tsv").open("w", encoding="utf-8") as f:
        for u in prepared.users:
            role = HELD_OUT if u.held_out else TUNING
            f.write(f"{' '.join(map(str, u.train))}\t{_cell(u.valid)}\t{_cell(u.test)}\t{role}\n")
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
    if manifest.get("format") != VIEW_FORMAT or manifest.get("view") not in ("candidate", "judge"):
        raise DatasetError(f"{manifest_path}: unsupported view manifest (prepare it again)")
    users = []
    for line in (folder / "splits.tsv").read_text(encoding="utf-8").splitlines():
        train, valid, test, role = line.split("\t")
        users.append(
            UserSplit([int(i) for i in train.split()], _item(valid), _item(test), role == HELD_OUT)
        )
    if manifest["view"] == "candidate" and any(u.test is not None or u.held_out for u in users):
        raise DatasetError(f"{folder}: a candidate view must not hold test or held-out items")
    items = {}
    for row in (folder / "items.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        item_id, title, genres = row.split("\t")
        items[int(item_id)] = Item(title, tuple(g for g in genres.split("|") if g))
    return PreparedView(manifest["name"], manifest["view"], manifest["items"], users, items)


def _cell(item: int | None) -> str:
    return "" if item is None else str(item)


def _item(cell: str) -> int | None:
    return int(cell) if cell else None
