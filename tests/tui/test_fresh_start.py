"""Pilot tests: a fresh install (no view state) starts on the next topic to learn, with the
section holding it expanded; a saved cursor still wins."""

from __future__ import annotations

from .helpers import SIZE, cursor, detail_text, visible_ids


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
