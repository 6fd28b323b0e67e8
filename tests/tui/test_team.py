"""Pilot test: the team view from the command palette."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from roadmap_tui.storage.progress import ProgressStore
from roadmap_tui.tui.screens.team import TeamScreen
from tests.progress_helpers import done_either_side_of_monday

from .conftest import wait_for
from .helpers import SIZE, screen_text


async def test_palette_opens_the_team_view_of_a_folder(make_app, mini, tmp_path):
    folder = tmp_path / "group"
    folder.mkdir()
    now = datetime.now(UTC)
    ProgressStore(folder / "zoe.toml", "mini", clock=lambda: now).set_status("basics/intro", "done")
    (folder / "[b]max[blink].toml").write_text("schema = [")
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"team view")
        assert await wait_for(pilot, lambda: "A study group's progress" in screen_text(app))
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: type(app.screen).__name__ == "TeamScreen")
        await pilot.press(*str(folder), "enter")
        assert await wait_for(pilot, lambda: "Streak (days)" in screen_text(app))
        text = screen_text(app)
        assert "zoe" in text and "Basics" in text
        assert "[b]max[blink]: line 1" in text  # a file name shows as typed, never as markup
        await pilot.press("escape")
        assert await wait_for(pilot, lambda: type(app.screen).__name__ == "MainScreen")


async def test_the_team_views_week_starts_on_the_settings_week_start(make_app, mini, tmp_path):
    from roadmap_tui.core.config import Settings

    today = date.today()
    folder = tmp_path / "group"
    folder.mkdir()
    sunday, monday = done_either_side_of_monday(
        folder / "zoe.toml", "mini", ("basics/intro", "basics/tools")
    )
    in_sunday_week = sum(sunday <= day <= today for day in (sunday, monday))
    app = make_app(mini, settings=Settings(week_start="sunday"))
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(TeamScreen(mini))
        await pilot.press(*str(folder), "enter")
        assert await wait_for(pilot, lambda: "Streak (days)" in screen_text(app))
        text = screen_text(app)
    assert re.search(rf"This week: completed\s+│\s+{in_sunday_week}\s+│", text), text
