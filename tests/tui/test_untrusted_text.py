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
    main,
    markup_roadmap,
    note_shown,
    pick_filter,
    rendered,
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


def toasts(app) -> str:
    """The notifications' text as shown, their wrapped lines joined."""
    lines = [line.split("▌", 1)[1].strip() for line in screen_text(app).splitlines() if "▌" in line]
    return " ".join(line for line in lines if line)


async def test_markup_and_escapes_in_notifications_are_shown_literally(make_app):
    app = make_app(markup_roadmap())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("w")  # "Next: <title> (...)": Introduction is the next topic
        await pilot.pause(0.1)
        text = screen_text(app)
        assert f"Next: {SHOWN} intro" in toasts(app)
        assert "\x1b" not in text
        app.clear_notifications()
        await pilot.press("space", "u")  # "Undone: <title>"
        await pilot.pause(0.1)
        text = screen_text(app)
        assert f"Undone: {SHOWN} intro" in toasts(app)
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


# ---------------------------------------------------------------- links in the detail pane

LINKS = (
    "[web](https://example.com/ok) [plain](http://example.com/plain) "
    "[shell](ssh://evil.example) [disk](file:///etc/passwd) [js](javascript:alert(1)) "
    "[mail](mailto:x@example.com)"
)


def links_painted(widget) -> set[str]:
    """The hyperlink targets a widget paints on screen (what a terminal would let you open)."""
    return {
        segment.style.link
        for strip in widget.render_lines(widget.region.reset_offset)
        for segment in strip
        if segment.style is not None and segment.style.link
    }


async def test_only_web_links_become_hyperlinks_in_descriptions_and_notes(
    make_app, mini_path, progress_path
):
    text = mini_path.read_text().replace(
        'description = "Meet the **zebra** of computing."', f'description = "{LINKS}"'
    )
    seed_progress(progress_path, "mini", notes={"basics/intro": LINKS})
    app = make_app(parse(text))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j")
        await pilot.pause()
        view = main(app).detail
        for part in ("#description", "#note"):
            widget = view.query_one(part, Static)
            assert links_painted(widget) == {
                "https://example.com/ok",
                "http://example.com/plain",
            }, part
            shown = rendered(widget)
            for word in ("web", "plain", "shell", "disk", "js", "mail"):
                assert word in shown  # the text of every link is kept


async def test_a_resource_url_with_markup_in_it_shows_as_text_in_its_tooltip(make_app, mini):
    from roadmap_tui.core.roadmap import Resource
    from roadmap_tui.tui.widgets.boxes import Link

    from .helpers import rendered_rows, replace_resources

    url = "https://example.com/[/][reverse]x"
    app = make_app(replace_resources(mini, "basics/intro", (Resource("docs", "Odd", url),)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j")
        links = main(app).detail.query_one("#resources-lines", Link)
        assert any("Odd" in row for row in rendered_rows(links))
        await pilot.hover(links, offset=(4, 0))
        assert str(links.tooltip) == url
        await pilot.pause(0.8)  # the tooltip appears
        assert url in screen_text(app)


async def test_a_section_title_with_markup_shows_as_typed_in_the_menu_header_and_empty_state(
    make_app, mini_path
):
    from roadmap_tui.core.loader import parse

    text = mini_path.read_text(encoding="utf-8").replace('title = "Web"', 'title = "[bold]W[/]"')
    app = make_app(parse(text))
    async with app.run_test(size=SIZE) as pilot:
        await pick_filter(pilot, "section:web")
        assert "filter: [bold]W[/]" in header(app)
        await pilot.press("m")
        assert "[bold]W[/]" in screen_text(app)
        await pilot.press("escape")
        await pick_filter(pilot, "kind:recommended")  # Tools, in Basics: none in that section
        assert "No topics of kind recommended in [bold]W[/]" in screen_text(app)
