import pytest

from conftest import require_data, synthetic
from evolverec_trainer.datasets.interactions import DatasetError
from evolverec_trainer.datasets.registry import load_dataset
from evolverec_trainer.datasets.views import (
    UserSplit,
    leave_one_out,
    make_view,
    read_view,
    write_view,
)
from evolverec_trainer.evaluation import validation_cases
from evolverec_trainer.windows import left_pad, next_item_pairs


def test_leave_one_out_holds_out_the_last_two_items_in_time_order():
    assert leave_one_out([5, 3, 9, 1]) == UserSplit([5, 3], 9, 1)
    assert leave_one_out([5, 3]) == UserSplit([5, 3], None, None)


def test_candidate_view_on_disk_holds_no_test_item_nor_a_held_out_validation_item(tmp_path):
    # Prepare: real ml-1m (no repeated items), so a held-out item can only appear as itself.
    data = load_dataset("ml-1m", require_data("ml-1m").parent)
    # Act
    write_view(make_view(data, "candidate"), tmp_path / "candidate")
    write_view(make_view(data, "judge"), tmp_path / "judge")
    candidate, judge = read_view(tmp_path / "candidate"), read_view(tmp_path / "judge")
    # Assess
    assert len(candidate.users) == len(judge.users) == 6040
    held_out = 0
    for sequence, mine, judges in zip(data.sequences, candidate.users, judge.users, strict=True):
        assert mine.test is None and not mine.held_out
        assert sequence[-1] not in mine.train and sequence[-1] != mine.valid
        assert (judges.valid, judges.test) == (sequence[-2], sequence[-1])
        if judges.held_out:
            held_out += 1
            assert mine.valid is None and sequence[-2] not in mine.train
        else:
            assert mine.valid == sequence[-2]
    # About half the users are the judge's alone, fixed by dataset and user.
    assert 2800 < held_out < 3240


def test_the_held_out_half_is_the_same_in_every_preparation():
    data = synthetic(users=200)
    first = [u.held_out for u in make_view(data, "judge").users]
    again = [u.held_out for u in make_view(data, "judge").users]
    assert first == again and 60 < sum(first) < 140


def test_training_input_never_holds_validation_or_test_items():
    # Prepare
    data = synthetic(users=30, items=500, length=10)
    view = make_view(data, "judge")
    # Act
    inputs, targets = next_item_pairs([u.train for u in view.users], 8)
    # Assess: row by row, only the user's own training items appear.
    for row, user in enumerate(view.users):
        allowed = set(user.train) | {0}
        assert set(inputs[row].tolist()) <= allowed
        assert set(targets[row].tolist()) <= allowed


def test_the_workers_validation_cases_are_the_tuning_users_only():
    view = make_view(synthetic(users=60), "candidate")
    histories, targets = validation_cases(view)
    tuning = [u for u in view.users if u.valid is not None]
    assert 0 < len(targets) == len(tuning) < 60
    assert histories == [u.train for u in tuning] and targets == [u.valid for u in tuning]


def test_read_view_rejects_a_candidate_view_that_carries_judge_items(tmp_path):
    view = make_view(synthetic(), "judge")
    write_view(view, tmp_path)
    manifest = (tmp_path / "dataset.json").read_text().replace('"judge"', '"candidate"')
    (tmp_path / "dataset.json").write_text(manifest)
    with pytest.raises(DatasetError, match="must not hold test or held-out items"):
        read_view(tmp_path)


def test_left_pad_keeps_the_most_recent_items_at_the_end():
    assert left_pad([[1, 2, 3, 4], [7]], 3).tolist() == [[2, 3, 4], [0, 0, 7]]
