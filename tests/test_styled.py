"""Styled pages: plain text where rich would print no style, rich where styles can show."""

from __future__ import annotations

import io
import os
import pty

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from roadmap_tui.cli.styled import Styled, shows_styles, write

STYLES = ["", "bold", "dim", "green", "bold green", "bold yellow", "cyan", "red", "italic"]
runs = st.lists(
    st.tuples(
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
        st.sampled_from(STYLES),
    ),
    max_size=8,
)


@pytest.fixture
def no_colour_env(monkeypatch):
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)


def _page(pairs: list[tuple[str, str]]) -> Styled:
    page = Styled()
    for text, style in pairs:
        page.append(text, style)
    return page


def _rich(page: Styled, **options) -> str:
    out = io.StringIO()
    console = Console(file=out, highlight=False, soft_wrap=True, emoji=False, **options)
    console.print(page.to_text())
    return out.getvalue()


@given(runs)
def test_plain_output_is_what_rich_prints_without_a_terminal(pairs):
    # the same characters rich writes to a pipe: the page is written without it
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        os.environ.pop(name, None)
    page = _page(pairs)
    out = io.StringIO()
    # rich is asked only for what it would change: a tab, or a control character it strips
    write(page, out, lambda: Console(file=out, highlight=False, soft_wrap=True, emoji=False))
    assert out.getvalue() == _rich(page)


def test_a_tab_goes_through_rich_which_expands_it(no_colour_env):
    page = Styled("a\tb", "bold")
    out = io.StringIO()
    write(page, out, lambda: Console(file=out, highlight=False, soft_wrap=True))
    assert out.getvalue() == "a       b\n"


def test_a_terminal_gets_rich_and_its_styles(no_colour_env):
    page = Styled("title", "bold").append(" rest")
    master, slave = pty.openpty()
    try:
        with open(slave, "w", encoding="utf-8", closefd=False) as tty:
            assert shows_styles(tty)
            out = io.StringIO()
            write(page, tty, lambda: Console(file=out, force_terminal=True, highlight=False))
    finally:
        os.close(master)
        os.close(slave)
    assert out.getvalue() == "\x1b[1mtitle\x1b[0m rest\n"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, False),
        ({"FORCE_COLOR": "1"}, True),
        ({"FORCE_COLOR": ""}, True),  # rich decides (it says no); rich is asked
        ({"TTY_COMPATIBLE": "1"}, True),
        ({"TTY_COMPATIBLE": "0", "FORCE_COLOR": "1"}, False),  # rich's order: this one first
    ],
)
def test_the_environment_decides_as_rich_does(no_colour_env, monkeypatch, env, expected):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert shows_styles(io.StringIO()) is expected
    if not expected:
        assert not Console(file=io.StringIO()).is_terminal


def test_no_terminal_no_styles_and_empty_runs_are_dropped(no_colour_env):
    page = Styled().append("").append("x", "bold")
    assert page.runs == [("x", "bold")]
    assert not Styled()
    out = io.StringIO()
    write(Styled("a\n", "green").append("b", "dim"), out, lambda: pytest.fail("no rich"))
    assert out.getvalue() == "a\nb\n"
