"""Pilot tests: pick-one choices in the app: the tree, the header, the details, `c`, undo, `w`."""

from __future__ import annotations

from pathlib import Path

import pytest
from choice_roadmap import choice_roadmap

from roadmap_tui.tui.screens.dialogs import ConfirmBranchScreen
from roadmap_tui.tui.screens.main import MainScreen

from .conftest import read_progress
from .helpers import (
    SIZE,
    detail_text,
    goto,
    header,
    label,
    main,
    messages,
    saved,
    screen_text,
)


@pytest.fixture
def pick_roadmap():
    return choice_roadmap()


def saved_topics(path: Path) -> dict:
    return read_progress(path).get("roadmaps", {}).get("pick", {}).get("topics", {})


async def test_c_chooses_an_option_saves_it_and_every_count_follows(
    make_app, pick_roadmap, progress_path
):
    app = make_app(pick_roadmap)
    async with app.run_test(size=SIZE) as pilot:
        assert label(app, "language") == "Pick a Language  choose 1 of 3"
        assert "· 6 to do" in header(app)
        await goto(pilot, "language/go")
        assert "one of the options of Pick a Language: not chosen yet" in detail_text(app)
        await pilot.press("c")
        await saved(pilot)
        topics = saved_topics(progress_path)
        assert topics["language/go"]["chosen"] is True
        assert topics["language/python"]["chosen"] is False
        assert label(app, "language/python") == "○ Python alt  not chosen"
        assert label(app, "language") == "Pick a Language  0/1"
        assert label(app, "frameworks") == "Frameworks  0/1"  # no framework fits Go
        assert "· 4 to do" in header(app)
        await goto(pilot, "language/python")
        assert "not chosen: you picked Go" in detail_text(app)
        await goto(pilot, "frameworks/framework/express")
        assert "needs JavaScript, not chosen" in detail_text(app)
        assert label(app, "frameworks/framework/express") == "○ Express alt  not chosen"
        tree = main(app).tree
        line = tree.nodes_by_id["frameworks/framework/express"].label
        muted = tree.get_component_rich_style("roadmap-tree--not-chosen").color
        assert any(  # the whole line in the theme's muted text colour
            sp.start == 0 and sp.end == len(line) and sp.style.color == muted for sp in line.spans
        )
        await pilot.press("u")  # undo the pick
        await saved(pilot)
        topics = saved_topics(progress_path)
        assert "chosen" not in topics.get("language/go", {})
        assert "chosen" not in topics.get("language/python", {})
        assert label(app, "language") == "Pick a Language  choose 1 of 3"
        assert "· 6 to do" in header(app)


async def test_c_on_a_topic_that_is_no_option_says_so(make_app, pick_roadmap, progress_path):
    app = make_app(pick_roadmap)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "basics/internet")
        await pilot.press("c")
        await pilot.pause()
        assert "Not an option of a pick-one choice." in messages(app)
        await goto(pilot, "language")
        await pilot.press("c")
        await pilot.pause()
        assert "Not an option of a pick-one choice. Highlight one of its options." in (
            messages(app)
        )
        assert not progress_path.exists()


async def test_w_goes_to_the_choice_and_the_details_guide_the_pick(
    make_app, pick_roadmap, progress_path
):
    app = make_app(pick_roadmap)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "basics/internet")
        await pilot.press("space")
        await saved(pilot)
        await pilot.press("w")
        await pilot.pause()
        assert main(app).tree.cursor_topic_id == "language"
        assert "Next: Pick a Language (choose your language: Python, Go, JavaScript)" in (
            messages(app)
        )
        text = detail_text(app)
        assert "▶ next: choose your language: Python, Go, JavaScript" in text
        assert "a choice: pick 1 of the 3 options below (press c on one)" in text
        assert "How to choose: take the one your job uses." in text
        # starting an option picks it: the header and the tree follow at once
        await goto(pilot, "language/go")
        await pilot.press("i")
        await pilot.pause()
        assert label(app, "language/python") == "○ Python alt  not chosen"
        assert "1 in progress" in header(app)
        await goto(pilot, "frameworks/framework")
        assert label(app, "frameworks/framework") == "○ Pick a Framework  not chosen"
        assert "1 in progress" in header(app)


async def test_the_not_chosen_filter_shows_what_the_pick_left_out(
    make_app, pick_roadmap, progress_path
):
    app = make_app(pick_roadmap)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "language/python")
        await pilot.press("c")
        await saved(pilot)
        for _ in range(5):  # all, to do, in progress, done, skipped, not chosen
            await pilot.press("f")
        await pilot.pause()
        assert "filter: not chosen" in header(app)
        shown = main(app).tree.shown_ids
        assert {"language/go", "language/javascript", "frameworks/framework/express"} <= shown
        assert "language/python" not in shown and "basics/internet" not in shown


