import pytest

from conftest import require_data
from evolverec_trainer.datasets.formats import read_recbole, read_text
from evolverec_trainer.datasets.interactions import DatasetError
from evolverec_trainer.datasets.registry import load_dataset


def test_text_file_orders_by_timestamp_with_ties_in_file_order(tmp_path):
    # Prepare: user 7's events out of time order; two share a timestamp.
    (tmp_path / "log.txt").write_text("7 b 30\n7 a 10\n7 c 20\n7 d 20\n3 a 5\n3 c 6\n")
    (tmp_path / "log_items.tsv").write_text("item\ttitle\tgenres\na\tAlpha\tX|Y\nc\tGamma\t\n")
    # Act
    data = load_dataset(str(tmp_path / "log.txt"), tmp_path)
    # Assess: users by ascending id (3, 7); items a, b, c, d numbered 1..4.
    assert data.sequences == [[1, 3], [1, 3, 4, 2]]
    assert data.num_items == 4
    assert data.items[1].title == "Alpha" and data.items[1].genres == ("X", "Y")
    assert data.items[3].genres == ()


def test_text_file_without_timestamps_keeps_file_order(tmp_path):
    (tmp_path / "seq.txt").write_text("1 3\n1 1\n2 2\n")
    data = read_text("seq", tmp_path / "seq.txt")
    assert data.sequences == [[3, 1], [2]]


def test_recbole_atomic_files_are_read_by_header_names(tmp_path):
    (tmp_path / "mini.inter").write_text(
        "user_id:token\titem_id:token\trating:float\ttimestamp:float\n"
        "u1\ti2\t5\t200\nu1\ti1\t3\t100\nu2\ti2\t4\t50\n"
    )
    (tmp_path / "mini.item").write_text(
        "item_id:token\tmovie_title:token_seq\tgenre:token_seq\ni1\tFirst\tDrama Comedy\n"
    )
    data = read_recbole("mini", tmp_path / "mini.inter")
    assert data.sequences == [[1, 2], [2]]
    assert data.items[1].title == "First" and data.items[1].genres == ("Drama", "Comedy")


def test_malformed_line_names_file_and_line(tmp_path):
    (tmp_path / "bad.txt").write_text("1 2\n1\n")
    with pytest.raises(DatasetError, match=r"bad\.txt:2"):
        read_text("bad", tmp_path / "bad.txt")


def test_unknown_dataset_lists_the_known_ones(tmp_path):
    with pytest.raises(DatasetError, match="ml-1m, ml-100k"):
        load_dataset("ml-10m", tmp_path)


def test_movielens_100k_reads_implicit_feedback_titles_and_genres():
    data = load_dataset("ml-100k", require_data("ml-100k").parent)
    assert (data.num_users, data.num_items, data.num_interactions) == (943, 1682, 100_000)
    assert data.items[1].title == "Toy Story (1995)"
    assert data.items[1].genres == ("Animation", "Children's", "Comedy")


def test_movielens_1m_sasrec_file_has_the_standard_counts():
    data = load_dataset("ml-1m", require_data("ml-1m").parent)
    assert (data.num_users, data.num_items, data.num_interactions) == (6040, 3416, 999_611)
    assert data.items[1].title == "Raiders of the Lost Ark (1981)"
