"""Full-ranking metrics: every item is ranked, items already in the history excluded."""

import torch

CUTOFFS = (5, 10, 20)


def target_ranks(scores: torch.Tensor, targets: torch.Tensor, seen: torch.Tensor) -> torch.Tensor:
    """0-based rank of each target among all items, seen items excluded.

    ``scores`` is ``[batch, num_items]`` (column j is item j + 1), ``targets`` holds item ids,
    ``seen`` is a boolean ``[batch, num_items]`` mask of history items. The target is never
    excluded even when it was seen before (repeat consumption). Ties count in the target's
    favour, as in the reference implementations.
    """
    columns = (targets - 1).unsqueeze(1)
    excluded = seen.scatter(1, columns, False)
    masked = scores.masked_fill(excluded, float("-inf"))
    target_scores = masked.gather(1, columns)
    return (masked > target_scores).sum(dim=1)


def ranking_metrics(ranks: torch.Tensor, prefix: str) -> dict[str, float]:
    """HR@K and NDCG@K for K in ``CUTOFFS``, averaged over users (one relevant item each)."""
    ranks = ranks.double()
    gains = 1.0 / torch.log2(ranks + 2.0)
    out: dict[str, float] = {}
    for k in CUTOFFS:
        hit = ranks < k
        out[f"{prefix}_hr@{k}"] = hit.double().mean().item()
        out[f"{prefix}_ndcg@{k}"] = torch.where(hit, gains, 0.0).mean().item()
    return out
