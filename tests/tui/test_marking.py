"""Pilot tests: Marking topics and branches, the counts, undo and redo.

Assertions are about what a user notices."""

from __future__ import annotations

from textual.widgets import Button, Input

from roadmap_tui.tui.screens.dialogs import ConfirmBranchScreen
from roadmap_tui.tui.screens.main import MainScreen

from .conftest import read_progress, saved_note, saved_status, seed_progress
from .helpers import (
    SIZE,
    UNDER_PROTOCOLS,
    assert_tree_on_screen_is_the_model,
    cursor,
    detail_text,
    goto,
    header,
    label,
    main,
    messages,
    no_entries,
    note_shown,
    saved,
    screen_text,
    tab_to,
    tree_on_screen,
)


async def test_space_toggles_done_and_saves(make_app, mini, progress_path):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j")
        assert cursor(app) == "basics/intro"
        await pilot.press("space")
        assert label(app, "basics/intro") == "● Introduction"
        assert label(app, "basics") == "Basics  1/2"
        assert "1 done" in header(app)
        await saved(pilot)
        assert saved_status(progress_path, "mini", "basics/intro") == "done"
        await pilot.press("space")
        assert label(app, "basics/intro") == "○ Introduction"
        assert label(app, "basics") == "Basics  0/2"
        await saved(pilot)
        assert saved_status(progress_path, "mini", "basics/intro") == "todo"


async def test_i_s_r_mark_in_progress_skipped_and_back_to_todo(make_app, mini, progress_path):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j", "j")
        assert cursor(app) == "basics/tools"
        await pilot.press("i")
        assert label(app, "basics/tools") == "◐ Tools rec"
        assert "◐ in progress" in detail_text(app)
        assert "1 in progress" in header(app)
        await saved(pilot)
        assert saved_status(progress_path, "mini", "basics/tools") == "in-progress"
        await pilot.press("s")
        assert label(app, "basics/tools") == "⊘ Tools rec"
        assert label(app, "basics") == "Basics  1/2"  # skipped counts as complete
        await saved(pilot)
        assert saved_status(progress_path, "mini", "basics/tools") == "skipped"
        await pilot.press("r")
        assert label(app, "basics/tools") == "○ Tools rec"
        assert label(app, "basics") == "Basics  0/2"
        await saved(pilot)
        assert saved_status(progress_path, "mini", "basics/tools") == "todo"


async def test_marking_a_branch_asks_and_y_marks_everything_under_it(make_app, mini, progress_path):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "l", "j")
        assert cursor(app) == "web/protocols"
        await pilot.press("space")
        assert isinstance(app.screen, ConfirmBranchScreen)
        text = screen_text(app)
        assert "Mark Protocols as done?" in text
        assert "It has 4 topics under it." in text
        await pilot.press("y")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("right")  # show the parts
        assert label(app, "web") == "Web  5/6"
        assert label(app, "web/protocols") == "● Protocols  4/4"
        assert label(app, "web/protocols/http") == "● HTTP  1/1"
        assert label(app, "web/protocols/dns") == "● DNS alt"
        assert "5 done" in header(app)
        await saved(pilot)
        for topic_id in UNDER_PROTOCOLS:
            assert saved_status(progress_path, "mini", topic_id) == "done", topic_id
        assert saved_status(progress_path, "mini", "web/html") == "todo"


async def test_marking_a_branch_o_marks_only_the_branch(make_app, mini, progress_path):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "l", "j", "s")
        assert isinstance(app.screen, ConfirmBranchScreen)
        assert "Mark Protocols as skipped?" in screen_text(app)
        await pilot.press("o")
        assert isinstance(app.screen, MainScreen)
        assert label(app, "web/protocols") == "⊘ Protocols  0/4"
        assert label(app, "web") == "Web  1/6"
        await saved(pilot)
        assert saved_status(progress_path, "mini", "web/protocols") == "skipped"
        for topic_id in UNDER_PROTOCOLS[1:]:
            assert saved_status(progress_path, "mini", topic_id) == "todo", topic_id


async def test_marking_a_branch_escape_cancels_and_the_file_is_unchanged(
    make_app, mini, progress_path
):
    seed_progress(progress_path, "mini", {"basics/intro": "done"})
    before = progress_path.read_bytes()
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "l", "j", "i")
        assert isinstance(app.screen, ConfirmBranchScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert label(app, "web/protocols") == "○ Protocols  0/4"
        assert label(app, "web") == "Web  0/6"
        assert app.saver.flush(timeout=5)
        await pilot.pause(0.1)
        assert progress_path.read_bytes() == before


async def test_marking_a_section_asks_and_y_marks_every_topic_in_it(make_app, mini, progress_path):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "space")
        assert isinstance(app.screen, ConfirmBranchScreen)
        assert "Mark the 6 topics of Web as done?" in screen_text(app)
        await pilot.press("y")
        assert label(app, "web") == "Web  6/6"
        assert "67%" in header(app)  # 6 of 9
        await saved(pilot)
        for topic_id in (*UNDER_PROTOCOLS, "web/html"):
            assert saved_status(progress_path, "mini", topic_id) == "done", topic_id
        assert "web" not in read_progress(progress_path)["roadmaps"]["mini"]["topics"]


async def test_parent_counts_update_at_once(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "web/protocols/http/methods")
        await pilot.press("space")  # no wait for the save: labels change at once
        assert label(app, "web/protocols/http/methods") == "● Methods"
        assert label(app, "web/protocols/http") == "○ HTTP  1/1"
        assert label(app, "web/protocols") == "○ Protocols  1/4"
        assert label(app, "web") == "Web  1/6"
        assert "1 done" in header(app)
        await pilot.press("up", "s", "o")  # skip HTTP only
        assert label(app, "web/protocols") == "○ Protocols  2/4"
        assert label(app, "web") == "Web  2/6"
        await pilot.press("down", "r")
        assert label(app, "web/protocols") == "○ Protocols  1/4"
        assert label(app, "web/protocols/http") == "⊘ HTTP  0/1"
        assert label(app, "web") == "Web  1/6"


