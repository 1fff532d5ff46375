"""The fixed training loop: epochs over the training split, early stopping on validation."""

import copy
import math
import sys
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field

import torch
from torch import nn

from .datasets.views import PreparedView
from .evaluation import evaluate
from .program import Program
from .windows import next_item_pairs

EARLY_STOPPING_METRIC = "val_ndcg@10"


@dataclass(frozen=True)
class TrainingBudget:
    max_epochs: int = 200
    patience: int = 20  # evaluations without improvement before stopping
    eval_every: int = 1
    # Soft limit: stop after the epoch that crosses it and keep the best so far. The hard
    # wall-time limit of the runner kills the job instead.
    train_seconds: float | None = None


@dataclass
class EpochRecord:
    epoch: int
    loss: float
    val_ndcg10: float
    seconds: float


@dataclass
class TrainingOutcome:
    model: nn.Module
    best_epoch: int
    epochs: int
    curve: list[EpochRecord] = field(default_factory=list)
    train_seconds: float = 0.0
    evaluate_seconds: float = 0.0


class NonFiniteLossError(Exception):
    """The training loss became NaN or infinite."""


def train(
    program: Program,
    view: PreparedView,
    budget: TrainingBudget,
    device: torch.device,
    log: Callable[[str], None] = lambda line: print(line, file=sys.stderr, flush=True),
) -> TrainingOutcome:
    model = program.build_model(view.num_items).to(device)
    optimizer = program.build_optimizer(model)
    inputs, targets = next_item_pairs([u.train for u in view.users], program.max_len)
    inputs, targets = inputs.to(device), targets.to(device)
    outcome = TrainingOutcome(model, best_epoch=0, epochs=0)
    best_score, best_state, stale = -math.inf, copy.deepcopy(model.state_dict()), 0
    started = time.perf_counter()
    for epoch in range(1, budget.max_epochs + 1):
        epoch_start = time.perf_counter()
        loss = _train_epoch(model, optimizer, inputs, targets, program.batch_size, device)
        if not math.isfinite(loss):
            raise NonFiniteLossError(f"training loss is {loss} in epoch {epoch}")
        train_time = time.perf_counter() - epoch_start
        outcome.train_seconds += train_time
        outcome.epochs = epoch
        if epoch % budget.eval_every and epoch != budget.max_epochs:
            continue
        eval_start = time.perf_counter()
        score = evaluate(model, view, program.max_len, device)[EARLY_STOPPING_METRIC]
        outcome.evaluate_seconds += time.perf_counter() - eval_start
        outcome.curve.append(EpochRecord(epoch, loss, score, train_time))
        if score > best_score:
            best_score, outcome.best_epoch, stale = score, epoch, 0
            best_state = copy.deepcopy(model.state_dict())
        else:
            stale += 1
        log(
            f"epoch {epoch}/{budget.max_epochs} loss {loss:.4f} {EARLY_STOPPING_METRIC} "
            f"{score:.4f} best {best_score:.4f}@{outcome.best_epoch} {train_time:.1f}s"
        )
        out_of_time = (
            budget.train_seconds is not None
            and time.perf_counter() - started > budget.train_seconds
        )
        if stale >= budget.patience or out_of_time:
            log(f"stopping after epoch {epoch}: " + ("time budget" if out_of_time else "patience"))
            break
    model.load_state_dict(best_state)
    return outcome


def _train_epoch(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    inputs: torch.Tensor,
    targets: torch.Tensor,
    batch_size: int,
    device: torch.device,
) -> float:
    """One pass over every user in random order; returns the mean loss."""
    model.train()
    order = torch.randperm(inputs.shape[0], device=device)
    total = torch.zeros((), device=device)
    steps = 0
    for start in range(0, len(order), batch_size):
        rows = order[start : start + batch_size]
        with _autocast(device):
            loss = model.training_loss(inputs[rows], targets[rows])
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        # Accumulated on the device: no host sync per step; NaN survives the sum.
        total += loss.detach().float()
        steps += 1
    return total.item() / max(steps, 1)


def _autocast(device: torch.device) -> AbstractContextManager[object]:
    """Mixed precision on CUDA (bfloat16 needs no loss scaling); full precision on CPU."""
    if device.type == "cuda" and torch.cuda.is_bf16_supported():
        return torch.autocast("cuda", dtype=torch.bfloat16)
    return nullcontext()
