"""NO_COLOR: with NO_COLOR=1 the app and the commands show every state without colour. The
app is measured on what Textual really paints under NO_COLOR (its line filters applied to the
rendered lines): no colour anywhere, and the status glyphs, a not-chosen row, the cursor's row
and the search highlight still tell themselves apart. The commands in a terminal print no
escape codes at all."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from choice_roadmap import choice_roadmap
from rich.segment import Segment
from textual.color import Color

from .conftest import MINI_TOML
from .helpers import SIZE, goto, main
from .test_contrast import contrast

BIN = Path(sys.executable).parent


def shown_lines(app, widget) -> list[list[Segment]]:
    """The widget's lines as the terminal gets them: Textual's line filters applied."""
    background = widget.styles.background
    lines = []
    for y in range(widget.size.height):
        segments = list(widget.render_line(y))
        for line_filter in app.get_line_filters():
            segments = line_filter.apply(segments, background)
        lines.append(segments)
    return lines


def colours(segment: Segment) -> list[Color]:
    style = segment.style
    if style is None:
        return []
    return [Color.from_rich_color(c) for c in (style.color, style.bgcolor) if c and c.triplet]


def backgrounds(line: list[Segment], words: str) -> set[Color]:
    """The greys the segments of ``words`` in ``line`` are painted on (reverse: their colour)."""
    found = set()
    for segment in line:
        if segment.style and segment.text.strip() and segment.text.strip() in words:
            fore, back = segment.style.color, segment.style.bgcolor
            back = fore if segment.style.reverse else back
            found.add(Color.from_rich_color(back))
    return found


def line_of(lines: list[list[Segment]], text: str) -> list[Segment]:
    (found,) = [line for line in lines if text in "".join(s.text for s in line)]
    return found


@pytest.fixture
def no_color(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")


async def test_the_tree_under_no_color_has_no_colour_and_every_state_shows(no_color, make_app):
    app = make_app(choice_roadmap())
    assert app.no_color
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "language/go")
        await pilot.press("c")  # Go chosen: Python and JavaScript are "not chosen"
        await goto(pilot, "language/python")
        tree = main(app).tree
        lines = shown_lines(app, tree)
        # no colour: every colour painted is a grey
        assert all(c.r == c.g == c.b for line in lines for s in line for c in colours(s))
        # a not-chosen row is in italic (its words), the others are not
        not_chosen = line_of(lines, "JavaScript")
        assert any(s.style and s.style.italic for s in not_chosen if "JavaScript" in s.text)
        chosen = line_of(lines, " Go")
        assert not any(s.style and s.style.italic for s in chosen if "Go" in s.text)
        # the cursor's row (Python) stands out from the rows around it without colour: its
        # title is painted on a grey at least 3:1 from theirs
        cursor_row = line_of(lines, "Python")
        backs, around = backgrounds(cursor_row, "Python"), backgrounds(not_chosen, "JavaScript")
        assert min(contrast(a, b) for a in backs for b in around) >= 3, (backs, around)


async def test_the_statuses_and_the_search_highlight_show_under_no_color(no_color, make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j", "space", "j", "i")  # Introduction done, Tools in progress
        await pilot.press("slash", *"tool", "enter")
        await pilot.pause()
        lines = shown_lines(app, main(app).tree)
        text = ["".join(s.text for s in line) for line in lines]
        assert any("◐ Tools" in row for row in text), text
        tools = line_of(lines, "Tools")
        highlighted = [s.text for s in tools if s.style and s.style.underline]
        assert "".join(highlighted) == "Tool"  # the searched word, underlined


def run_in_a_terminal(env: dict[str, str], *args: str) -> str:
    """What a command writes to a terminal (a pseudo-terminal as its standard output)."""
    master, slave = pty.openpty()
    try:
        done = subprocess.run(
            [str(BIN / "roadmap-tui"), *args],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=slave,
            stderr=subprocess.PIPE,
            timeout=60,
        )
        os.close(slave)
        slave = -1
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the terminal closed: everything is read
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(master)
        if slave >= 0:
            os.close(slave)
    assert done.returncode == 0, done.stderr
    return b"".join(chunks).decode()


@pytest.mark.parametrize(
    "args", [("status",), ("list",), ("next",), ("show", "basics/intro"), ("roadmaps",)]
)
def test_the_commands_in_a_terminal_print_no_escape_codes_under_no_color(tmp_path, args):
    roadmap = tmp_path / "mini.toml"
    roadmap.write_text(MINI_TOML, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ROADMAP_TUI_")}
    env = {k: v for k, v in env.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    env.update(
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        ROADMAP_TUI_CACHE=str(tmp_path / "cache"),
        ROADMAP_TUI_ROADMAP=str(roadmap),
        TERM="xterm-256color",
    )
    assert "\x1b[" in run_in_a_terminal(env, *args)  # in colour in a terminal...
    plain = run_in_a_terminal({**env, "NO_COLOR": "1"}, *args)
    assert plain.strip() and "\x1b" not in plain  # ...and under NO_COLOR, not one escape


async def test_a_ticked_checklist_item_shows_under_no_color(no_color, make_app, bundled):
    from textual.widgets import SelectionList

    from roadmap_tui.tui.screens.practice_dialogs import ChecklistScreen

    from .conftest import wait_for

    app = make_app(bundled)
    async with app.run_test(size=(120, 50)) as pilot:
        await goto(pilot, "projects/todo-api")
        await pilot.press("x")
        assert await wait_for(pilot, lambda: isinstance(app.screen, ChecklistScreen))
        items = app.screen.query_one(SelectionList)
        await pilot.press("space", "down")  # the first ticked, the cursor on the second
        await pilot.pause()
        lines = shown_lines(app, items)

        def button(text: str) -> tuple:
            """How the box before an item is painted: its text, its greys, reverse or not."""
            line = line_of(lines, text)
            box = next(s for s in line if "X" in s.text)
            fore, back = box.style.color, box.style.bgcolor
            if box.style.reverse:
                fore, back = back, fore
            return Color.from_rich_color(fore), Color.from_rich_color(back)

        ticked = button("endpoints to create")
        unticked = button("automated tests")  # neither ticked nor under the cursor
        # in greys: the ticked box shows its X (7.7:1), an unticked one hides it (1.4:1)
        assert contrast(*ticked) >= 3, ticked
        assert contrast(*unticked) < 2, unticked
