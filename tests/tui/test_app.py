"""Pilot tests of RoadmapApp: every key, the mouse, saving, reloading and the error screen.

Assertions are about what a user notices: tree labels, the header, the detail pane, dialogs,
notifications, and what ends up in progress.toml.
"""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import Button, Input, Static

from roadmap_tui.core.roadmap import Resource, Roadmap, parse
from roadmap_tui.storage.progress import ProgressStore
from roadmap_tui.tui.screens.dialogs import ConfirmBranchScreen, HelpScreen, ProgressErrorScreen
from roadmap_tui.tui.screens.main import MainScreen
from roadmap_tui.tui.widgets.topic_view import Jump, Link, NoteEditor

from .conftest import MINI_TOML, read_progress, saved_note, saved_status, seed_progress, wait_for

SIZE = (120, 40)
UNDER_PROTOCOLS = (
    "web/protocols",
    "web/protocols/http",
    "web/protocols/http/methods",
    "web/protocols/dns",
    "web/protocols/gopher",
)


# ---------------------------------------------------------------------------------- helpers


def main(app) -> MainScreen:
    for screen in app.screen_stack:
        if isinstance(screen, MainScreen):
            return screen
    raise AssertionError(f"no main screen in {app.screen_stack}")


def cursor(app) -> str | None:
    return main(app).tree.cursor_topic_id


def visible(app) -> list[str]:
    """The labels of the tree lines a user can see (expanded branches), top to bottom."""
    tree = main(app).tree
    out, line = [], 0
    while (node := tree.get_node_at_line(line)) is not None:
        out.append(str(node.label))
        line += 1
    return out


def visible_ids(app) -> list[str]:
    """The topic ids of every tree line (expanded branches), top to bottom."""
    tree = main(app).tree
    out, line = [], 0
    while (node := tree.get_node_at_line(line)) is not None:
        out.append(node.data)
        line += 1
    return out


def label(app, topic_id: str) -> str:
    return str(main(app).tree.nodes_by_id[topic_id].label)


def tree_on_screen(app) -> list[tuple[str, str]]:
    """(topic id, the text of its line as the terminal shows it) for every tree line on screen,
    top to bottom: what the compositor paints, so a stale repaint would show here."""
    tree = main(app).tree
    region = tree.scrollable_content_region
    strips = app.screen._compositor.render_strips()
    out = []
    for row in range(region.height):
        node = tree.get_node_at_line(tree.scroll_offset.y + row)
        if node is None:
            break
        text = strips[region.y + row].crop(region.x, region.right).text.rstrip()
        out.append((node.data, text))
    return out


def assert_tree_on_screen_is_the_model(app) -> None:
    """Every tree line on screen shows its topic's current label (status, branch counts), with
    an expand icon exactly when something under it is shown."""
    from roadmap_tui.core.stats import branch_counts

    tree = main(app).tree
    counts = branch_counts(
        app.roadmap, main(app).session.status_of
    )  # from scratch, not the app's tallies
    relabel = type(tree)(
        app.roadmap, main(app).session.status_of, lambda tid: tuple(counts.get(tid, (0, 0)))
    )
    shown = main(app).tree.shown_ids
    for topic_id, text in tree_on_screen(app):
        topic = app.roadmap[topic_id]
        expected = str(relabel.label_for(topic))
        if any(shown is None or c.id in shown for c in topic.children):
            icon = "▼ " if tree.nodes_by_id[topic_id].is_expanded else "▶ "
            expected = icon + expected
        else:
            assert not text.endswith(("▼ " + expected, "▶ " + expected)), (topic_id, text)
        assert text.endswith(expected), (topic_id, text, expected)


def header(app) -> str:
    return str(main(app).query_one("#header", Static).render())


def _shown(widget, stop) -> bool:
    node = widget
    while node is not None and node is not stop:
        if not node.display:
            return False
        node = node.parent
    return True


def rendered(widget: Static) -> str:
    """The text a Static shows, as a user reads it (rich renderables such as the Markdown of
    descriptions and notes rendered to plain text)."""
    import io

    from rich.console import Console
    from rich.markdown import Markdown as RichMarkdown

    content = widget.render()
    renderable = getattr(content, "_renderable", None)
    if isinstance(renderable, RichMarkdown):
        console = Console(width=100, file=io.StringIO(), record=True, color_system=None)
        console.print(renderable)
        return "\n".join(line.rstrip() for line in console.export_text().splitlines()).strip()
    return str(content)


def detail_text(app) -> str:
    """The text of the detail pane: every shown Static, rendered, in order."""
    view = main(app).detail
    parts = []
    for widget in view.query("*"):
        if not _shown(widget, view):
            continue
        if isinstance(widget, Static) and not isinstance(widget, Button):
            parts.append(rendered(widget))
    return "\n".join(parts)


def detail_title(app) -> str:
    return str(main(app).detail.query_one("#title", Static).render())


def note_shown(app) -> str:
    return rendered(main(app).detail.query_one("#note", Static))


