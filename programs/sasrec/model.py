"""SASRec (Kang & McAuley, 2018): causal self-attention over a user's item sequence.

The seed program of evolverec. The harness imports this file and uses only its contract:

- ``HPARAMS``: at least ``max_len`` (input window) and ``batch_size``;
- ``TAPS``: names of the internal tensors ``forward`` returns beside ``scores``;
- ``build_model(num_items)``: a module whose ``forward(item_seq)`` maps a left-padded
  ``[batch, max_len]`` int64 tensor (0 = padding, most recent item last) to a dict with
  ``scores`` ``[batch, num_items]`` (column j is item j + 1) and every tap, and whose
  ``training_loss(item_seq, targets)`` returns a scalar loss (``targets`` holds the next item
  at each position, 0 where there is none);
- ``build_optimizer(model)``: the optimiser.

Everything between EVOLVE-BLOCK markers may be rewritten by evolution.
"""

import math

import torch
from torch import nn
from torch.nn import functional as F

# EVOLVE-BLOCK-START hyperparameters
HPARAMS = {
    "hidden": 64,
    "blocks": 2,
    "heads": 1,
    "dropout": 0.2,
    "max_len": 200,
    "batch_size": 128,
    "lr": 1e-3,
    "weight_decay": 0.0,
    "negatives": 1,
}
# EVOLVE-BLOCK-END


# EVOLVE-BLOCK-START architecture
# The taps belong to the architecture: a rewrite that adds a part may add a tap for its probes.js.
# seq_repr [batch, hidden]: the state the scores come from; item_embeddings [num_items + 1,
# hidden]; attention [batch, max_len]: the last block's weights of the scored (last) position over
# the window, mean over heads.
TAPS = ("seq_repr", "item_embeddings", "attention")


class CausalSelfAttention(nn.Module):
    """Multi-head causal attention over the items present (padding is never attended to, as in
    SASRec's key masking); the explicit path also returns its weights for the tap."""

    def __init__(self, hidden: int, heads: int) -> None:
        super().__init__()
        self.heads = heads
        self.head_dim = hidden // heads
        self.query = nn.Linear(hidden, hidden)
        self.key = nn.Linear(hidden, hidden)
        self.value = nn.Linear(hidden, hidden)
        self.out = nn.Linear(hidden, hidden)

    def forward(
        self, queries: torch.Tensor, keys: torch.Tensor, present: torch.Tensor, need_weights: bool
    ) -> tuple[torch.Tensor, torch.Tensor | None]:
        """``queries`` are the last ``length`` positions of the ``window`` that ``keys`` span;
        ``present`` ``[batch, window]`` marks the keys that hold an item."""
        batch, length, hidden = queries.shape
        window = keys.shape[1]

        def split(x: torch.Tensor) -> torch.Tensor:
            return x.view(batch, x.shape[1], self.heads, self.head_dim).transpose(1, 2)

        q, k, v = split(self.query(queries)), split(self.key(keys)), split(self.value(keys))
        # Query i sits at window position window - length + i and sees the items up to it, and
        # itself: a padding query sees only itself, so no row is empty (its output is zeroed).
        ones = torch.ones(length, window, dtype=torch.bool, device=q.device)
        causal = ones.tril(window - length)
        own = causal & ~ones.tril(window - length - 1)
        allowed = causal & (present[:, None, None, :] | own)
        if need_weights or not self.training:
            logits = (q @ k.transpose(-1, -2)) / math.sqrt(self.head_dim)
            weights = torch.softmax(logits.masked_fill(~allowed, float("-inf")), dim=-1)
            mixed = weights @ v
            mean_weights = weights.mean(dim=1) if need_weights else None
        else:
            # Training takes the fused kernel (several times faster); it skips dropout on the
            # attention weights, the one place this seed departs from the paper. Scoring takes
            # the explicit path, which exports to fewer operators.
            mixed, mean_weights = F.scaled_dot_product_attention(q, k, v, attn_mask=allowed), None
        return self.out(mixed.transpose(1, 2).reshape(batch, length, hidden)), mean_weights


class PointWiseFeedForward(nn.Module):
    def __init__(self, hidden: int, dropout: float) -> None:
        super().__init__()
        self.inner = nn.Linear(hidden, hidden)
        self.outer = nn.Linear(hidden, hidden)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.dropout(self.outer(F.relu(self.dropout(self.inner(x)))))