async def test_progress_under_a_former_id_shows_under_the_moved_topic(make_app, progress_path):
    from test_former_ids import MOVED, OLD_PROGRESS

    from roadmap_tui.core.loader import parse

    progress_path.write_text(OLD_PROGRESS, encoding="utf-8")
    app = make_app(parse(MOVED, "moved.toml"))
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "frameworks/python/django")
        assert (
            label(app, "frameworks/python/django") == "● Django ✎"
        )  # its note came over from the former id
        assert "models, views, templates" in detail_text(app)
        assert "1 done" in header(app)


async def test_the_palette_chooses_an_option_too(make_app, pick_roadmap, progress_path):
    from .helpers import _palette_run

    app = make_app(pick_roadmap)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "language/python")
        await pilot.press("c")
        await saved(pilot)
        await goto(pilot, "language/go")
        await _palette_run(pilot, "Choose this option too", "Choose this option too")
        await saved(pilot)
        topics = saved_topics(progress_path)
        assert topics["language/python"]["chosen"] is True
        assert topics["language/go"]["chosen"] is True
        assert label(app, "language/go") == "○ Go alt"


async def test_the_statistics_screen_counts_the_pick(make_app, pick_roadmap, progress_path):
    from .helpers import stats_text

    app = make_app(pick_roadmap)
    async with app.run_test(size=SIZE) as pilot:
        assert "(6 topics)" in (await _stats(pilot, stats_text))
        await pilot.press("escape")
        await goto(pilot, "language/go")
        await pilot.press("c")
        await saved(pilot)
        text = await _stats(pilot, stats_text)
        assert "(4 topics)" in text and "Hours: 0 h done, 0 h in progress, 18 h left" in text


async def _stats(pilot, stats_text) -> str:
    from roadmap_tui.tui.screens.dialogs import StatsScreen

    await pilot.press("t")
    await pilot.pause()
    assert isinstance(pilot.app.screen, StatsScreen)
    return stats_text(pilot.app)


async def test_marking_a_section_done_leaves_the_options_not_chosen_as_they_are(
    make_app, pick_roadmap, progress_path
):
    app = make_app(pick_roadmap)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "language")
        await pilot.press("space")  # no pick yet: every option waits for one
        assert isinstance(app.screen, MainScreen)
        assert (
            "Nothing to mark in Pick a Language: 4 waiting for a pick. c on an option picks it."
            in messages(app)
        )
        await goto(pilot, "language/go")
        await pilot.press("c")
        await goto(pilot, "language")
        await pilot.press("space")
        assert isinstance(app.screen, ConfirmBranchScreen)
        text = screen_text(app)
        assert "Mark the 1 topic of Pick a Language as done?" in text
        assert "3 not chosen, left as they are." in text
        await pilot.press("y")
        await saved(pilot)
        topics = saved_topics(progress_path)
        assert topics["language/go"]["status"] == "done"
        for option in ("language/python", "language/python/asyncio", "language/javascript"):
            assert topics.get(option, {}).get("status", "todo") == "todo", option
        assert label(app, "language/python") == "○ Python alt  not chosen"
        assert label(app, "language") == "Pick a Language  1/1"
        assert "Under Pick a Language: 3 not chosen, left as they are." in messages(app)


async def test_marking_an_option_not_chosen_says_it_counts_now_too(
    make_app, pick_roadmap, progress_path
):
    app = make_app(pick_roadmap)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "language/go")
        await pilot.press("c")
        await goto(pilot, "language/javascript")
        await pilot.press("i")
        await saved(pilot)
        assert (
            "JavaScript counts now too: your picks for Pick a Language are Go and JavaScript."
            " u undoes it; c on one option keeps that one alone." in messages(app)
        )
        assert label(app, "language") == "Pick a Language  0/2"
        await pilot.press("u")
        await saved(pilot)
        assert label(app, "language/javascript") == "○ JavaScript alt  not chosen"
        # a redo picks it again, and says so again (it was no pick before the redo)
        app.clear_notifications()
        await pilot.press("ctrl+y")
        await saved(pilot)
        assert label(app, "language") == "Pick a Language  0/2"
        assert "Redone: JavaScript" in messages(app)
        assert (
            "JavaScript counts now too: your picks for Pick a Language are Go and JavaScript."
            " u undoes it; c on one option keeps that one alone." in messages(app)
        )


async def test_an_undo_that_picks_an_option_again_says_so(make_app, pick_roadmap, progress_path):
    app = make_app(pick_roadmap)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "language/go")
        await pilot.press("c")
        await goto(pilot, "language/javascript")
        await pilot.press("space")  # done: a second pick
        await pilot.press("space")  # to do again: no longer a pick
        await saved(pilot)
        assert label(app, "language/javascript") == "○ JavaScript alt  not chosen"
        app.clear_notifications()
        await pilot.press("u")  # done again, and so a pick again
        await saved(pilot)
        assert saved_topics(progress_path)["language/javascript"]["status"] == "done"
        assert label(app, "language") == "Pick a Language  1/2"
        assert messages(app) == [
            "Undone: JavaScript",
            "JavaScript counts now too: your picks for Pick a Language are Go and JavaScript."
            " c on one option keeps that one alone.",
        ]
