"""The one in-memory shape every dataset format is read into."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Item:
    title: str
    genres: tuple[str, ...]


@dataclass(frozen=True)
class Interactions:
    """Users' item sequences in time order, with contiguous ids.

    ``sequences[u]`` is user ``u + 1``'s items (ids ``1..num_items``), oldest first.
    ``items`` maps an item id to its metadata where the dataset has any.
    """

    name: str
    sequences: list[list[int]]
    num_items: int
    items: dict[int, Item] = field(default_factory=dict)

    @property
    def num_users(self) -> int:
        return len(self.sequences)

    @property
    def num_interactions(self) -> int:
        return sum(len(s) for s in self.sequences)


class DatasetError(ValueError):
    """A dataset is missing, malformed or unknown."""


def from_events(
    name: str,
    events: Iterable[tuple[str, str, float, int]],
    items: dict[str, Item] | None = None,
) -> Interactions:
    """Builds sequences from raw ``(user, item, timestamp, line_no)`` events.

    Each user's events are ordered by timestamp, ties by file order. Users are numbered by
    ascending original id (numerically when every id is an integer); items likewise, so that
    data whose ids are already ``1..n`` keeps them.
    """
    by_user: dict[str, list[tuple[float, int, str]]] = {}
    for user, item, timestamp, line_no in events:
        by_user.setdefault(user, []).append((timestamp, line_no, item))
    if not by_user:
        raise DatasetError(f"{name}: no interactions")
    item_ids = _numbering({item for evs in by_user.values() for _, _, item in evs})
    sequences = [
        [item_ids[item] for _, _, item in sorted(by_user[user])]
        for user in sorted(by_user, key=_id_order(by_user))
    ]
    metadata = {item_ids[k]: v for k, v in (items or {}).items() if k in item_ids}
    return Interactions(name, sequences, len(item_ids), metadata)


def _id_order(ids: Iterable[str]) -> Callable[[str], tuple[int, str]]:
    """Numeric order when every id is an integer, text order otherwise."""
    numeric = all(i.isdigit() for i in ids)
    return (lambda i: (int(i), i)) if numeric else (lambda i: (0, i))


def _numbering(ids: set[str]) -> dict[str, int]:
    return {original: n for n, original in enumerate(sorted(ids, key=_id_order(ids)), start=1)}
