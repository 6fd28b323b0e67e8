"""Pilot tests: a fresh install (no view state) starts on the next topic to learn, with the
section holding it expanded; a saved cursor still wins. The first run shows a welcome, once."""

from __future__ import annotations

from roadmap_tui.tui.screens.main import MainScreen
from roadmap_tui.tui.screens.welcome import WelcomeScreen

from .conftest import wait_for
from .helpers import SIZE, cursor, detail_text, header, screen_text, visible_ids


async def test_a_fresh_start_is_on_the_next_topic(make_app, mini, state_path):
    assert not state_path.exists()
    app = make_app(mini, fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert cursor(app) == "basics/intro"
        assert "basics/intro" in visible_ids(app)  # its section is expanded
        assert "▶ next:" in detail_text(app)


async def test_a_fresh_start_on_the_bundled_roadmap_opens_the_choice(make_app, bundled):
    app = make_app(bundled, fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert cursor(app) == "language"
        shown = visible_ids(app)
        assert "language/python" in shown and "language/go" in shown


async def test_a_saved_cursor_wins(make_app, mini):
    app = make_app(mini)  # the tests' known start: the first line
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert cursor(app) == "basics"


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
