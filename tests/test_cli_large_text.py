"""`show` with a description or a note of megabytes: the first part, quickly, and how to read
all of it (`--full`)."""

from __future__ import annotations

import pytest

from roadmap_tui.storage.progress import ProgressStore

pytestmark = pytest.mark.usefixtures("isolated_env")

PARAGRAPH = "A paragraph of **Markdown** that goes on and on about the topic at hand.\n\n"
LONG = PARAGRAPH * 6_000 + "THE VERY END"  # 444 KB


def ok(result) -> str:
    code, out, err = result
    assert code == 0, f"exit {code}\n{out}\n{err}"
    return out


def test_show_prints_the_first_part_of_a_long_note_and_says_so(cli, progress_file):
    store = ProgressStore(progress_file, "mini")
    store.set_note("basics/dns", LONG)
    out = ok(cli("show", "basics/dns"))
    assert "A paragraph of Markdown" in out
    assert "THE VERY END" not in out
    assert (
        "showing the first 8 KB of this 444 KB note; "
        "`roadmap-tui show --full basics/dns` prints all of it" in out
    )
    full = ok(cli("show", "--full", "basics/dns"))
    assert full.rstrip().endswith("THE VERY END")
    assert "showing the first" not in full
    assert ProgressStore(progress_file, "mini").get("basics/dns").note == LONG  # kept whole


def test_show_prints_the_first_part_of_a_long_description_and_says_so(
    run, roadmap_file, progress_file
):
    text = roadmap_file.read_text().replace(
        'summary = "Names to addresses."',
        'summary = "Names to addresses."\ndescription = """' + LONG + '"""',
    )
    roadmap_file.write_text(text, encoding="utf-8")
    common = ("--roadmap", roadmap_file, "--progress", progress_file)
    out = ok(run(*common, "show", "basics/dns"))
    assert "THE VERY END" not in out
    assert "showing the first 8 KB of this 444 KB description" in out
    full = ok(run(*common, "show", "basics/dns", "--full"))
    assert "THE VERY END" in full
    assert "showing the first" not in full


def test_a_short_note_is_shown_whole_without_a_notice(cli, progress_file):
    ProgressStore(progress_file, "mini").set_note("basics/dns", "short **note**")
    out = ok(cli("show", "basics/dns"))
    assert "short note" in out
    assert "showing the first" not in out
