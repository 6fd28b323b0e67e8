"""`note`: a note from an argument or standard input, the status kept, cleared only if asked."""

from __future__ import annotations

import pytest

from tests.cli_helpers import ORDER, list_json, ok, saved, saved_note, saved_status

pytestmark = pytest.mark.usefixtures("isolated_env")


def test_note_with_text(cli, progress_file):
    out, _ = ok(cli("note", "http", "remember 301 vs 302"))
    assert "basics/http" in out
    assert saved_note(progress_file, "basics/http") == "remember 301 vs 302"
    assert saved_status(progress_file, "basics/http") == "todo"


def test_note_keeps_the_status(cli, progress_file):
    ok(cli("mark", "http", "done"))
    ok(cli("note", "http", "done and dusted"))
    assert saved_status(progress_file, "basics/http") == "done"
    assert saved_note(progress_file, "basics/http") == "done and dusted"


def test_note_from_stdin(cli, progress_file):
    ok(cli("note", "basics/dns", input="first line\nsecond line\n"))
    assert saved_note(progress_file, "basics/dns").rstrip("\n") == "first line\nsecond line"
    ok(cli("note", "dns", input="windows\r\nline\r\n"))
    assert saved_note(progress_file, "basics/dns").rstrip("\n") == "windows\nline"


@pytest.mark.parametrize("how", ["empty argument", "--clear"])
def test_empty_note_clears(cli, progress_file, how):
    ok(cli("mark", "http", "done"))
    ok(cli("note", "http", "something"))
    if how == "empty argument":
        out, _ = ok(cli("note", "http", ""))
    else:
        out, _ = ok(cli("note", "http", "--clear"))
    assert "cleared" in out
    assert "note" not in saved(progress_file)["basics/http"]
    assert saved_status(progress_file, "basics/http") == "done"
    assert list_json(cli)[ORDER.index("basics/http")]["note"] == ""


@pytest.mark.parametrize("stdin", ["", "  \n\n \t\n"])
def test_empty_standard_input_never_clears_a_note(cli, progress_file, stdin):
    ok(cli("note", "http", "something"))
    code, out, err = cli("note", "http", input=stdin)
    assert code == 1 and out == ""
    assert "standard input was empty: the note of basics/http is kept" in err
    assert "--clear" in err
    assert saved_note(progress_file, "basics/http") == "something"


def test_empty_input_in_a_terminal_asks_before_clearing(cli, progress_file):
    ok(cli("note", "http", "something"))
    code, out, err = cli("note", "http", input="", tty=True)  # ctrl-D at once: no answer
    assert code == 1 and "note kept" in out
    assert "Type the note" in err and "Clear the note of basics/http? [y/N]" in out
    assert saved_note(progress_file, "basics/http") == "something"


def test_empty_input_with_no_note_saves_nothing(cli, progress_file):
    code, out, _ = cli("note", "http", input="")
    assert code == 0 and "nothing saved" in out
    assert not progress_file.exists()


def test_clear_and_a_text_together_are_refused(cli, progress_file):
    code, _, err = cli("note", "http", "text", "--clear")
    assert code == 1 and "either a note TEXT or --clear, not both" in err
