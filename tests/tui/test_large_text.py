"""Pilot tests: a description or a note of megabytes is shown in part, quickly, and says so;
the note itself is kept whole on disk and in the editor."""

from __future__ import annotations

from textual.widgets import Static

from roadmap_tui.core.loader import parse

from .conftest import read_progress, seed_progress
from .helpers import SIZE, detail_text, main, saved

PARAGRAPH = "A paragraph of **Markdown** that goes on and on about the topic at hand.\n\n"
LONG = PARAGRAPH * 6_000 + "THE VERY END"  # about 450 KB


def long_roadmap(mini_path):
    text = mini_path.read_text().replace(
        'description = "Meet the **zebra** of computing."',
        'description = """' + LONG + '"""',
    )
    return parse(text)


async def test_a_long_description_is_shown_in_part_and_says_how_to_read_it_all(make_app, mini_path):
    app = make_app(long_roadmap(mini_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j")
        await pilot.pause()
        shown = detail_text(app)
        assert "A paragraph of Markdown" in shown
        assert "THE VERY END" not in shown
        assert (
            "Showing the first 16 KB of this 444 KB description; "
            "run `roadmap-tui show --full basics/intro` to read all of it." in shown
        )
        await pilot.press("j")  # a short description: no such line
        assert "Showing the first" not in detail_text(app)


async def test_a_long_note_is_shown_in_part_and_edited_whole(make_app, mini, progress_path):
    seed_progress(progress_path, "mini", notes={"basics/intro": LONG})
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j")
        await pilot.pause()
        note = main(app).detail.query_one("#note", Static)
        assert "THE VERY END" not in detail_text(app)
        assert (
            "Showing the first 16 KB of this 444 KB note; all of it is kept, and `n` or `e` "
            "edits all of it." in detail_text(app)
        )
        await pilot.press("n")
        await pilot.pause()
        editor = main(app).detail.editor
        assert editor is not None and editor.text == LONG
        assert not note.display
        assert "Showing the first" not in detail_text(app)
        editor.move_cursor(editor.document.end)
        await pilot.press("!", "escape")
        await saved(pilot)
    saved_note = read_progress(progress_path)["roadmaps"]["mini"]["topics"]["basics/intro"]["note"]
    assert saved_note == LONG + "!"