def screen_text(app) -> str:
    """Every character on the terminal (the composited screen, dialogs and toasts included)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def saved(pilot) -> None:
    """Wait for the save thread, then let the app handle its reports."""
    assert pilot.app.saver.flush(timeout=5)
    await pilot.pause()


async def goto(pilot, topic_id: str) -> None:
    assert main(pilot.app).tree.reveal(topic_id)
    await pilot.pause()
    assert cursor(pilot.app) == topic_id


def no_entries(path: Path, roadmap_id: str = "mini") -> bool:
    return not read_progress(path).get("roadmaps", {}).get(roadmap_id, {}).get("topics")


def replace_resources(roadmap: Roadmap, topic_id: str, resources: tuple[Resource, ...]) -> Roadmap:
    """The roadmap with other resources on one topic (the loader only accepts http(s) urls)."""

    def rebuild(node):
        children = tuple(rebuild(c) for c in node.children)
        if node.id == topic_id:
            return node._replace(resources=resources, children=children)
        return node._replace(children=children)

    return Roadmap(
        id=roadmap.id,
        title=roadmap.title,
        sections=tuple(rebuild(s) for s in roadmap.sections),
        sources=roadmap.sources,
        description=roadmap.description,
        version=roadmap.version,
    )


# ---------------------------------------------------------------------------------- moving


async def test_arrows_and_j_k_move_the_cursor_and_the_detail_follows(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        assert visible(app) == ["Basics  0/2", "Web  0/6", "Extras  0/1"]
        assert cursor(app) == "basics"
        assert detail_title(app) == "Basics"
        await pilot.press("down")
        assert cursor(app) == "web"
        assert detail_title(app) == "Web"
        await pilot.press("j")
        assert cursor(app) == "extra"
        assert detail_title(app) == "Extras"
        await pilot.press("up")
        assert cursor(app) == "web"
        await pilot.press("k")
        assert cursor(app) == "basics"
        assert detail_title(app) == "Basics"
        await pilot.press("G")
        assert cursor(app) == "extra"
        await pilot.press("g")
        assert cursor(app) == "basics"


async def test_h_l_and_left_right_collapse_and_expand(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")  # expand
        assert visible(app)[:3] == ["Basics  0/2", "○ Introduction", "○ Tools rec"]
        assert cursor(app) == "basics"
        await pilot.press("l")  # already open: go to the first part
        assert cursor(app) == "basics/intro"
        await pilot.press("h")  # a leaf: go to the parent
        assert cursor(app) == "basics"
        await pilot.press("h")  # collapse
        assert visible(app) == ["Basics  0/2", "Web  0/6", "Extras  0/1"]
        await pilot.press("down", "right")
        assert visible(app)[1:4] == ["Web  0/6", "○ Protocols  0/4", "○ HTML"]
        await pilot.press("right")
        assert cursor(app) == "web/protocols"
        await pilot.press("right")  # a branch topic expands too
        assert "○ HTTP  0/1" in visible(app)
        await pilot.press("left", "left")  # collapse it, then go to its parent
        assert "○ HTTP  0/1" not in visible(app)
        assert cursor(app) == "web"
        await pilot.press("left")
        assert visible(app) == ["Basics  0/2", "Web  0/6", "Extras  0/1"]
        assert cursor(app) == "web"


async def test_enter_expands_a_branch(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "enter")
        assert visible(app) == [
            "Basics  0/2",
            "Web  0/6",
            "○ Protocols  0/4",
            "○ HTML",
            "Extras  0/1",
        ]
        assert cursor(app) == "web"
        await pilot.press("down", "enter")
        assert "○ HTTP  0/1" in visible(app)
        assert "○ DNS alt" in visible(app)
        assert "○ Gopher opt" in visible(app)


# ---------------------------------------------------------------------------------- marking


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
        assert "Mark Web as done?" in screen_text(app)
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
        section = bundled.sections[0]
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


# ---------------------------------------------------------------------------------- notes


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


def type_fast(app, *keys: str) -> None:
    """Queue key presses the way a fast typist (or a paste into the terminal) sends them: all at
    once, none waiting for what the one before it opened."""
    from textual import events

    names = {" ": "space", "/": "slash"}
    characters = {"space": " ", "enter": "\r", "escape": "\x1b", "slash": "/"}
    for key in keys:
        key = names.get(key, key)
        app.post_message(events.Key(key, characters.get(key, key if len(key) == 1 else None)))


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
        type_fast(app, "n", "j")  # a section has no note: j moves the cursor at once
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


# ---------------------------------------------------------------------------------- search


async def test_search_filters_live_keeping_parents(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        search = main(app).query_one("#search", Input)
        assert search.display and app.focused is search
        await pilot.press("g", "o")
        # "go" : Gopher only (no description or note says "go")
        assert visible(app) == ["Web  0/6", "○ Protocols  0/4", "○ Gopher opt"]
        assert "search: go" in header(app)
        await pilot.press("backspace")
        assert len(visible(app)) > 3  # "g": the tree follows every key
        await pilot.press("backspace", *"dns")
        assert visible(app) == ["Web  0/6", "○ Protocols  0/4", "○ DNS alt"]


async def test_search_matches_descriptions_and_notes(make_app, mini, progress_path):
    seed_progress(progress_path, "mini", notes={"extra/history": "ask grandma about unicorns"})
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"zebra")  # in the description of Introduction only
        assert visible(app) == ["Basics  0/2", "○ Introduction"]
        search = main(app).query_one("#search", Input)
        search.value = ""
        await pilot.press(*"unic")  # in the note of History only
        assert visible(app) == ["Extras  0/1", "○ History opt"]


async def test_search_enter_goes_to_the_first_match_and_focuses_the_tree(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"goph", "enter")
        assert cursor(app) == "web/protocols/gopher"
        assert app.focused is main(app).tree
        assert detail_title(app) == "Gopher"
        await pilot.press("space")  # keys reach the tree again
        assert label(app, "web/protocols/gopher") == "● Gopher opt"


async def test_search_escape_clears_the_search(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"dns")
        assert visible(app) == ["Web  0/6", "○ Protocols  0/4", "○ DNS alt"]
        await pilot.press("escape")
        search = main(app).query_one("#search", Input)
        assert not search.display and search.value == ""
        assert "search:" not in header(app)
        assert [v for v in visible(app) if not v.startswith(("○", "●"))] == [
            "Basics  0/2",
            "Web  0/6",
            "Extras  0/1",
        ]
        assert app.focused is main(app).tree


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


# ---------------------------------------------------------------------------------- filter


async def test_f_cycles_the_status_filter_shown_in_the_header(make_app, mini, progress_path):
    seed_progress(
        progress_path,
        "mini",
        {"basics/intro": "done", "web/html": "in-progress", "extra/history": "skipped"},
    )
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        assert "filter:" not in header(app)
        await pilot.press("f")
        assert "filter: to do" in header(app)
        shown = visible(app)
        assert "○ Tools rec" in shown and "○ DNS alt" in shown
        assert not any(s.startswith(("●", "◐", "⊘")) for s in shown)
        await pilot.press("f")
        assert "filter: in progress" in header(app)
        assert visible(app) == ["Web  0/6", "◐ HTML"]
        await pilot.press("f")
        assert "filter: done" in header(app)
        assert visible(app) == ["Basics  1/2", "● Introduction"]
        await pilot.press("f")
        assert "filter: skipped" in header(app)
        assert visible(app) == ["Extras  1/1", "⊘ History opt"]
        await pilot.press("f")
        assert "filter:" not in header(app)
        assert visible(app)[0] == "Basics  1/2"
        assert "Extras  1/1" in visible(app)


# ---------------------------------------------------------------------------------- jumps


async def test_brackets_jump_to_next_and_previous_unfinished(make_app, mini, progress_path):
    seed_progress(progress_path, "mini", {"basics/intro": "done", "web/protocols": "skipped"})
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right_square_bracket")
        assert cursor(app) == "basics/tools"  # Introduction is done
        assert detail_title(app) == "Tools"
        await pilot.press("right_square_bracket")
        assert cursor(app) == "web/protocols/http"  # Protocols is skipped
        await pilot.press("right_square_bracket")
        assert cursor(app) == "web/protocols/http/methods"
        await pilot.press("left_square_bracket")
        assert cursor(app) == "web/protocols/http"
        await pilot.press("left_square_bracket")
        assert cursor(app) == "basics/tools"


async def test_w_jumps_to_the_next_topic_to_learn(make_app, mini, progress_path):
    seed_progress(progress_path, "mini", {"basics/intro": "done"})
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        # Tools is only recommended; Protocols waits for Tools; HTTP is core with no prerequisite
        assert cursor(app) == "web/protocols/http"
        assert "▶ next: no prerequisites, core, listed by 2 of 5" in detail_text(app)
        assert any(m.startswith("Next: HTTP") for m in messages(app))


# ---------------------------------------------------------------------------------- links


async def test_o_opens_the_first_resource(make_app, mini):
    app = make_app(mini)
    opened = urls_opened(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j", "o")
        assert opened == ["https://example.com/intro"]
        await pilot.press("j", "o")  # Tools has no resources
        assert opened == ["https://example.com/intro"]
        assert "This topic has no resources." in messages(app)


async def test_o_refuses_a_link_that_is_not_http(make_app, mini):
    roadmap = replace_resources(
        mini,
        "basics/intro",
        (
            Resource("docs", "Local file", "file:///etc/passwd"),
            Resource("docs", "Fine", "https://example.com/fine"),
        ),
    )
    app = make_app(roadmap)
    opened = urls_opened(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j", "o")
        assert opened == []
        assert any("file:///etc/passwd" in m and "Not opening" in m for m in messages(app))


async def test_clicking_a_resource_link_opens_it(make_app, mini):
    app = make_app(mini)
    opened = urls_opened(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j")
        links = main(app).detail.query_one("#resources-lines", Link)
        assert rendered(links).splitlines() == [
            "[docs] Intro docs  https://example.com/intro",
            "[video] Intro video  https://example.com/video",
        ]
        await pilot.click(links, offset=(4, 1))  # the second line (2 columns of padding)
        assert opened == ["https://example.com/video"]
        await pilot.click(links, offset=(4, 0))
        assert opened == ["https://example.com/video", "https://example.com/intro"]


async def test_a_long_line_that_wraps_is_one_link(make_app, mini):
    long_title = "A very long title " * 8
    roadmap = replace_resources(
        mini,
        "basics/intro",
        (
            Resource("docs", long_title.strip(), "https://example.com/long"),
            Resource("docs", "Short", "https://example.com/short"),
        ),
    )
    app = make_app(roadmap)
    opened = urls_opened(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j")
        links = main(app).detail.query_one("#resources-lines", Link)
        rows = rendered_rows(links)
        first_rows = next(i for i, row in enumerate(rows) if "Short" in row)
        assert first_rows >= 2  # the long title takes more than one row
        await pilot.click(links, offset=(4, first_rows - 1))  # the long one's last row
        assert opened == ["https://example.com/long"]
        await pilot.click(links, offset=(4, first_rows))
        assert opened == ["https://example.com/long", "https://example.com/short"]
        await pilot.hover(links, offset=(4, first_rows))
        assert links.tooltip == "https://example.com/short"


async def test_tab_to_a_box_then_up_down_and_enter_follow_a_line(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "web/protocols")
        prerequisites = main(app).detail.query_one("#prerequisites-lines", Jump)
        assert prerequisites.targets == ["basics/intro", "basics/tools"]
        await tab_to(pilot, prerequisites)
        assert highlighted_row(prerequisites) == 0
        await pilot.press("down")
        assert highlighted_row(prerequisites) == 1
        await pilot.press("down")  # the last line stays highlighted
        assert highlighted_row(prerequisites) == 1
        await pilot.press("up", "down", "enter")
        assert cursor(app) == "basics/tools"
        assert app.focused is main(app).tree  # the keys move the tree again


async def test_a_picked_line_stays_picked_when_only_its_status_changes(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "web/protocols")
        parts = main(app).detail.query_one("#children-lines", Jump)
        await tab_to(pilot, parts)
        await pilot.press("down")
        main(app).request_mark("web/protocols/dns", "done")  # as a click on its status would
        await pilot.pause()
        assert rendered(parts).splitlines()[1].startswith("● DNS")
        assert highlighted_row(parts) == 1


async def test_in_a_box_j_and_k_move_and_escape_goes_back_to_the_tree(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "web/protocols")
        parts = main(app).detail.query_one("#children-lines", Jump)
        await tab_to(pilot, parts)
        await pilot.press("j", "j")
        assert highlighted_row(parts) == 2
        await pilot.press("k")
        assert highlighted_row(parts) == 1
        assert cursor(app) == "web/protocols"  # the tree's cursor stayed
        await pilot.press("escape")
        assert app.focused is main(app).tree
        assert highlighted_row(parts) is None
        await pilot.press("j")  # the tree has the keys again (Protocols is collapsed)
        assert cursor(app) == "web/html"


async def test_hovering_a_line_highlights_that_line_only(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "web/protocols")
        parts = main(app).detail.query_one("#children-lines", Jump)
        assert parts.targets == ["web/protocols/http", "web/protocols/dns", "web/protocols/gopher"]
        assert styled_rows(parts) == []
        await pilot.hover(parts, offset=(4, 2))
        assert styled_rows(parts) == [2]
        await pilot.hover(main(app).tree)
        assert styled_rows(parts) == []


def urls_opened(app) -> list[str]:
    """The urls the app asks the browser to open, from now on (none is opened for real)."""
    opened: list[str] = []
    app.open_url = lambda url, **kw: opened.append(url)
    return opened


async def tab_to(pilot, widget) -> None:
    """Press tab until ``widget`` has the focus, as a user would."""
    for _ in range(12):
        if pilot.app.focused is widget:
            break
        await pilot.press("tab")
    await pilot.pause()
    assert pilot.app.focused is widget


def rendered_rows(widget) -> list[str]:
    """The rows a widget shows on screen, as text."""
    return [strip.text.rstrip() for strip in widget.render_lines(widget.region.reset_offset)]


def styled_rows(lines) -> list[int]:
    """The lines of a box drawn with a background of their own (hover or highlight)."""
    content = lines.render()  # what the widget shows, one line per item
    rows, start = [], 0
    for index, row in enumerate(content.plain.split("\n")):
        end = start + len(row)
        if any(
            span.start <= start and span.end >= end and _background(span.style)
            for span in content.spans
        ):
            rows.append(index)
        start = end + 1
    return rows


def _background(style) -> bool:
    """Whether a style (rich's or Textual's) sets a background colour."""
    background = getattr(style, "bgcolor", None) or getattr(style, "background", None)
    return background is not None and getattr(background, "a", 1) > 0


def highlighted_row(lines) -> int | None:
    rows = styled_rows(lines)
    assert len(rows) <= 1, rows
    return rows[0] if rows else None


# ---------------------------------------------------------------------------------- undo


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


# ---------------------------------------------------------------------------------- expand all


async def test_E_and_C_expand_and_collapse_everything(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("E")
        assert len(visible(app)) == 12  # 3 sections + 9 topics
        assert "○ Methods" in visible(app)
        await goto(pilot, "web/protocols/http/methods")
        await pilot.press("C")
        assert visible(app) == ["Basics  0/2", "Web  0/6", "Extras  0/1"]
        assert cursor(app) == "web"  # the section of the topic the cursor was on


# ---------------------------------------------------------------------------------- help, palette


async def test_question_mark_and_f1_open_help_escape_closes(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        for key in ("question_mark", "f1"):
            await pilot.press(key)
            assert isinstance(app.screen, HelpScreen)
            assert "roadmap-tui keys" in screen_text(app)
            await pilot.press("escape")
            assert isinstance(app.screen, MainScreen)


async def _palette_run(pilot, query: str, expected_prompt: str) -> None:
    app = pilot.app
    await pilot.press("ctrl+p")
    assert await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
    await pilot.press(*query)
    assert await wait_for(pilot, lambda: expected_prompt in screen_text(app))
    await pilot.press("enter")
    assert await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))


async def test_command_palette_jumps_to_a_topic(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await _palette_run(pilot, "Gopher", "Go to Gopher")
        assert cursor(app) == "web/protocols/gopher"
        assert detail_title(app) == "Gopher"
        assert app.focused is main(app).tree


async def test_command_palette_runs_actions(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await _palette_run(pilot, "expand", "Expand every branch")
        assert len(visible(app)) == 12


def test_every_palette_action_names_an_existing_action():
    from roadmap_tui.tui.app import RoadmapApp
    from roadmap_tui.tui.commands import ACTIONS

    for name, _help, action in ACTIONS:
        target, _, call = action.partition(".")
        owner = MainScreen if target == "screen" else RoadmapApp
        method = "action_" + call.partition("(")[0]
        assert callable(getattr(owner, method, None)), f"{name!r}: {owner.__name__}.{method}"


async def test_F_focus_mode_and_d_detail_toggle(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("F")
        assert "focus: essentials" in header(app)
        shown = visible(app)
        assert "○ Introduction" in shown and "○ HTML" in shown  # core
        assert "○ Tools rec" not in shown and "○ History opt" not in shown
        await pilot.press("F")
        assert "focus:" not in header(app)
        detail = main(app).detail
        await pilot.press("d")
        assert not detail.display or detail.region.width == 0
        await pilot.press("d")
        await pilot.pause()
        assert detail.region.width > 0


# ---------------------------------------------------------------------------------- mouse


async def test_clicking_a_topic_moves_the_cursor(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        assert visible(app)[2] == "○ Tools rec"
        await pilot.click(main(app).tree, offset=(8, 2))
        assert cursor(app) == "basics/tools"
        assert detail_title(app) == "Tools"


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


async def test_clicking_a_prerequisite_jumps_to_it(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "web/protocols")
        prerequisites = main(app).detail.query_one("#prerequisites-lines", Jump)
        assert rendered(prerequisites).splitlines() == [
            "○ Introduction  basics/intro",
            "○ Tools  basics/tools",
        ]
        await pilot.click(prerequisites, offset=(4, 1))
        assert cursor(app) == "basics/tools"


# ---------------------------------------------------------------------------------- detail pane


async def test_detail_pane_follows_the_cursor(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j")
        text = detail_text(app)
        assert detail_title(app) == "Introduction"
        assert "listed by 3 of 5 roadmaps" in text
        assert "[docs] Intro docs  https://example.com/intro" in text
        assert "Meet the zebra of computing." in text
        await pilot.press("space")
        await goto(pilot, "web/protocols")
        text = detail_text(app)
        assert detail_title(app) == "Protocols"
        assert "Web" in text  # breadcrumbs
        assert "listed by 4 of 5 roadmaps" in text
        assert "0/4 parts complete" in text
        assert "Prerequisites" in text
        assert "● Introduction  basics/intro" in text  # done a moment ago
        assert "○ Tools  basics/tools" in text
        assert "[article] Protocols article  https://example.com/protocols" in text
        assert "Intro docs" not in text
        await goto(pilot, "web/html")
        assert detail_title(app) == "HTML"
        assert "listed by 5 of 5 roadmaps" in detail_text(app)
        assert "○ HTTP  web/protocols/http" in detail_text(app)


async def test_bundled_roadmap_opens_and_follows_the_cursor(make_app, bundled, progress_path):
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        assert header(app).startswith(" Backend Developer ")
        assert "0%" in header(app)
        assert len(visible(app)) == len(bundled.sections)
        assert visible(app)[0].startswith("Internet and the Web  0/")
        await goto(pilot, "internet/http")
        text = detail_text(app)
        assert detail_title(app) == "HTTP"
        assert "listed by 4 of 5 roadmaps" in text
        assert "○ TCP/IP  internet/tcp-ip" in text
        assert "MDN: HTTP" in text
        parts = len(bundled["internet/http"].children)
        await pilot.press("space", "y")
        assert label(app, "internet/http").startswith("● HTTP  ")
        assert label(app, "internet/http").endswith(f"{parts}/{parts}")
        await saved(pilot)
        assert saved_status(progress_path, "backend", "internet/http") == "done"
        await pilot.press("E")
        assert len(visible(app)) == len(list(bundled.nodes()))
        await pilot.press("C")
        assert len(visible(app)) == len(bundled.sections)


async def test_the_detail_text_keeps_its_width_beside_a_scrollbar_that_stays(make_app, bundled):
    """Moving between topics longer and shorter than the pane: the scrollbar stays, so the text
    keeps one width (it is not re-wrapped as the cursor moves), always beside the scrollbar."""
    app = make_app(bundled)
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.press("E")
        detail = main(app).detail
        seen, widths = set(), set()
        for _ in range(16):
            await pilot.press("down")
            assert detail.show_vertical_scrollbar, detail.topic_id
            bar = detail.vertical_scrollbar.region
            description = detail.query_one("#description").region
            assert bar.right <= detail.region.right
            assert description.right <= bar.x
            widths.add(description.width)
            seen.add(detail.virtual_size.height > detail.container_size.height)
        assert seen == {True, False}  # both kinds of topic were shown
        assert len(widths) == 1


async def test_a_description_seen_before_is_wrapped_for_the_current_width(make_app, bundled):
    """Descriptions are kept once rendered (and the ones next to the cursor are rendered
    ahead): coming back to a topic after the window changed size shows it wrapped for the new
    width, every word there, none cut off."""

    def pane_lines(app) -> list[str]:
        field = main(app).detail.query_one("#description")
        region = field.region
        lines = screen_text(app).splitlines()[region.y : region.bottom]
        return [line[region.x : region.right] for line in lines]

    words = bundled["internet/http"].description.split()[:12]
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "internet/http")
        wide = pane_lines(app)
        await pilot.press("down", "up")  # away and back: the kept rendering
        assert pane_lines(app) == wide
        await pilot.resize_terminal(100, 40)
        await pilot.pause()
        await pilot.press("down", "up")
        narrow = pane_lines(app)
        assert narrow != wide
        assert max(len(line.rstrip()) for line in narrow) < max(len(line) for line in wide)
        assert " ".join(" ".join(narrow).split()).startswith(" ".join(words))
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        await pilot.press("down", "up")
        assert pane_lines(app) == wide


async def test_notes_next_to_the_cursor_are_ready_and_shown_as_written(
    make_app, bundled, progress_path
):
    """Notes are rendered once and kept, those next to the cursor ahead of time: moving onto a
    topic shows its own note (never a neighbour's), an edited note shows its new text, and the
    topics without one show the hint."""
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
        await pilot.pause()  # the neighbours' notes are rendered now
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


async def test_narrow_window_puts_the_detail_pane_below_the_tree(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tree, detail = main(app).tree, main(app).detail
        assert detail.region.y > tree.region.y
        assert detail.region.height > 0
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tree, detail = main(app).tree, main(app).detail
        assert detail.region.x > tree.region.x  # side by side when wide


# ---------------------------------------------------------------------------------- files


CORRUPT = b'schema = 1\n\n[roadmaps.mini.topics."basics/intro"]\nstatus = "done\n'


async def test_corrupt_progress_file_shows_the_error_screen_and_q_exits(
    make_app, mini, progress_path
):
    progress_path.write_bytes(CORRUPT)
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ProgressErrorScreen)
        message = str(app.screen.query_one("#error-message", Static).render())
        assert f"{progress_path}:4" in message
        assert "cannot be read" in screen_text(app)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_value == 1  # the exit status of roadmap-tui
    assert progress_path.read_bytes() == CORRUPT


async def test_corrupt_progress_file_m_moves_it_aside_and_starts(make_app, mini, progress_path):
    progress_path.write_bytes(CORRUPT)
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ProgressErrorScreen)
        await pilot.press("m")
        assert await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        moved = list(progress_path.parent.glob("progress.toml.corrupt-*"))
        assert len(moved) == 1
        assert moved[0].read_bytes() == CORRUPT
        assert visible(app) == ["Basics  0/2", "Web  0/6", "Extras  0/1"]
        await pilot.press("l", "j", "space")
        await saved(pilot)
        assert saved_status(progress_path, "mini", "basics/intro") == "done"
        assert moved[0].read_bytes() == CORRUPT


async def test_a_change_made_by_another_store_appears_within_a_couple_of_seconds(
    make_app, mini, progress_path
):
    app = make_app(mini, poll_interval=0.2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j")
        assert label(app, "basics/intro") == "○ Introduction"
        other = ProgressStore(progress_path, "mini")
        other.load()
        other.set_status("basics/intro", "done")
        other.set_note("basics/intro", "written elsewhere")
        start = time.monotonic()
        assert await wait_for(pilot, lambda: label(app, "basics/intro") == "● Introduction", 5)
        assert time.monotonic() - start < 2.0
        assert label(app, "basics") == "Basics  1/2"
        # the header and the pane are redrawn on the screen's next update
        assert await wait_for(pilot, lambda: "1 done" in header(app), 1)
        assert await wait_for(pilot, lambda: note_shown(app) == "written elsewhere", 1)


async def test_view_state_is_restored_by_the_next_run(make_app, mini, state_path):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "l", "j", "l", "j", "j")
        assert cursor(app) == "web/protocols/dns"
        app.theme = "nord"
        await pilot.press("q")
        await pilot.pause()
    assert app.return_value == 0
    assert state_path.exists()

    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "nord"
        assert cursor(app) == "web/protocols/dns"
        assert detail_title(app) == "DNS"
        assert visible(app)[:3] == ["Basics  0/2", "Web  0/6", "○ Protocols  0/4"]
        assert "○ DNS alt" in visible(app)
        assert "○ Introduction" not in visible(app)


async def test_q_quits_and_saves_everything(make_app, mini, progress_path):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j", "space", "q")
        await pilot.pause()
    assert app.return_value == 0 and not app.is_running
    assert saved_status(progress_path, "mini", "basics/intro") == "done"


# ---------------------------------------------------------------------------------- untrusted text

MARKUP = "[bold]Big[/bold] [red]alarm[/red]"
SHOWN = "[bold]Big[/bold] [red]alarm[/red] ␛[31mRed"


def markup_roadmap() -> Roadmap:
    """The mini roadmap with markup and an escape sequence in the roadmap title and two topics."""
    raw = MARKUP + r" \u001b[31mRed"
    text = (
        MINI_TOML.replace('title = "Mini Roadmap"', f'title = "{raw}"')
        .replace('title = "Introduction"', f'title = "{raw} intro"')
        .replace('title = "Protocols"', f'title = "{raw} protocols"')
    )
    return parse(text)


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


async def test_a_failed_save_is_shown_kept_and_retried(make_app, mini, progress_path, monkeypatch):
    """Disk full: the user sees why, the change stays on screen, and a retry saves it."""
    import errno

    import roadmap_tui.storage.progress as progress_module

    real_replace = progress_module.os.replace
    failing = {"on": True}

    def replace(src, dst):
        if failing["on"]:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(progress_module.os, "replace", replace)
    app = make_app(mini)
    app.retry_interval = 0.2
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j", "space")
        assert await wait_for(pilot, lambda: "not saved" in header(app))
        assert label(app, "basics/intro") == "● Introduction"  # the change is kept
        messages = [n.message for n in app._notifications]
        assert any("No space left on device" in m and "retried" in m for m in messages)
        assert not progress_path.exists()
        failing["on"] = False
        assert await wait_for(pilot, lambda: progress_path.exists(), timeout=5)
        assert await wait_for(pilot, lambda: "not saved" not in header(app))
        assert saved_status(progress_path, "mini", "basics/intro") == "done"


async def test_quitting_with_an_unsaved_change_asks_first(
    make_app, mini, progress_path, monkeypatch
):
    import roadmap_tui.storage.progress as progress_module

    def replace(src, dst):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(progress_module.os, "replace", replace)
    app = make_app(mini)
    app.retry_interval = 0.2
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j", "space")
        assert await wait_for(pilot, lambda: "not saved" in header(app))
        app.saver.flush = lambda timeout=0: False  # do not wait 5 s for a save that cannot work
        await pilot.press("q")
        await pilot.pause()
        assert type(app.screen).__name__ == "QuitAnywayScreen"
        texts = [str(w.render()) for w in app.screen.query(Static)]
        assert any("Read-only file system" in t for t in texts), texts
        await pilot.press("n")  # stay
        assert type(app.screen).__name__ == "MainScreen"
        await pilot.press("q", "y")
        await pilot.pause()
    assert app.return_value == 0


async def test_no_color_is_respected_and_statuses_stay_distinct(make_app, mini, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(mini)
    assert app.no_color
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j", "space", "j", "i")
        # without colour, the glyphs alone tell the statuses apart
        assert label(app, "basics/intro").startswith("● ")
        assert label(app, "basics/tools").startswith("◐ ")


def stats_text(app) -> str:
    import io

    from rich.console import Console

    console = Console(width=100, file=io.StringIO(), record=True)
    console.print(app.screen.renderable)
    return console.export_text()


async def test_t_opens_statistics_and_escape_closes(make_app, mini, progress_path):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        assert type(app.screen).__name__ == "StatsScreen"
        text = stats_text(app)
        assert "Activity, last 26 weeks" in text
        assert "No history yet" in text
        await pilot.press("escape")
        await pilot.press("l", "j", "space")
        await saved(pilot)
        await pilot.press("t")
        text = stats_text(app)
        assert "1 done" in text
        assert "Streak: 1 day now, longest 1." in text
        assert "Pace: 1.0 topics a week" in text


async def test_palette_switches_to_a_roadmap_from_the_roadmaps_folder(
    make_app, mini, progress_path, tmp_path, monkeypatch
):
    import roadmap_tui.storage.catalog as catalog

    folder = tmp_path / "roadmaps"
    folder.mkdir()
    other = folder / "other.toml"
    other.write_text(
        '[roadmap]\nid = "other"\ntitle = "Other Roadmap"\n\n[[section]]\nid = "s"\n'
        'title = "Only section"\n\n[[section.topic]]\nid = "t"\ntitle = "Only topic"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(catalog.paths, "user_roadmaps_dir", lambda: folder)
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j", "space")  # progress on the mini roadmap
        await saved(pilot)
        await _palette_run(pilot, "Other Roadmap", "Switch roadmap: Other Roadmap")
        await pilot.pause()
        assert app.roadmap.id == "other"
        assert "Other Roadmap" in header(app)
        await pilot.press("l", "j", "space")
        await saved(pilot)
    data = read_progress(progress_path)
    # progress is kept per roadmap id: both roadmaps' marks are in the one file
    assert data["roadmaps"]["mini"]["topics"]["basics/intro"]["status"] == "done"
    assert data["roadmaps"]["other"]["topics"]["s/t"]["status"] == "done"


async def test_lazy_tree_expanded_everywhere_matches_the_model(make_app, bundled):
    """Children are built on first expansion; fully expanded, the tree is the roadmap."""
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        tree = main(app).tree
        assert len(tree.nodes_by_id) == len(bundled.sections)  # nothing built yet
        await pilot.press("E")
        built = []
        stack = list(reversed(tree.root.children))
        while stack:
            node = stack.pop()
            built.append(node.data)
            stack.extend(reversed(node.children))
        assert built == [t.id for t in bundled.nodes()]


async def test_search_results_equal_a_plain_scan_of_the_model(make_app, bundled, progress_path):
    seed_progress(progress_path, "backend", notes={"internet/dns": "Resolver caching quirks"})
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        for query in ("ca", "cach", "caching", "cachin", "cookie session", "quirks", "zzz"):
            search = main(app).search_box()
            search.value = query
            await pilot.pause()

            def plain(topic, query=query):
                entry = main(app).session.entries.get(topic.id)
                text = " ".join(
                    (topic.title, topic.summary, topic.description, " ".join(topic.aliases))
                )
                if entry is not None:
                    text += "\n" + entry.note
                return all(w in text.casefold() for w in query.casefold().split())

            expected = [t.id for t in bundled.topics() if plain(t)]
            assert main(app).matches == expected, query


def search_result(app, query: str) -> list[str]:
    """What a search should show, by a plain scan of the model: the topics whose title,
    summary, description, aliases or note hold every word, and their parents, in roadmap
    order."""
    roadmap = app.roadmap
    words = query.casefold().split()

    def text(topic) -> str:
        entry = main(app).session.entries.get(topic.id)
        note = entry.note if entry is not None else ""
        return " ".join(
            (topic.title, topic.summary, topic.description, " ".join(topic.aliases), note)
        ).casefold()

    matched = {t.id for t in roadmap.topics() if all(w in text(t) for w in words)}
    shown = matched | {a for tid in matched for a in roadmap.ancestor_ids(tid)}
    return [node.id for node in roadmap.nodes() if node.id in shown]


async def test_typing_a_search_shows_exactly_the_matches_and_their_parents(make_app, bundled):
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("E", "C", "slash")  # every branch built, then collapsed
        typed = ""
        for key in [*"cach", *["backspace"] * 3, *"ookie", *["backspace"] * 6, *"dns"]:
            await pilot.press(key)
            typed = typed[:-1] if key == "backspace" else typed + key
            assert main(app).session.search_text == typed
            if not typed:  # everything again, as it was (collapsed)
                sections = [s.id for s in bundled.sections]
                assert [tid for tid in visible_ids(app) if tid in sections] == sections
                assert_tree_on_screen_is_the_model(app)
                continue
            expected = search_result(app, typed)
            assert expected and visible_ids(app) == expected, typed
            assert [tid for tid, _ in tree_on_screen(app)] == expected[:35], typed
            assert_tree_on_screen_is_the_model(app)


async def test_a_search_with_many_matches_shows_their_sections_and_only_matches_below(
    make_app, bundled, monkeypatch
):
    """Above EXPAND_ALL_LIMIT lines a filtered tree shows its sections collapsed; expanding
    them shows only the matches and their parents, for the text typed last."""
    from roadmap_tui.tui.screens import main as app_module

    monkeypatch.setattr(app_module, "EXPAND_ALL_LIMIT", 40)
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        typed = ""
        for keys in (["c", "o"], ["n"], ["backspace", "backspace", "backspace", "d", "n"]):
            for key in keys:
                await pilot.press(key)
                typed = typed[:-1] if key == "backspace" else typed + key
                if not typed:
                    assert len(visible_ids(app)) == len(bundled.sections)
                    continue
                expected = search_result(app, typed)
                sections = [s.id for s in bundled.sections if s.id in expected]
                on_screen = [tid for tid, _ in tree_on_screen(app)]
                if len(expected) > 40:
                    assert [tid for tid in on_screen if tid in sections] == sections, typed
                    assert set(on_screen) <= set(expected), typed
                else:
                    assert on_screen == expected[:35], typed
                assert_tree_on_screen_is_the_model(app)
            await pilot.press("enter", "E")  # to the tree; expand everything
            await pilot.pause()
            assert visible_ids(app) == expected, typed
            assert_tree_on_screen_is_the_model(app)
            await pilot.press("C", "slash", "end")  # back to the end of the search text
            assert main(app).session.search_text == typed


async def test_a_search_shows_an_expand_icon_only_where_matches_are_below(
    make_app, mini, progress_path, monkeypatch
):
    from roadmap_tui.tui.screens import main as app_module

    monkeypatch.setattr(app_module, "EXPAND_ALL_LIMIT", 3)  # sections collapsed
    notes = {t: "alpha beta" for t in ("web/protocols/http", "web/protocols/dns")}
    seed_progress(progress_path, "mini", notes={**notes, "web/protocols/http/methods": "alpha"})
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "web/protocols/dns")
        await pilot.press("slash", *"alpha")
        assert visible_ids(app) == [
            "web",
            "web/protocols",
            "web/protocols/http",  # Methods, below it, matches too
            "web/protocols/dns",
        ]
        assert_tree_on_screen_is_the_model(app)
        await pilot.press(*" be")  # HTTP still matches, Methods no longer
        assert visible_ids(app) == [
            "web",
            "web/protocols",
            "web/protocols/http",
            "web/protocols/dns",
        ]
        assert_tree_on_screen_is_the_model(app)
        assert not main(app).tree.nodes_by_id["web/protocols/http"].allow_expand


def test_every_binding_has_an_id_and_a_description():
    from roadmap_tui.tui.app import RoadmapApp
    from roadmap_tui.tui.screens import dialogs
    from roadmap_tui.tui.widgets import roadmap_tree, topic_view

    owners = [RoadmapApp, MainScreen, roadmap_tree.RoadmapTree]
    owners += [getattr(topic_view, n) for n in ("Lines", "Link", "NoteEditor")]
    owners += [
        cls for cls in vars(dialogs).values() if getattr(cls, "__module__", "") == dialogs.__name__
    ]
    ids = []
    for owner in owners:
        for binding in vars(owner).get("BINDINGS", []):
            assert binding.id and binding.description, (owner.__name__, binding)
            ids.append(binding.id)
    assert len(ids) == len(set(ids))


def test_every_key_of_the_main_screen_is_in_the_help_screen():
    from roadmap_tui.tui.screens.dialogs import HELP

    names = {
        "space": "`space`",
        "slash": "`/`",
        "question_mark": "`?`",
        "f1": "`F1`",
        "right_square_bracket": "`]`",
        "left_square_bracket": "`[`",
        "ctrl+z": "`ctrl+z`",
        "ctrl+y": "`ctrl+y`",
    }
    for binding in MainScreen.BINDINGS:
        for key in binding.key.split(","):
            assert names.get(key, f"`{key}`") in HELP, key
