import math

import pytest
import torch

from evolverec_trainer.metrics import ranking_metrics, target_ranks


def test_target_ranks_excludes_seen_items_but_never_the_target():
    # Prepare: items 1..5; the target is item 3 (score 0.5), items 1 and 2 score higher.
    scores = torch.tensor([[0.9, 0.8, 0.5, 0.4, 0.7]])
    targets = torch.tensor([3])
    seen = torch.tensor([[True, False, True, False, False]])  # item 1 seen; item 3 seen too
    # Act
    ranks = target_ranks(scores, targets, seen)
    # Assess: item 1 is excluded, items 2 and 5 still beat the target.
    assert ranks.tolist() == [2]


def test_ranking_metrics_match_hand_computed_values():
    # Prepare: ranks 0, 1, 5 and 30 (0-based).
    ranks = torch.tensor([0, 1, 5, 30])
    # Act
    metrics = ranking_metrics(ranks, "val")
    # Assess
    assert metrics["val_hr@5"] == pytest.approx(2 / 4)
    assert metrics["val_hr@10"] == pytest.approx(3 / 4)
    assert metrics["val_hr@20"] == pytest.approx(3 / 4)
    assert metrics["val_ndcg@5"] == pytest.approx((1 + 1 / math.log2(3)) / 4)
    assert metrics["val_ndcg@10"] == pytest.approx((1 + 1 / math.log2(3) + 1 / math.log2(7)) / 4)


def test_ties_count_against_the_target_so_constant_scores_earn_the_floor():
    # Prepare: every item scores the same; item 1 was seen.
    scores = torch.tensor([[1.0, 1.0, 1.0, 1.0]])
    seen = torch.tensor([[True, False, False, False]])
    # Act
    ranks = target_ranks(scores, torch.tensor([3]), seen)
    # Assess: the two other unseen items tie with the target and both rank above it.
    assert ranks.tolist() == [2]


def test_constant_scores_over_a_real_sized_catalogue_score_zero():
    scores = torch.zeros(3, 1000)
    nothing_seen = torch.zeros(3, 1000, dtype=torch.bool)
    ranks = target_ranks(scores, torch.tensor([1, 500, 1000]), nothing_seen)
    assert ranks.tolist() == [999, 999, 999]
    assert ranking_metrics(ranks, "val")["val_ndcg@20"] == 0.0


def test_a_single_tie_costs_the_target_one_place():
    scores = torch.tensor([[0.5, 0.9, 0.5, 0.1]])
    ranks = target_ranks(scores, torch.tensor([1]), torch.zeros(1, 4, dtype=torch.bool))
    assert ranks.tolist() == [2]
