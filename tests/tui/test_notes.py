"""Pilot tests: Notes: edited in place or in $EDITOR, saved while typed, keys typed right after n.

Assertions are about what a user notices."""

from __future__ import annotations

import contextlib

from textual.widgets import Input

from roadmap_tui.storage.progress import ProgressStore
from roadmap_tui.tui.screens.main import MainScreen
from roadmap_tui.tui.widgets.topic_view import NoteEditor

from .conftest import saved_note, saved_status, seed_progress, wait_for
from .helpers import (
    SIZE,
    cursor,
    goto,
    main,
    note_shown,
    saved,
    screen_text,
    type_fast,
    visible,
)


async def test_n_edits_the_note_and_escape_saves_it(make_app, mini, progress_path):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j", "n")
        editor = main(app).detail.query_one(NoteEditor)
        assert editor.display
        assert app.focused is editor
        await pilot.press(*"go on")
        await pilot.press("escape")
        assert not editor.display
        assert app.focused is main(app).tree
        assert note_shown(app) == "go on"
        await saved(pilot)
        assert saved_note(progress_path, "mini", "basics/intro") == "go on"


async def test_ctrl_s_leaves_the_note_editor_and_saves(make_app, mini, progress_path):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j", "n", "a", "enter", "b", "ctrl+s")
        assert not main(app).detail.query_one(NoteEditor).display
        assert note_shown(app) == "a\nb"
        await saved(pilot)
        assert saved_note(progress_path, "mini", "basics/intro") == "a\nb"


async def test_the_note_is_saved_while_typing(make_app, mini, progress_path):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j", "n", *"draft")
        await pilot.pause(0.6)
        await saved(pilot)
        editor = main(app).detail.query_one(NoteEditor)
        assert editor.display and app.focused is editor  # still typing
        assert saved_note(progress_path, "mini", "basics/intro") == "draft"


async def test_q_and_single_letter_keys_while_typing_a_note_are_typed(
    make_app, mini, progress_path
):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j", "n", "q", "space", "s", "i", "r", "u", "f", "w")
        assert app.is_running and app.return_code is None
        editor = main(app).detail.query_one(NoteEditor)
        assert editor.text == "q sirufw"
        assert main(app).session.entry("basics/intro").status == "todo"
        await pilot.press("escape")
        await saved(pilot)
        assert saved_status(progress_path, "mini", "basics/intro") == "todo"
        assert saved_note(progress_path, "mini", "basics/intro") == "q sirufw"


async def test_keys_typed_right_after_n_go_into_the_note(make_app, mini, progress_path):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j")
        # i, s, space and t would mark the topic or open the statistics if they reached the tree
        type_fast(app, "n", *"is it true", "escape")
        assert await wait_for(pilot, lambda: note_shown(app) == "is it true")
        assert main(app).session.entry("basics/intro").status == "todo"
        assert isinstance(app.screen, MainScreen)
        await saved(pilot)
        assert saved_note(progress_path, "mini", "basics/intro") == "is it true"
        assert saved_status(progress_path, "mini", "basics/intro") == "todo"


async def test_keys_typed_right_after_slash_go_into_the_search_box(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        type_fast(app, "/", *"dns")
        assert await wait_for(pilot, lambda: main(app).session.search_text == "dns")
        assert main(app).search_box().value == "dns"
        type_fast(app, "enter", "j")  # enter returns to the tree; j moves there again
        assert await wait_for(pilot, lambda: app.focused is main(app).tree)


async def test_n_on_a_section_lets_the_next_keys_work_as_usual(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        # a section has no note: an arrow moves the cursor at once (letters typed straight
        # after are dropped: test_rough_edges.py)
        type_fast(app, "n", "down")
        assert await wait_for(pilot, lambda: cursor(app) == "web")


async def test_e_edits_the_note_in_the_external_editor(make_app, mini, progress_path, monkeypatch):
    seed_progress(progress_path, "mini", notes={"basics/intro": "old"})
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", 'sh -c \'printf "%s from the editor" "$(cat "$0")" > "$0"\'')
    app = make_app(mini)
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j", "e")
        await pilot.pause()
        assert note_shown(app) == "old from the editor"
        await saved(pilot)
        assert saved_note(progress_path, "mini", "basics/intro") == "old from the editor"


async def test_search_matches_descriptions_and_notes(make_app, mini, progress_path):
    seed_progress(progress_path, "mini", notes={"extra/history": "ask grandma about unicorns"})
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"zebra")  # in the description of Introduction only
        assert visible(app) == ["Basics  0/2", "○ Introduction"]
        search = main(app).query_one("#search", Input)
        search.value = ""
        await pilot.press(*"unic")  # in the note of History only
        assert visible(app) == ["Extras  0/1", "○ History opt ✎"]


async def test_notes_next_to_the_cursor_are_ready_and_shown_as_written(
    make_app, bundled, progress_path
):
    """Notes are rendered once and kept: moving onto a topic shows its own note (never a
    neighbour's), an edited note shows its new text, and the topics without one show the
    hint."""
    store = ProgressStore(progress_path, bundled.id)
    store.set_note("internet/http", "HTTP note: *status codes*\nsecond line")
    store.set_note("internet/https", "HTTPS note about certificates")

    def note_text(app) -> str:
        field = main(app).detail.query_one("#note")
        region = field.region
        lines = screen_text(app).splitlines()[region.y : region.bottom]
        return " ".join(" ".join(line[region.x : region.right] for line in lines).split())

    app = make_app(bundled)
    async with app.run_test(size=(120, 70)) as pilot:  # tall: the whole note on screen
        await goto(pilot, "internet/http")
        assert note_text(app) == "HTTP note: status codes second line"
        await pilot.pause()
        await pilot.press("down")
        assert main(app).detail.topic_id == "internet/https"
        assert note_text(app) == "HTTPS note about certificates"
        await pilot.press("up", "up")
        assert "No note yet" in note_text(app)
        await pilot.press("down")
        assert note_text(app) == "HTTP note: status codes second line"
        await pilot.press("n")
        await pilot.press("end", *" (rewritten)", "escape")
        await pilot.pause()
        assert note_text(app) == "HTTP note: status codes second line (rewritten)"
        await pilot.press("down", "up")  # away and back: the new text, not the kept old one
        assert note_text(app) == "HTTP note: status codes second line (rewritten)"
