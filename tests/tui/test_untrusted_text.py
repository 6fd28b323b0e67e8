"""Pilot tests: Titles, notes and messages are shown as text; NO_COLOR.

Assertions are about what a user notices."""

from __future__ import annotations

from textual.widgets import Static

from roadmap_tui.core.loader import parse
from roadmap_tui.tui.screens.dialogs import ConfirmBranchScreen

from .conftest import seed_progress
from .helpers import (
    SHOWN,
    SIZE,
    detail_title,
    header,
    label,
    markup_roadmap,
    note_shown,
    screen_text,
)


async def test_markup_and_escapes_in_titles_and_notes_are_shown_literally(make_app, progress_path):
    roadmap = markup_roadmap()
    note = "[blink]note[/blink] [link=https://evil.example]x[/link] \x1b]0;pwned\x07 \x1b[2J"
    seed_progress(progress_path, "mini", notes={"basics/intro": note})
    app = make_app(roadmap)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j")
        assert header(app).startswith(f" {SHOWN} ")
        assert label(app, "basics/intro") == f"○ {SHOWN} intro ✎"  # ✎: it has a note
        assert detail_title(app) == f"{SHOWN} intro"
        assert "[blink]note[/blink] [link=https://evil.example]x[/link]" in note_shown(app)
        text = screen_text(app)
        assert f"{SHOWN} intro" in text
        assert "[blink]note[/blink]" in text
        assert "\x1b" not in text and "\x07" not in text


async def test_markup_and_escapes_in_the_branch_dialog_are_shown_literally(make_app):
    app = make_app(markup_roadmap())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "l", "j", "space")
        assert isinstance(app.screen, ConfirmBranchScreen)
        question = str(app.screen.query_one("#question", Static).render())
        assert question == f"Mark {SHOWN} protocols as done?"
        assert "\x1b" not in screen_text(app)


async def test_markup_and_escapes_in_notifications_are_shown_literally(make_app):
    app = make_app(markup_roadmap())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("w")  # "Next: <title> (...)": Introduction is the next topic
        await pilot.pause(0.1)
        text = screen_text(app)
        assert f"Next: {SHOWN} intro" in text
        assert "\x1b" not in text
        app.clear_notifications()
        await pilot.press("space", "u")  # "Undone: <title>"
        await pilot.pause(0.1)
        text = screen_text(app)
        assert f"Undone: {SHOWN} intro" in text
        assert "\x1b" not in text


async def test_a_title_with_an_unbalanced_markup_tag_does_not_crash(make_app, mini_path):
    text = mini_path.read_text().replace('title = "Mini Roadmap"', 'title = "Odd [/] title"')
    app = make_app(parse(text))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert header(app).startswith(" Odd [/] title ")


async def test_no_color_is_respected_and_statuses_stay_distinct(make_app, mini, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(mini)
    assert app.no_color
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j", "space", "j", "i")
        # without colour, the glyphs alone tell the statuses apart
        assert label(app, "basics/intro").startswith("● ")
        assert label(app, "basics/tools").startswith("◐ ")
