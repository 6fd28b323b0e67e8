"""Markup and terminal escapes in notes and roadmaps are printed as text, never obeyed."""

from __future__ import annotations

import json
import re

import pytest

from tests.cli_helpers import ORDER, fails, ok, saved_note

pytestmark = pytest.mark.usefixtures("isolated_env")


# terminal control characters: C0 (but tab and newline), DEL and C1, and the bidirectional
# embeddings, overrides and isolates that reorder what a terminal shows after them
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

NASTY_NOTE = (
    "[bold]x[/bold] and [link=http://e]y[/link]\n\n"
    "red \x1b[31mRED\x1b[0m\n\n"
    "title \x1b]0;title\x07\n\n"
    "csi \x9b2J end\n\n"
    "bidi \u202etxet\u2066isolated\u2069"
)


def assert_no_control(text: str) -> None:
    found = sorted({f"U+{ord(c):04X}" for c in CONTROL_RE.findall(text)})
    assert not found, f"terminal control characters reached the output: {found}"


def test_show_prints_markup_and_escapes_in_a_note_literally(cli, progress_file):
    ok(cli("note", "http", NASTY_NOTE))
    assert saved_note(progress_file, "basics/http") == NASTY_NOTE  # stored exactly
    out, _ = ok(cli("show", "http"))
    assert_no_control(out)
    assert "[bold]x[/bold]" in out
    assert "[link=http://e]y[/link]" in out
    assert "[31mRED" in out  # the sequence is shown, not obeyed
    assert "0;title" in out
    assert "2J end" in out


def test_note_from_stdin_with_escapes_is_stored_exactly_and_shown_safely(cli, progress_file):
    ok(cli("note", "http", input=NASTY_NOTE))
    assert saved_note(progress_file, "basics/http") == NASTY_NOTE
    out, _ = ok(cli("show", "http"))
    assert_no_control(out)
    assert "[bold]x[/bold]" in out


def test_show_with_colours_forced_still_never_obeys_the_note(cli, monkeypatch):
    ok(cli("note", "http", NASTY_NOTE))
    monkeypatch.setenv("FORCE_COLOR", "1")
    out, _ = ok(cli("show", "http"))
    # rich's own styling may use ESC here, but none of the note's sequences survive
    assert "\x1b[31m" not in out
    assert "\x1b]0;" not in out and "\x07" not in out
    assert "\x9b" not in out
    assert "\x1b]8;" not in out  # no hyperlink made from [link=...]
    assert "[bold]x[/bold]" in out
    assert "[link=http://e]y[/link]" in out


def test_list_with_a_nasty_note(cli):
    ok(cli("note", "http", NASTY_NOTE))
    out, _ = ok(cli("list"))
    assert_no_control(out)
    assert len(out.strip().splitlines()) == len(ORDER)


def test_list_json_escapes_control_characters(cli):
    ok(cli("note", "http", NASTY_NOTE))
    out, _ = ok(cli("list", "--json"))
    # the note survives exactly, but as JSON escapes, not raw bytes a terminal would obey
    assert {i["id"]: i["note"] for i in json.loads(out)}["basics/http"] == NASTY_NOTE
    assert "[bold]x[/bold]" in out
    assert_no_control(out)


EVIL_ROADMAP = r'''
[roadmap]
id = "evil"
title = "Evil [bold]roadmap[/bold] \u001b]0;pwned\u0007"

[[section]]
id = "s"
title = "Section \u001b[31mred\u001b[0m [red]markup[/red]"

[[section.topic]]
id = "t"
title = "Title [bold]T[/bold] \u001b[2J \u009b2J \u202egis"
summary = "Summary [link=http://e]s[/link] \u001b]8;;http://e\u0007link\u001b]8;;\u0007"
description = """
Description [bold]d[/bold] \u001b[31mred\u001b[0m and C1 \u009b31m.
"""
hours = 1
'''


@pytest.fixture
def evil(run, tmp_path, progress_file):
    path = tmp_path / "evil.toml"
    path.write_text(EVIL_ROADMAP, encoding="utf-8")

    def _run(*args: str):
        return run("--roadmap", path, *args, "--progress", progress_file)

    return _run


@pytest.mark.parametrize(
    "args", [("show", "s/t"), ("list",), ("status",), ("next",), ("validate",)], ids=" ".join
)
def test_roadmap_text_with_markup_and_escapes_is_printed_safely(evil, args):
    out, err = ok(evil(*args))
    assert_no_control(out)
    assert_no_control(err)
    if args[0] in ("show", "list", "next"):
        assert "Title [bold]T[/bold]" in out
    if args[0] == "show":
        assert "[link=http://e]s[/link]" in out
        assert "Description [bold]d[/bold]" in out
    if args[0] == "status":
        assert "Evil [bold]roadmap[/bold]" in out
        assert "[red]markup[/red]" in out


@pytest.mark.parametrize(
    "args", [("list", "--json"), ("status", "--json"), ("export", "--format", "json")]
)
def test_json_output_escapes_control_characters(evil, args):
    out, _ = ok(evil(*args))
    json.loads(out)
    assert "Title [bold]T[/bold]" in out
    assert_no_control(out)


def test_markdown_export_to_stdout_has_no_control_characters(cli):
    ok(cli("note", "http", NASTY_NOTE))
    out, _ = ok(cli("export"))
    assert "[bold]x[/bold]" in out
    assert_no_control(out)


def test_error_messages_do_not_echo_control_characters(cli):
    err = fails(cli("show", "\x1b]0;pwned\x07 \x9b2J"))
    assert_no_control(err)
