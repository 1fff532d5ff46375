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
from evolverec_trainer.evaluation import evaluation_cases
from evolverec_trainer.windows import left_pad, next_item_pairs


def test_leave_one_out_holds_out_the_last_two_items_in_time_order():
    assert leave_one_out([5, 3, 9, 1]) == UserSplit([5, 3], 9, 1)
    assert leave_one_out([5, 3]) == UserSplit([5, 3], None, None)


def test_candidate_view_on_disk_holds_no_test_item(tmp_path):
    # Prepare: real ml-1m (no repeated items), so a test item can only appear as the test.
    data = load_dataset("ml-1m", require_data("ml-1m").parent)
    # Act
    write_view(make_view(data, "candidate"), tmp_path / "candidate")
    view = read_view(tmp_path / "candidate")
    # Assess
    assert len(view.users) == 6040
    for sequence, user in zip(data.sequences, view.users, strict=True):
        assert user.test is None
        assert sequence[-1] not in user.train and sequence[-1] != user.valid
        assert user.valid == sequence[-2]


def test_training_input_never_holds_validation_or_test_items():
    # Prepare
    data = synthetic(users=30, items=500, length=10)
    view = make_view(data, "full")
    # Act
    inputs, targets = next_item_pairs([u.train for u in view.users], 8)
    # Assess: row by row, only the user's own training items appear.
    for row, user in enumerate(view.users):
        allowed = set(user.train) | {0}
        assert set(inputs[row].tolist()) <= allowed
        assert set(targets[row].tolist()) <= allowed


def test_test_histories_include_validation_item_and_validation_histories_do_not():
    view = make_view(synthetic(users=3), "full")
    val_histories, val_targets = evaluation_cases(view, "val")
    test_histories, test_targets = evaluation_cases(view, "test")
    for user, vh, vt, th, tt in zip(
        view.users, val_histories, val_targets, test_histories, test_targets, strict=True
    ):
        assert (vh, vt) == (user.train, user.valid)
        assert (th, tt) == ([*user.train, user.valid], user.test)


def test_read_view_rejects_a_candidate_view_that_carries_test_items(tmp_path):
    view = make_view(synthetic(), "full")
    write_view(view, tmp_path)
    manifest = (tmp_path / "dataset.json").read_text().replace('"full"', '"candidate"')
    (tmp_path / "dataset.json").write_text(manifest)
    with pytest.raises(DatasetError, match="must not hold test items"):
        read_view(tmp_path)


def test_left_pad_keeps_the_most_recent_items_at_the_end():
    assert left_pad([[1, 2, 3, 4], [7]], 3).tolist() == [[2, 3, 4], [0, 0, 7]]
