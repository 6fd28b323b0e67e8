"""Pilot tests: Titles, notes and messages are shown as text; NO_COLOR.

Assertions are about what a user notices."""

from __future__ import annotations

from textual.widgets import Static

from roadmap_tui.core.loader import parse
from roadmap_tui.tui.screens.dialogs import ConfirmBranchScreen

from .conftest import seed_progress, wait_for
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
        assert label(app, "basics/intro") == f"○ {SHOWN} intro"
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


# ---------------------------------------------------------------- the command palette

HOSTILE_TITLES = {
    "Introduction": "Alpha [/] broken",
    "Tools": '[reverse]Styled[/reverse] [link="file:///etc/passwd"]click[/link]'
    " [@click=app.quit]q[/]",
}


def hostile_roadmap(text: str):
    for old, new in HOSTILE_TITLES.items():
        text = text.replace(f'title = "{old}"', f"title = '{new}'")
    return parse(text)


def palette_rows(app) -> list[str]:
    """The text of every hit the open palette lists (its prompt and help), as shown."""
    from textual.widgets import OptionList

    options = app.screen.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def palette_links(app) -> list[str]:
    """Every hyperlink or click action painted in the palette's list."""
    from textual.widgets import OptionList

    options = app.screen.query_one(OptionList)
    found = []
    for strip in options.render_lines(options.region.reset_offset):
        for segment in strip:
            style = segment.style
            if style is not None and (style.link or (style.meta or {}).get("@click")):
                found.append(style.link or str(style.meta))
    return found


async def open_palette(pilot, query: str) -> None:
    from textual.command import CommandPalette

    app = pilot.app
    await pilot.press("ctrl+p")
    assert await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
    await pilot.press(*query)
    await pilot.pause(0.5)


async def test_palette_shows_titles_as_text_and_unbalanced_markup_hides_nothing(
    make_app, mini_path
):
    app = make_app(hostile_roadmap(mini_path.read_text()))
    async with app.run_test(size=SIZE) as pilot:
        await open_palette(pilot, "go to")
        assert await wait_for(pilot, lambda: any("History" in r for r in palette_rows(app)))
        rows = "\n".join(palette_rows(app))
        assert "Go to Alpha [/] broken" in rows
        assert HOSTILE_TITLES["Tools"] in rows
        # every topic after the broken title is still found
        for title in ("Protocols", "Gopher", "HTML", "History"):
            assert f"Go to {title}" in rows
        assert palette_links(app) == []
        text = screen_text(app)
        assert "Go to Alpha [/] broken" in text


async def test_palette_help_of_a_roadmap_file_is_text(make_app, mini, tmp_path, monkeypatch):
    import roadmap_tui.storage.catalog as catalog

    folder = tmp_path / "[reverse]roadmaps"
    folder.mkdir()
    (folder / "other.toml").write_text(
        '[roadmap]\nid = "other"\ntitle = \'[link="file:///etc"]Other[/link] [/]\'\n\n'
        '[[section]]\nid = "s"\ntitle = "S"\n\n[[section.topic]]\nid = "t"\ntitle = "T"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(catalog.paths, "user_roadmaps_dir", lambda: folder)
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await open_palette(pilot, "switch")
        assert await wait_for(pilot, lambda: bool(palette_rows(app)))
        rows = "\n".join(palette_rows(app))
        assert 'Switch roadmap: [link="file:///etc"]Other[/link] [/]' in rows
        assert f"{folder}/other.toml" in rows
        assert palette_links(app) == []
