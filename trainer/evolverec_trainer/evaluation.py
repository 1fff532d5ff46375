"""The worker's own validation figures: early stopping and the training curve only.

The figures of record come from the judge (shared/src/core/judging), which scores the exported
ONNX model outside this process, on users whose validation items this process never receives.
"""

import torch
from torch import nn

from .datasets.views import PreparedView
from .metrics import ranking_metrics, target_ranks
from .windows import left_pad, seen_mask


class NonFiniteScoresError(Exception):
    """The model produced NaN or infinite scores."""


def validation_cases(view: PreparedView) -> tuple[list[list[int]], list[int]]:
    """Histories (training items) and targets of the users whose validation item the view holds."""
    cases = [(u.train, u.valid) for u in view.users if u.valid is not None]
    return [h for h, _ in cases], [t for _, t in cases]


@torch.no_grad()
def evaluate(
    model: nn.Module,
    view: PreparedView,
    max_len: int,
    device: torch.device,
    batch_users: int = 512,
) -> dict[str, float]:
    histories, targets = validation_cases(view)
    if not targets:
        raise ValueError(f"the {view.view} view of {view.name} has no validation targets")
    was_training = model.training
    model.eval()
    ranks = []
    for start in range(0, len(targets), batch_users):
        chunk = histories[start : start + batch_users]
        scores = model(left_pad(chunk, max_len).to(device))["scores"].float()
        if scores.shape != (len(chunk), view.num_items):
            raise ValueError(f"scores must be [batch, {view.num_items}], got {list(scores.shape)}")
        if not torch.isfinite(scores).all():
            raise NonFiniteScoresError("non-finite scores on the validation split")
        batch_targets = torch.tensor(targets[start : start + batch_users], device=device)
        mask = seen_mask(chunk, view.num_items).to(device)
        ranks.append(target_ranks(scores, batch_targets, mask).cpu())
    model.train(was_training)
    return ranking_metrics(torch.cat(ranks), "val")
