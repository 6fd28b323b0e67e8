"""Pilot tests: Notes: edited in place or in $EDITOR, saved while typed, keys typed right after n.

Assertions are about what a user notices."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

from textual.widgets import Input

from roadmap_tui.storage.progress import ProgressStore
from roadmap_tui.tui.screens.main import MainScreen
from roadmap_tui.tui.widgets.topic_view import NoteEditor

from .conftest import saved_note, saved_status, seed_progress, wait_for
from .helpers import (
    SIZE,
    cursor,
    goto,
    header,
    label,
    main,
    messages,
    no_entries,
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
        # after are dropped: see the test after this one)
        type_fast(app, "n", "down")
        assert await wait_for(pilot, lambda: cursor(app) == "web")


async def test_text_typed_after_n_on_a_section_never_marks_anything(make_app, mini, progress_path):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        assert cursor(app) == "basics"
        before = visible(app)
        # s would ask to skip the section and a answer "All"; e opens $EDITOR, o a browser
        type_fast(app, "n", *"say hello")
        assert await wait_for(
            pilot, lambda: any("sections have no note" in m for m in messages(app))
        )
        await pilot.pause(0.1)
        assert isinstance(app.screen, MainScreen)
        assert cursor(app) == "basics"
        assert visible(app) == before  # h and l did not fold the tree either
        assert all(main(app).session.entry(t.id).status == "todo" for t in mini.topics())
        await saved(pilot)
        assert no_entries(progress_path)
        # once typing has paused, keys work again
        await pilot.pause(0.5)
        await pilot.press("j")
        assert cursor(app) == "web"


async def test_an_arrow_after_a_refused_note_works_at_once(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
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


# ------------------------------------------------------------------ never lose a note


def other_terminal(progress_path, text: str) -> None:
    """``roadmap-tui note basics/intro TEXT`` run in another terminal: a store of its own."""
    store = ProgressStore(progress_path, "mini")
    store.load()
    store.set_note("basics/intro", text)


def editor_of(app) -> NoteEditor:
    return main(app).detail.query_one(NoteEditor)


async def test_a_note_changed_elsewhere_while_it_is_typed_keeps_both_texts(
    make_app, mini, progress_path
):
    app = make_app(mini, poll_interval=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j", "n", *"mine")
        await pilot.pause(0.6)
        await saved(pilot)
        assert saved_note(progress_path, "mini", "basics/intro") == "mine"
        other_terminal(progress_path, "other text")
        # the app reloads the file: the editor shows the other text beside what was typed
        assert await wait_for(pilot, lambda: "other text" in editor_of(app).text)
        # the notice comes a message later than the editor's text
        assert await wait_for(pilot, lambda: any("changed elsewhere" in m for m in messages(app)))
        await pilot.press(*" and more")
        await pilot.pause(0.6)
        await saved(pilot)
        # the other terminal replaced "mine" (it had read it): typing goes on after its text
        note = saved_note(progress_path, "mini", "basics/intro")
        assert note == "other text and more"
        assert editor_of(app).text == note
        await pilot.press("escape")
        await saved(pilot)
        assert saved_note(progress_path, "mini", "basics/intro") == note


async def test_a_note_changed_elsewhere_before_the_app_looks_keeps_both_texts(
    make_app, mini, progress_path
):
    """No reload in between (the app does not poll): the save itself merges, and the next
    saves keep the other text too."""
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j", "n", *"mine")
        await pilot.pause(0.6)
        await saved(pilot)
        other_terminal(progress_path, "other text")
        await pilot.press("!")
        await pilot.pause(0.6)
        await saved(pilot)
        assert await wait_for(pilot, lambda: "other text" in editor_of(app).text)
        # the notice comes a message later than the editor's text
        assert await wait_for(pilot, lambda: any("changed elsewhere" in m for m in messages(app)))
        await pilot.press("?")
        await pilot.pause(0.6)
        await saved(pilot)
        note = saved_note(progress_path, "mini", "basics/intro")
        assert "other text" in note and "mine!?" in note
        assert editor_of(app).text == note


async def test_edits_of_different_lines_elsewhere_merge_without_a_conflict(
    make_app, mini, progress_path
):
    seed_progress(progress_path, "mini", notes={"basics/intro": "first\nsecond"})
    app = make_app(mini, poll_interval=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j", "n", *" line")  # at the end: "second line"
        other_terminal(progress_path, "FIRST\nsecond")
        await pilot.pause(0.6)
        assert await wait_for(
            pilot, lambda: saved_note(progress_path, "mini", "basics/intro") == "FIRST\nsecond line"
        )
        await saved(pilot)
        assert editor_of(app).text == "FIRST\nsecond line"
        assert editor_of(app).cursor_location == (1, len("second line"))


async def test_undoing_a_note_edit_keeps_a_later_edit_made_elsewhere(make_app, mini, progress_path):
    seed_progress(progress_path, "mini", notes={"basics/intro": "first line"})
    app = make_app(mini, poll_interval=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j", "n", "enter", *"second", "escape")
        await saved(pilot)
        assert saved_note(progress_path, "mini", "basics/intro") == "first line\nsecond"
        other_terminal(progress_path, "first line\nsecond\nthird, from elsewhere")
        assert await wait_for(
            pilot, lambda: "third" in main(app).session.entry("basics/intro").note
        )
        await pilot.press("u")  # undo my edit: "second" goes, the later line stays
        await saved(pilot)
        expected = "first line\nthird, from elsewhere"
        assert saved_note(progress_path, "mini", "basics/intro") == expected
        assert await wait_for(pilot, lambda: note_shown(app) == expected)
        await pilot.press("ctrl+y")  # redo: "second" comes back, the other line still there
        await saved(pilot)
        note = saved_note(progress_path, "mini", "basics/intro")
        assert "second" in note and "third, from elsewhere" in note


async def test_steady_typing_is_saved_every_couple_of_seconds(make_app, mini, progress_path):
    """A key every 0.25 s never leaves the 0.4 s pause the debounce waits for: the max-wait
    saves what is typed anyway (a crash would lose at most the last couple of seconds)."""
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j", "n")
        typed = ""
        for char in "steady typing":
            await pilot.press("space" if char == " " else char)
            typed += char
            await pilot.pause(0.25)
        # 13 keys over more than 3 s, never a pause of 0.4 s: still typing
        saved_so_far = saved_note(progress_path, "mini", "basics/intro")
        assert saved_so_far and typed.startswith(saved_so_far)
        assert editor_of(app).display


async def test_n_with_the_detail_pane_hidden_shows_it_and_the_editor(make_app, mini, progress_path):
    seed_progress(progress_path, "mini", notes={"web/protocols": "NOTE-ON-SCREEN"})
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "web/protocols")
        await pilot.press("d")
        assert "NOTE-ON-SCREEN" not in screen_text(app)
        await pilot.press("n", *"!")
        await pilot.pause()
        assert "NOTE-ON-SCREEN!" in screen_text(app)  # the pane is back, the editor in it
        await pilot.press("escape")
        await saved(pilot)
        assert saved_note(progress_path, "mini", "web/protocols") == "NOTE-ON-SCREEN!"


async def test_the_note_editor_stays_in_view_when_the_window_shrinks(make_app, mini, progress_path):
    seed_progress(progress_path, "mini", notes={"web/protocols": "NOTE-ON-SCREEN"})
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "web/protocols")
        await pilot.press("n")
        await pilot.pause()
        assert "NOTE-ON-SCREEN" in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert "NOTE-ON-SCREEN" in screen_text(app)


async def test_the_header_says_saved_after_a_note_edit_already_saved_while_typed(
    make_app, mini, progress_path
):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "basics/intro")
        await pilot.press("n", *"typed")
        # the note is saved while typed, before the edit ends
        assert await wait_for(pilot, lambda: saved_note(progress_path, "mini", "basics/intro"))
        await saved(pilot)
        await pilot.press("escape")
        await saved(pilot)
        assert await wait_for(pilot, lambda: "saving" not in header(app), timeout=1.5)
        assert "saved ✓" in header(app)
        assert saved_note(progress_path, "mini", "basics/intro") == "typed"


async def test_a_topic_with_a_note_is_marked_in_the_tree(make_app, mini, progress_path):
    seed_progress(progress_path, "mini", notes={"basics/tools": "a note"})
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "basics/intro")
        assert label(app, "basics/tools") == "○ Tools rec ✎"
        assert label(app, "basics/intro") == "○ Introduction"
        await pilot.press("n", *"mine", "escape")
        await pilot.pause()
        assert label(app, "basics/intro") == "○ Introduction ✎"
        await pilot.press("u")  # undo the note: the mark goes with it
        await pilot.pause()
        assert label(app, "basics/intro") == "○ Introduction"
