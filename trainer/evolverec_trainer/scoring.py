"""Reference PyTorch scores of a trained checkpoint, for parity checks of the ONNX export."""

from pathlib import Path

import torch

from .program import load_program
from .windows import left_pad


@torch.no_grad()
def score_histories(
    program_dir: Path, checkpoint: Path, num_items: int, histories: list[list[int]]
) -> list[list[float]]:
    program = load_program(program_dir)
    model = program.build_model(num_items)
    model.load_state_dict(torch.load(checkpoint, map_location="cpu", weights_only=True))
    model.eval()
    return model(left_pad(histories, program.max_len))["scores"].float().tolist()
