"""Loss variant ``sampled_softmax`` of the nas search space.

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
    """Cross-entropy of the next item against HPARAMS["negatives"] uniformly sampled items.

    The negatives are shared by every position of the batch (as TensorFlow's sampled softmax
    does), so memory grows with their number, not with batch x length x number.
    """
    present = targets != 0
    hidden, positives = states[present], targets[present]
    negatives = torch.randint(1, num_items + 1, (HPARAMS["negatives"],), device=targets.device)
    pos_logits = (hidden * item_emb(positives)).sum(-1, keepdim=True)
    neg_logits = hidden @ item_emb(negatives).T
    # A sampled negative that is the position's own next item is no negative.
    accidental = negatives.unsqueeze(0) == positives.unsqueeze(1)
    neg_logits = neg_logits.masked_fill(accidental, float("-inf"))
    logits = torch.cat([pos_logits, neg_logits], dim=1)
    return F.cross_entropy(logits, torch.zeros_like(positives))


# EVOLVE-BLOCK-END
