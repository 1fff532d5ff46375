"""Scoring a trained model on the validation or test targets of a view."""

from typing import Literal

import torch
from torch import nn

from .datasets.views import PreparedView
from .metrics import ranking_metrics, target_ranks
from .windows import left_pad, seen_mask

Split = Literal["val", "test"]


class NonFiniteScoresError(Exception):
    """The model produced NaN or infinite scores."""


def evaluation_cases(view: PreparedView, split: Split) -> tuple[list[list[int]], list[int]]:
    """Histories and targets: validation sees training items; test sees them plus validation."""
    if split == "val":
        cases = [(u.train, u.valid) for u in view.users if u.valid is not None]
    else:
        cases = [
            ([*u.train, u.valid], u.test)
            for u in view.users
            if u.test is not None and u.valid is not None
        ]
    return [h for h, _ in cases], [t for _, t in cases]


@torch.no_grad()
def evaluate(
    model: nn.Module,
    view: PreparedView,
    split: Split,
    max_len: int,
    device: torch.device,
    batch_users: int = 512,
) -> dict[str, float]:
    histories, targets = evaluation_cases(view, split)
    if not targets:
        raise ValueError(f"the {view.view} view of {view.name} has no {split} targets")
    was_training = model.training
    model.eval()
    ranks = []
    for start in range(0, len(targets), batch_users):
        chunk = histories[start : start + batch_users]
        scores = model(left_pad(chunk, max_len).to(device))["scores"].float()
        if scores.shape != (len(chunk), view.num_items):
            raise ValueError(f"scores must be [batch, {view.num_items}], got {list(scores.shape)}")
        if not torch.isfinite(scores).all():
            raise NonFiniteScoresError(f"non-finite scores on the {split} split")
        batch_targets = torch.tensor(targets[start : start + batch_users], device=device)
        mask = seen_mask(chunk, view.num_items).to(device)
        ranks.append(target_ranks(scores, batch_targets, mask).cpu())
    model.train(was_training)
    return ranking_metrics(torch.cat(ranks), split)
