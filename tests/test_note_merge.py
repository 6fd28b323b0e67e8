"""The three-way merge of a note (core.progress.merge_note) and the store's use of it: an edit
saved against the text it started from never erases another program's change."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from roadmap_tui.core.progress import CONFLICT_MARKER, merge_note
from roadmap_tui.storage.progress import ProgressStore

T0 = datetime(2026, 11, 25, 9, 12, tzinfo=UTC)
MARK = f"\n\n{CONFLICT_MARKER}2026-11-25T09:12:00Z\n"


def test_changes_of_different_lines_are_both_applied() -> None:
    base = "one\ntwo\nthree"
    assert merge_note("ONE\ntwo\nthree", base, "one\ntwo\nthree\nfour", T0) == (
        "ONE\ntwo\nthree\nfour"
    )
    assert merge_note("one\ntwo\nTHREE", base, "one\nTWO\nthree", T0) == "one\nTWO\nTHREE"
    # a line removed on one side, another changed on the other
    assert merge_note("one\nthree", base, "one\ntwo\n3", T0) == "one\n3"
    # the same change on both sides is made once
    assert merge_note("one\n2\nthree", base, "one\n2\nthree\nfour", T0) == "one\n2\nthree\nfour"


def test_changes_of_the_same_lines_keep_both_whole_texts() -> None:
    assert merge_note("theirs", "base", "ours", T0) == f"theirs{MARK}ours"
    assert merge_note("a\nX", "a\nb", "a\nY", T0) == f"a\nX{MARK}a\nY"
    # both add a line at the same place: which goes first is not guessed
    assert merge_note("a\nfrom them", "a", "a\nfrom us", T0) == f"a\nfrom them{MARK}a\nfrom us"


def test_text_added_around_a_conflict_merges_cleanly() -> None:
    """After a conflict the file holds theirs, the marker and ours: typing on at the end of
    ours is a change of our lines only."""
    saved = merge_note("other text", "mine", "mine and", T0)
    assert saved == f"other text{MARK}mine and"
    assert merge_note(saved, "mine and", "mine and more", T0) == f"other text{MARK}mine and more"


def test_the_simple_cases() -> None:
    assert merge_note("base", "base", "ours", T0) == "ours"
    assert merge_note("theirs", "base", "base", T0) == "theirs"
    assert merge_note("same", "base", "same", T0) == "same"
    assert merge_note("", "base", "ours", T0) == "ours"  # they cleared it, we wrote on
    assert merge_note("theirs", "base", "", T0) == "theirs"  # we cleared it, they wrote on


def test_a_store_saving_from_an_old_base_keeps_the_other_change(tmp_path: Path) -> None:
    path = tmp_path / "progress.toml"
    app = ProgressStore(path, "r")
    app.set_note("t", "first\nsecond")
    cli = ProgressStore(path, "r")
    cli.set_note("t", "FIRST\nsecond")  # another terminal
    app.load()  # the app has read the other change, but its editor started before it
    saved = app.set_note("t", "first\nsecond, longer", base="first\nsecond")
    assert saved.note == "FIRST\nsecond, longer"
    assert ProgressStore(path, "r").get("t").note == "FIRST\nsecond, longer"
