"""Pilot tests of the last friction of the polish issue: filters, the detail pane during a
search, the palette's keys and the status words, the $EDITOR file, the clipboard, the welcome.

Assertions are about what a user notices."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import OptionList

from roadmap_tui.tui.screens.dialogs import HelpScreen
from roadmap_tui.tui.screens.filters import FilterScreen
from roadmap_tui.tui.screens.main import MainScreen
from roadmap_tui.tui.screens.welcome import WelcomeScreen

from .conftest import seed_progress, wait_for
from .helpers import (
    SIZE,
    _palette_run,
    cursor,
    detail_title,
    goto,
    header,
    messages,
    screen_text,
    visible_ids,
)


async def test_a_search_that_hides_the_pane_s_topic_moves_the_pane(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "basics")  # the first line: the search keeps the cursor on line 0
        await pilot.press("slash", *"gopher")
        await pilot.pause()
        assert visible_ids(app) == ["web", "web/protocols", "web/protocols/gopher"]
        assert detail_title(app) == "Web" == app.roadmap[cursor(app)].title
        await pilot.press("escape")
        await goto(pilot, "basics/intro")
        await pilot.press("slash", *"dns")  # no pause: the pane never shows a hidden topic
        assert "basics/intro" not in visible_ids(app)
        assert detail_title(app) == app.roadmap[cursor(app)].title


async def test_the_editor_file_is_named_after_the_topic_in_a_private_dir_removed_after(
    make_app, mini, tmp_path, monkeypatch
):
    seen = tmp_path / "seen.txt"
    monkeypatch.delenv("VISUAL", raising=False)
    # the editor records the file it was given, and its folder's permissions
    monkeypatch.setenv(
        "EDITOR", f'sh -c \'echo "$0" > {seen}; stat -c %a "$(dirname "$0")" >> {seen}\''
    )
    app = make_app(mini)
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "web/protocols/http")
        await pilot.press("e")
        await pilot.pause()
    name, mode = seen.read_text().split()
    path = Path(name)
    assert re.fullmatch(r"roadmap-tui-web-protocols-http-\w+\.md", path.name), path.name
    assert mode == "700"
    assert not path.exists() and not path.parent.exists()


STATUS_WORDS = ("to do", "in progress", "done", "skipped")
OTHER_WORDS = ("Learning", "todo", "in-progress", "Skip ")  # the words these replaced


async def test_palette_entries_show_their_keys_and_the_status_words_of_the_help(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        await pilot.press("ctrl+p")
        assert await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"mark")
        assert await wait_for(pilot, lambda: "Mark to do" in screen_text(app))
        palette = screen_text(app)
        for entry in ("Mark done  space", "Mark in progress  i", "Mark skipped  s"):
            assert entry in palette
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        assert await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"go to dns")
        assert await wait_for(pilot, lambda: "web/protocols/dns  (to do)" in screen_text(app))
        await pilot.press("escape")
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_text = screen_text(app)
    for word in STATUS_WORDS:
        assert f"Mark {word}" in palette and word in help_text, word
    for word in OTHER_WORDS:
        assert word not in palette and word not in help_text and word not in footer, word
    assert "In progress" in footer


def test_each_palette_key_runs_the_same_action_as_in_the_palette():
    from roadmap_tui.tui.commands import ACTIONS
    from roadmap_tui.tui.keys import MAIN_BINDINGS

    names = {"/": "slash", "]": "right_square_bracket", "[": "left_square_bracket"}
    names["?"] = "question_mark"
    bound = {key: binding.action for binding in MAIN_BINDINGS for key in binding.key.split(",")}
    same = {"toggle_done": "mark('done')"}  # space toggles done: "Mark done" on a fresh topic
    shown = [(action, keys) for _name, _help, action, keys in ACTIONS if keys]
    assert len(shown) > 20
    for action, keys in shown:
        key = names.get(keys, keys)
        assert same.get(bound[key], bound[key]) == action.removeprefix("screen."), keys


async def pick_filter(pilot, choice: str) -> None:
    """m, then the arrow keys down to ``choice`` in the filter menu, then enter."""
    app = pilot.app
    await pilot.press("m")
    assert await wait_for(pilot, lambda: isinstance(app.screen, FilterScreen))
    menu = app.screen.query_one(OptionList)
    await pilot.press("home")
    for _ in range(len(menu.options)):
        if menu.highlighted_option is not None and menu.highlighted_option.id == choice:
            break
        await pilot.press("down")
    assert menu.highlighted_option.id == choice
    await pilot.press("enter")
    assert await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))


async def test_filters_by_kind_section_and_note_combine_with_search_and_esc_clears_all(
    make_app, mini, progress_path
):
    seed_progress(progress_path, "mini", {"web/html": "in-progress"}, {"web/protocols/dns": "x"})
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        menu_text = screen_text(app)
        for line in ("Kind", "optional", "Section", "Extras", "has a note", "✓ all"):
            assert line in menu_text
        await pilot.press("escape")
        await pick_filter(pilot, "kind:optional")
        assert visible_ids(app) == [
            "web",
            "web/protocols",
            "web/protocols/gopher",
            "extra",
            "extra/history",
        ]
        assert "filter: optional" in header(app)
        await pick_filter(pilot, "section:web")  # combined with the kind
        assert visible_ids(app) == ["web", "web/protocols", "web/protocols/gopher"]
        assert "filter: optional · Web" in header(app)
        assert detail_title(app) == app.roadmap[cursor(app)].title
        await pilot.press("slash", *"history", "enter")  # and with the search: nothing left
        empty = screen_text(app)
        assert "No topics of kind optional in Web match “history”" in empty
        assert "m for the filter menu" in empty
        await pilot.press("escape")  # the search goes first
        assert visible_ids(app) == ["web", "web/protocols", "web/protocols/gopher"]
        await pilot.press("escape")  # then every filter at once
        assert "filter:" not in header(app)
        assert visible_ids(app)[0] == "basics"
        await pick_filter(pilot, "note:yes")
        assert visible_ids(app) == ["web", "web/protocols", "web/protocols/dns"]
        assert "filter: has a note" in header(app)
        await pick_filter(pilot, "status:in-progress")  # with the note filter: nothing
        assert "No topics in progress with a note" in screen_text(app)
        await pick_filter(pilot, "note:")
        assert visible_ids(app) == ["web", "web/html"]
        assert "filter: in progress" in header(app)
        await _palette_run(pilot, "previous status", "Previous status filter")
        assert "filter: to do" in header(app)  # back one: to do comes before in progress
        await pilot.press("f")
        assert "filter: in progress" in header(app)


async def test_y_shift_y_and_shift_n_copy_the_id_the_link_and_the_note_and_show_them(
    make_app, mini, progress_path
):
    note = "Intro notes: " + "x" * 80 + "\nsecond line"
    seed_progress(progress_path, "mini", notes={"basics/intro": note})
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "basics/intro")
        await pilot.press("y")
        assert app.clipboard == "basics/intro"
        assert "Copied the id: basics/intro" in messages(app)[-1]
        await pilot.press("Y")
        assert app.clipboard == "https://example.com/intro"
        assert messages(app)[-1] == "Copied the link: https://example.com/intro"
        await pilot.press("N")
        assert app.clipboard == note  # all of it
        shown = messages(app)[-1]
        assert shown.startswith(f"Copied the note ({len(note)} characters): Intro notes: xxx")
        assert shown.endswith("…") and len(shown) < 110
        await goto(pilot, "basics/tools")  # no link, no note: nothing copied, and why
        await pilot.press("Y")
        assert messages(app)[-1] == "This topic has no links to copy."
        await pilot.press("N")
        assert messages(app)[-1] == "This topic has no note to copy (n writes one)."
        assert app.clipboard == note
        await _palette_run(pilot, "copy the topic", "Copy the topic's id")
        assert app.clipboard == "basics/tools"


def welcome_app(mini, progress_path, state_path):
    from roadmap_tui.storage.progress import ProgressStore
    from roadmap_tui.tui.app import RoadmapApp

    store = ProgressStore(progress_path, mini.id)
    store.load()
    return RoadmapApp(mini, store, state_path=state_path, poll_interval=0, welcome=True)


async def test_the_first_run_welcome_shows_five_keys_once_and_any_key_closes_it(
    mini, progress_path, state_path
):
    assert not state_path.exists()  # a first run
    app = welcome_app(mini, progress_path, state_path)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        text = screen_text(app)
        for key, what in (("↑ ↓", "move"), ("space", "done"), ("n", "note"), ("/", "search")):
            assert any(key in line and what in line for line in text.splitlines()), key
        assert "every key" in text and "Press any key" in text
        before = cursor(app)
        await pilot.press("space")  # closes it, and does nothing else
        assert isinstance(app.screen, MainScreen)
        assert cursor(app) == before and "0 done" in header(app)
        await pilot.press("j")  # keys work again
        assert cursor(app) != before
    assert "welcomed = true" in state_path.read_text()
    app = welcome_app(mini, progress_path, state_path)  # the next run: no welcome
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.2)
        assert isinstance(app.screen, MainScreen)


async def test_a_view_state_from_before_the_welcome_counts_as_seen(mini, progress_path, state_path):
    state_path.write_text('[roadmaps.mini]\ncursor = "basics"\n')  # an earlier version's
    app = welcome_app(mini, progress_path, state_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.2)
        assert isinstance(app.screen, MainScreen)


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