async def test_after_space_the_screen_shows_the_new_counts_of_every_ancestor(make_app, bundled):
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        section = next(  # the first section with a branch and no pick-one choice in it
            s
            for s in bundled.sections
            if any(t.children for t in s.children) and not any(t.is_choice for t in s.walk())
        )
        topic = next(t for t in section.children if t.children)
        part = topic.children[0]
        await goto(pilot, part.id)
        on_screen = [tid for tid, _ in tree_on_screen(app)]
        assert {section.id, topic.id, part.id} <= set(on_screen)
        for key in ("space", "down", "space", "up", "space", "i", "s", "r"):
            await pilot.press(key)
            await pilot.pause()
            assert_tree_on_screen_is_the_model(app)
        lines = dict(tree_on_screen(app))
        done = sum(main(app).session.status_of(t.id) == "done" for t in topic.children)
        assert lines[topic.id].endswith(f"{done}/{len(topic.children)}")
        assert main(app).session.status_of(part.id) == "todo"


async def test_single_letter_keys_typed_in_search_do_not_mark_or_quit(
    make_app, mini, progress_path
):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j")
        assert cursor(app) == "basics/intro"
        await pilot.press("slash", "space", "s", "i", "q", "r", "n", "u", "f")
        assert app.is_running and app.return_code is None
        assert main(app).query_one("#search", Input).value == " siqrnuf"
        assert not main(app).detail.editing
        assert main(app).session.status_filter == "all"
        assert all(main(app).session.entry(t.id).status == "todo" for t in mini.topics())
        await saved(pilot)
        assert no_entries(progress_path)


async def test_u_and_ctrl_z_undo_status_changes_repeatedly(make_app, mini, progress_path):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j", "space", "i", "s")
        await saved(pilot)
        assert saved_status(progress_path, "mini", "basics/intro") == "skipped"
        await pilot.press("u")
        assert label(app, "basics/intro") == "◐ Introduction"
        await saved(pilot)
        assert saved_status(progress_path, "mini", "basics/intro") == "in-progress"
        await pilot.press("ctrl+z")
        assert label(app, "basics/intro") == "● Introduction"
        await saved(pilot)
        assert saved_status(progress_path, "mini", "basics/intro") == "done"
        await pilot.press("u")
        assert label(app, "basics/intro") == "○ Introduction"
        await saved(pilot)
        assert saved_status(progress_path, "mini", "basics/intro") == "todo"
        await pilot.press("u")
        assert "Nothing to undo." in messages(app)


async def test_ctrl_y_redoes_what_was_undone_and_saves_it(make_app, mini, progress_path):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j", "space", "u")
        assert label(app, "basics/intro") == "○ Introduction"
        await pilot.press("ctrl+y")
        assert label(app, "basics/intro") == "● Introduction"
        assert "Redone: Introduction" in messages(app)
        await saved(pilot)
        assert saved_status(progress_path, "mini", "basics/intro") == "done"
        await pilot.press("ctrl+y")
        assert "Nothing to redo." in messages(app)


async def test_undo_a_whole_branch_mark(make_app, mini, progress_path):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "l", "j", "space", "y")
        await saved(pilot)
        assert saved_status(progress_path, "mini", "web/protocols/dns") == "done"
        await pilot.press("u")
        assert label(app, "web") == "Web  0/6"
        await saved(pilot)
        for topic_id in UNDER_PROTOCOLS:
            assert saved_status(progress_path, "mini", topic_id) == "todo", topic_id


async def test_undo_a_note_edit(make_app, mini, progress_path):
    seed_progress(progress_path, "mini", notes={"basics/intro": "old"})
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j", "n", "!", "escape")
        await saved(pilot)
        assert saved_note(progress_path, "mini", "basics/intro") == "old!"
        await pilot.press("u")
        assert note_shown(app) == "old"
        await saved(pilot)
        assert saved_note(progress_path, "mini", "basics/intro") == "old"


async def test_clicking_the_done_button_marks_done(make_app, mini, progress_path):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j")
        button = main(app).detail.query_one("#status-done", Button)
        assert str(button.label) == "● done"
        await pilot.click(button)
        assert label(app, "basics/intro") == "● Introduction"
        assert button.has_class("-current")
        await saved(pilot)
        assert saved_status(progress_path, "mini", "basics/intro") == "done"


async def test_space_on_a_focused_status_button_presses_that_button(make_app, mini, progress_path):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "basics/intro")
        button = main(app).detail.query_one("#status-skipped", Button)
        await tab_to(pilot, button)
        await pilot.press("space")
        assert label(app, "basics/intro") == "⊘ Introduction"
        await saved(pilot)
        assert saved_status(progress_path, "mini", "basics/intro") == "skipped"


async def test_the_next_topic_line_follows_a_status_change(make_app, mini):
    """The detail pane of the next topic to learn says so; marking it done moves that line to
    the topic that comes next, and undoing brings it back."""
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "basics/intro")
        assert "▶ next: no prerequisites" in detail_text(app)
        await pilot.press("space")
        await pilot.pause()
        assert "▶ next:" not in detail_text(app)
        await goto(pilot, "web/protocols/http")
        assert "▶ next: no prerequisites" in detail_text(app)
        await goto(pilot, "basics/intro")
        await pilot.press("u")
        await pilot.pause()
        assert "▶ next: no prerequisites" in detail_text(app)
