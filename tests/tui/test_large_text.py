"""Pilot tests: a description or a note of megabytes is shown in part, quickly, and says so;
the note itself is kept whole on disk and in the editor."""

from __future__ import annotations

import contextlib

from textual.widgets import Static

from roadmap_tui.core.loader import parse

from .conftest import saved_note, seed_progress
from .helpers import SIZE, detail_text, main, messages, saved

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
            "Showing the first 8 KB of this 444 KB description; "
            "run `roadmap-tui show --full basics/intro` to read all of it." in shown
        )
        await pilot.press("j")  # a short description: no such line
        assert "Showing the first" not in detail_text(app)


async def test_a_long_note_is_shown_in_part_and_edited_whole_in_place(
    make_app, mini, progress_path
):
    note = PARAGRAPH * 1_500 + "THE VERY END"  # 111 KB: shown in part, edited in place
    seed_progress(progress_path, "mini", notes={"basics/intro": note})
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j")
        await pilot.pause()
        assert "THE VERY END" not in detail_text(app)
        assert (
            "Showing the first 8 KB of this 111 KB note; all of it is kept, and `n` or `e` "
            "edits all of it." in detail_text(app)
        )
        await pilot.press("n")
        await pilot.pause()
        editor = main(app).detail.editor
        assert editor is not None and editor.text == note
        assert not main(app).detail.query_one("#note", Static).display
        assert "Showing the first" not in detail_text(app)
        await pilot.press("!", "escape")
        await saved(pilot)
    assert saved_note(progress_path, "mini", "basics/intro") == note + "!"


async def test_n_on_a_note_too_long_to_edit_in_place_opens_it_whole_in_the_editor(
    make_app, mini, progress_path, monkeypatch
):
    seed_progress(progress_path, "mini", notes={"basics/intro": LONG})
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", 'sh -c \'printf "!" >> "$0"\'')
    app = make_app(mini)
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("l", "j", "n")
        await pilot.pause()
        assert main(app).detail.editor is None  # no editor in the pane: it would lag
        assert "This note is 444 KB: too long to edit here" in messages(app)[0]
        await saved(pilot)
    assert saved_note(progress_path, "mini", "basics/intro") == LONG + "!"