class SASRec(nn.Module):
    def __init__(self, num_items: int, hp: dict) -> None:
        super().__init__()
        hidden, dropout = hp["hidden"], hp["dropout"]
        self.num_items = num_items
        self.hidden = hidden
        self.max_len = hp["max_len"]
        self.item_emb = nn.Embedding(num_items + 1, hidden, padding_idx=0)
        self.pos_emb = nn.Embedding(hp["max_len"] + 1, hidden, padding_idx=0)
        self.emb_dropout = nn.Dropout(dropout)
        self.attn_norms = nn.ModuleList(nn.LayerNorm(hidden, eps=1e-8) for _ in range(hp["blocks"]))
        self.attns = nn.ModuleList(
            CausalSelfAttention(hidden, hp["heads"]) for _ in range(hp["blocks"])
        )
        self.ffn_norms = nn.ModuleList(nn.LayerNorm(hidden, eps=1e-8) for _ in range(hp["blocks"]))
        self.ffns = nn.ModuleList(
            PointWiseFeedForward(hidden, dropout) for _ in range(hp["blocks"])
        )
        self.last_norm = nn.LayerNorm(hidden, eps=1e-8)
        for name, param in self.named_parameters():
            if param.dim() > 1 and "norm" not in name:
                nn.init.xavier_normal_(param)
        with torch.no_grad():
            self.item_emb.weight[0].zero_()
            self.pos_emb.weight[0].zero_()

    def encode(
        self, item_seq: torch.Tensor, last_only: bool = False
    ) -> tuple[torch.Tensor, torch.Tensor | None]:
        """Hidden state at every position; with ``last_only``, ``[batch, 1, hidden]`` at the
        last position and the last block's attention weights ``[batch, 1, max_len]``.

        Scoring needs the last position alone, so with ``last_only`` the last block computes its
        query, attention and feed-forward there only (its keys and values still span the
        window): the same numbers for that position, for a fraction of the block's work.
        """
        keys_present = item_seq != 0
        present = keys_present.unsqueeze(-1)
        # Slots count from the end, as in SASRec with left padding: the latest item is always
        # slot max_len, whatever the window, so a window cut to the longest history scores the
        # same as the full one.
        first = self.max_len - item_seq.shape[1] + 1
        slots = torch.arange(first, self.max_len + 1, device=item_seq.device)
        positions = slots.unsqueeze(0) * keys_present.long()
        seqs = self.item_emb(item_seq) * math.sqrt(self.hidden) + self.pos_emb(positions)
        seqs = self.emb_dropout(seqs) * present
        weights = None
        last = len(self.attns) - 1
        for block, (norm, attn, ffn_norm, ffn) in enumerate(
            zip(self.attn_norms, self.attns, self.ffn_norms, self.ffns, strict=True)
        ):
            queries = norm(seqs)
            scored_only = last_only and block == last
            if scored_only:
                queries, present = queries[:, -1:], present[:, -1:]
            mixed, weights = attn(queries, seqs, keys_present, scored_only)
            seqs = ffn(ffn_norm(queries + mixed)) * present
        return self.last_norm(seqs), weights

    def forward(self, item_seq: torch.Tensor) -> dict[str, torch.Tensor]:
        states, attention = self.encode(item_seq, last_only=True)
        assert attention is not None
        seq_repr = states[:, -1, :]
        scores = seq_repr @ self.item_emb.weight[1:].T
        return {
            "scores": scores,
            "seq_repr": seq_repr,
            "item_embeddings": self.item_emb.weight,
            # How the last position (the one scored) attends over the window, mean over heads.
            "attention": attention[:, -1, :],
        }

    def training_loss(self, item_seq: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
        states, _ = self.encode(item_seq)
        return next_item_loss(states, targets, self.item_emb, self.num_items)


# EVOLVE-BLOCK-END


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


# EVOLVE-BLOCK-START optimizer
def build_optimizer(model: nn.Module) -> torch.optim.Optimizer:
    return torch.optim.Adam(
        model.parameters(),
        lr=HPARAMS["lr"],
        betas=(0.9, 0.98),
        weight_decay=HPARAMS["weight_decay"],
    )


# EVOLVE-BLOCK-END


def build_model(num_items: int) -> nn.Module:
    return SASRec(num_items, HPARAMS)
