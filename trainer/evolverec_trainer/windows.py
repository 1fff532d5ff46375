"""Turning item histories into the fixed-width, left-padded tensors a program consumes."""

from collections.abc import Sequence

import torch

PAD = 0


def left_pad(sequences: Sequence[Sequence[int]], width: int) -> torch.Tensor:
    """``[len(sequences), width]`` int64: the last ``width`` items of each, most recent last."""
    out = torch.full((len(sequences), width), PAD, dtype=torch.long)
    for row, seq in enumerate(sequences):
        tail = list(seq[-width:]) if width > 0 else []
        if tail:
            out[row, width - len(tail) :] = torch.tensor(tail, dtype=torch.long)
    return out


def next_item_pairs(
    sequences: Sequence[Sequence[int]], width: int
) -> tuple[torch.Tensor, torch.Tensor]:
    """Inputs ``s[:-1]`` and targets ``s[1:]`` per sequence: next-item prediction everywhere."""
    usable = [s for s in sequences if len(s) >= 2]
    return left_pad([s[:-1] for s in usable], width), left_pad([s[1:] for s in usable], width)


def seen_mask(histories: Sequence[Sequence[int]], num_items: int) -> torch.Tensor:
    """Boolean ``[len(histories), num_items]``: column j is true when item j + 1 was seen."""
    mask = torch.zeros((len(histories), num_items), dtype=torch.bool)
    rows = [r for r, h in enumerate(histories) for _ in h]
    cols = [i - 1 for h in histories for i in h]
    if rows:
        mask[torch.tensor(rows), torch.tensor(cols)] = True
    return mask
