"""Pilot tests: the footer fits its width by dropping whole entries from its end, never by
cutting one mid-word, and it always keeps help and quit; while a note or a search is typed it
shows only their keys."""

from __future__ import annotations

import pytest

from roadmap_tui.core.loader import parse
from roadmap_tui.tui.messages import SaveFailed

from .conftest import MINI_TOML, wait_for
from .helpers import goto, main, screen_text


def footer_words(app) -> tuple[str, set[str]]:
    """The footer's line and every word a footer entry of the screen could show."""
    footer = screen_text(app).splitlines()[-1].replace("▏", " ")  # the palette key's border
    words = {"^p", "palette"}
    for _, binding, _, _ in main(app).active_bindings.values():
        words |= set(app.get_key_display(binding).split()) | set(binding.description.split())
    return footer, words


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_the_footer_keeps_help_and_quit_and_cuts_no_word(make_app, mini, size):
    app = make_app(mini)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        footer, words = footer_words(app)
        assert "? Help" in footer, footer
        assert "q Quit" in footer, footer
        cut = [word for word in footer.split() if word not in words]
        assert not cut, (footer, cut)


@pytest.mark.parametrize("size", [(120, 40), (200, 60)])  # 120: a common window
async def test_a_wide_footer_shows_every_entry(make_app, mini, size):
    app = make_app(mini)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        footer, _ = footer_words(app)
        for description in ("Help", "Filter", "Stats", "Review", "Quit", "palette"):
            assert description in footer.split(), footer
        await pilot.resize_terminal(80, 24)  # narrower: entries go, help and quit stay
        await pilot.pause()
        footer, words = footer_words(app)
        assert "? Help" in footer and "q Quit" in footer, footer
        assert "Review" not in footer.split(), footer
        assert all(word in words for word in footer.split()), footer
        await pilot.resize_terminal(200, 60)  # and they come back
        await pilot.pause()
        assert "t Stats" in footer_words(app)[0]


async def test_a_narrow_footer_keeps_the_key_that_clears_a_filter(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")  # a status filter: esc clears it
        assert await wait_for(pilot, lambda: "esc Clear" in footer_words(app)[0]), footer_words(
            app
        )[0]
        footer, words = footer_words(app)
        assert "esc Clear" in footer and "? Help" in footer and "q Quit" in footer, footer
        assert all(word in words for word in footer.split()), footer


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_first_screen_comes_with_its_footer(make_app, mini, size):
    app = make_app(mini)
    async with app.run_test(size=size):
        # no pause: the screen as it is when the app is first up, its details shown
        assert main(app).detail.topic_id == "basics"
        footer, words = footer_words(app)
        assert "? Help" in footer and "q Quit" in footer, footer
        assert all(word in words for word in footer.split()), footer


def footer_text(app) -> str:
    return screen_text(app).splitlines()[-1]


async def test_the_footer_while_typing_a_note_shows_the_editor_keys_only(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=(80, 24)) as pilot:
        await goto(pilot, "basics/intro")
        assert "/ Search" in footer_text(app)
        await pilot.press("n")
        await pilot.pause()
        footer = footer_text(app)
        assert "^s Save" in footer and "esc Done" in footer
        for wrong in ("/ Search", "space Done", "s Skip", "q Quit", "f Filter"):
            assert wrong not in footer, (wrong, footer)
        await pilot.press("escape")
        await pilot.pause()
        assert "/ Search" in footer_text(app)


async def test_the_footer_while_typing_a_search_shows_the_search_keys_only(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"http")
        await pilot.pause()
        footer = footer_text(app)
        assert "esc Clear" in footer and "Go to match" in footer, footer
        for wrong in ("/ Search", "n Note", "space Done", "q Quit", "t Stats"):
            assert wrong not in footer, (wrong, footer)


async def test_at_80_columns_the_footer_keeps_help_and_the_header_the_bar(make_app, mini):
    long_title = "A Roadmap With A Really Quite Remarkably Long Title Indeed"
    roadmap = parse(MINI_TOML.replace('title = "Mini Roadmap"', f'title = "{long_title}"'))
    app = make_app(roadmap)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")  # a filter tag too
        await pilot.pause()
        assert "? Help" in footer_text(app)
        top = screen_text(app).splitlines()[0]
        assert "░░░░░░░░░░ 0%" in top and "filter: to do" in top, top
        main(app).post_message(SaveFailed("disk full", 1))
        await pilot.pause()
        top = screen_text(app).splitlines()[0]
        assert "0%" in top and "not saved: retrying (1 waiting)" in top, top
