"""The Output object: plain text and JSON without rich, styled pages through rich's Console,
which alone decides whether styles show (a terminal, NO_COLOR, FORCE_COLOR)."""

from __future__ import annotations

import io
import os
import pty

import pytest
from rich.text import Text

from roadmap_tui.cli.output import Output, text


@pytest.fixture(autouse=True)
def no_colour_env(monkeypatch):
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR", "TTY_INTERACTIVE"):
        monkeypatch.delenv(name, raising=False)


def styled() -> Text:
    return Text().append("title", "bold").append(" rest")


def test_say_and_write_are_plain_and_say_makes_controls_visible():
    out, err = io.StringIO(), io.StringIO()
    output = Output(stdout=out, stderr=err)
    output.say("a \x1b[31mred\x1b[0m note")
    output.say("oops", err=True)
    output.write('{"a": 1}\n')
    assert out.getvalue() == 'a ␛[31mred␛[0m note\n{"a": 1}\n'
    assert err.getvalue() == "oops\n"


def test_a_styled_page_to_a_pipe_is_plain_text():
    out = io.StringIO()
    Output(stdout=out).print(styled())
    assert out.getvalue() == "title rest\n"


def test_force_color_styles_a_pipe(monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    out = io.StringIO()
    Output(stdout=out).print(styled())
    assert out.getvalue().startswith("\x1b[1mtitle\x1b[0m")


@pytest.mark.parametrize(("no_color", "expected"), [(False, True), (True, False)])
def test_a_terminal_gets_styles_unless_no_color(monkeypatch, no_color, expected):
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    master, slave = pty.openpty()
    try:
        with open(slave, "w", encoding="utf-8", closefd=False) as tty:
            Output(stdout=tty).print(Text("done", "bold green"))
        written = os.read(master, 1000).decode()
    finally:
        os.close(master)
        os.close(slave)
    assert "done" in written
    assert ("\x1b[32m" in written or "\x1b[1;32m" in written) == expected


def test_rich_is_created_only_when_a_page_is_printed():
    output = Output(stdout=io.StringIO())
    output.say("plain")
    assert "console" not in vars(output)
    output.print(styled())
    assert "console" in vars(output)


def test_text_from_files_is_never_markup():
    out = io.StringIO()
    Output(stdout=out).print(text("[bold]x[/bold] \x1b]0;t\x07"))
    assert out.getvalue() == "[bold]x[/bold] ␛]0;t␇\n"


def test_interactive_follows_standard_input():
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert Output(stdin=Tty()).interactive
    assert not Output(stdin=io.StringIO()).interactive
