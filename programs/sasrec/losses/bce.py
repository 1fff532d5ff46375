"""Loss variant ``bce`` of the nas search space: the seed's sampled binary cross-entropy.

nas writes the evolve block below over the loss block of ``model.py``; the imports stand in for
``model.py``'s own names so that this file lints on its own.
"""

import torch
from model import HPARAMS
from torch import nn
from torch.nn import functional as F


# EVOLVE-BLOCK-START loss
def next_item_loss(
    states: torch.Tensor, targets: torch.Tensor, item_emb: nn.Embedding, num_items: int
) -> torch.Tensor:
    """BCE against the next item and uniformly sampled negatives at every position."""
    negatives = torch.randint(
        1, num_items + 1, (*targets.shape, HPARAMS["negatives"]), device=targets.device
    )
    pos_logits = (states * item_emb(targets)).sum(-1)
    neg_logits = (states.unsqueeze(2) * item_emb(negatives)).sum(-1)
    present = targets != 0
    pos_loss = F.binary_cross_entropy_with_logits(
        pos_logits[present], torch.ones_like(pos_logits[present])
    )
    neg_loss = F.binary_cross_entropy_with_logits(
        neg_logits[present], torch.zeros_like(neg_logits[present])
    )
    return pos_loss + neg_loss


# EVOLVE-BLOCK-END
