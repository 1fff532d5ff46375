"""A tiny program that keeps the harness contract: fast enough for every failure test."""

import torch
from torch import nn

HPARAMS = {"max_len": 8, "batch_size": 16, "hidden": 8, "lr": 0.01}
TAPS = ("seq_repr", "item_embeddings")


class MeanEmbedding(nn.Module):
    def __init__(self, num_items: int) -> None:
        super().__init__()
        self.item_emb = nn.Embedding(num_items + 1, HPARAMS["hidden"], padding_idx=0)

    def forward(self, item_seq: torch.Tensor) -> dict[str, torch.Tensor]:
        present = (item_seq != 0).unsqueeze(-1).float()
        seq_repr = (self.item_emb(item_seq) * present).sum(1) / present.sum(1).clamp(min=1)
        return {
            "scores": seq_repr @ self.item_emb.weight[1:].T,
            "seq_repr": seq_repr,
            "item_embeddings": self.item_emb.weight,
        }

    def training_loss(self, item_seq: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
        scores = self(item_seq)["scores"]
        last = targets[:, -1]
        return nn.functional.cross_entropy(scores, (last - 1).clamp(min=0))


def build_model(num_items: int) -> nn.Module:
    return MeanEmbedding(num_items)


def build_optimizer(model: nn.Module) -> torch.optim.Optimizer:
    return torch.optim.Adam(model.parameters(), lr=HPARAMS["lr"])
