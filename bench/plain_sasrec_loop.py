"""A plain PyTorch SASRec training loop, written the usual way (as in SASRec.pytorch): a Python
sampler builds each batch from random users with numpy, negatives drawn outside the user's
history, BCE over the real positions, full precision. It trains the same seed model as the
harness, so that the bench compares loops, not models."""

import random
import time
from collections.abc import Sequence

import numpy as np
import torch
from torch.nn import functional as F


def _random_negative(low: int, high: int, seen: set[int]) -> int:
    item = random.randrange(low, high)
    while item in seen:
        item = random.randrange(low, high)
    return item


def sample_batch(
    train: Sequence[Sequence[int]], num_items: int, batch_size: int, max_len: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    seqs, poss, negs = [], [], []
    for _ in range(batch_size):
        user = random.randrange(len(train))
        while len(train[user]) <= 1:
            user = random.randrange(len(train))
        history = train[user]
        seq, pos, neg = (np.zeros(max_len, dtype=np.int64) for _ in range(3))
        nxt, idx, seen = history[-1], max_len - 1, set(history)
        for item in reversed(history[:-1]):
            seq[idx], pos[idx] = item, nxt
            neg[idx] = _random_negative(1, num_items + 1, seen)
            nxt, idx = item, idx - 1
            if idx == -1:
                break
        seqs.append(seq)
        poss.append(pos)
        negs.append(neg)
    return np.stack(seqs), np.stack(poss), np.stack(negs)


def train_epochs(
    model: torch.nn.Module,
    optimizer: torch.optim.Optimizer,
    train: Sequence[Sequence[int]],
    num_items: int,
    batch_size: int,
    max_len: int,
    epochs: int,
    device: torch.device,
) -> list[float]:
    """Seconds of each epoch (``len(train) // batch_size`` steps, as SASRec.pytorch counts).

    ``model`` and ``optimizer`` must already live on ``device``."""
    model.train()
    seconds = []
    for _ in range(epochs):
        start = time.perf_counter()
        for _ in range(len(train) // batch_size):
            seq, pos, neg = sample_batch(train, num_items, batch_size, max_len)
            seq_t, pos_t, neg_t = (torch.from_numpy(a).to(device) for a in (seq, pos, neg))
            states, _ = model.encode(seq_t)
            pos_logits = (states * model.item_emb(pos_t)).sum(-1)
            neg_logits = (states * model.item_emb(neg_t)).sum(-1)
            real = pos_t != 0
            loss = F.binary_cross_entropy_with_logits(
                pos_logits[real], torch.ones_like(pos_logits[real])
            ) + F.binary_cross_entropy_with_logits(
                neg_logits[real], torch.zeros_like(neg_logits[real])
            )
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        if device.type == "cuda":
            torch.cuda.synchronize(device)
        seconds.append(time.perf_counter() - start)
    return seconds
