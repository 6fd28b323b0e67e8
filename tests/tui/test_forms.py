"""Pilot tests: the small forms (log time, goal, own question, link work) close on their
Cancel button with what was typed thrown away: nothing reaches the progress file."""

from __future__ import annotations

import pytest

from roadmap_tui.tui.screens.main import MainScreen

from .conftest import read_progress, wait_for
from .helpers import SIZE, goto, main


def open_log(app) -> None:
    main(app).action_log_time()  # the palette's "Log study time"


def open_goal(app) -> None:
    main(app).action_goal()  # the palette's "Set your goal"


@pytest.mark.parametrize(
    ("open_form", "typed", "cancel"),
    [
        (open_log, "45m", "#log-cancel"),
        (open_goal, "6", "#goal-cancel"),
        ("a", "What is it?", "#question-cancel"),
        ("L", "https://example.com/work", "#link-cancel"),
    ],
)
async def test_the_cancel_button_closes_a_form_and_saves_nothing(
    make_app, mini, progress_path, open_form, typed, cancel
):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "basics/intro")
        before = read_progress(progress_path)
        if isinstance(open_form, str):
            await pilot.press(open_form)
        else:
            open_form(app)
        assert await wait_for(pilot, lambda: not isinstance(app.screen, MainScreen))
        await pilot.press(*typed)  # the form's first input has the focus
        await pilot.click(cancel)
        assert await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        await pilot.pause(0.3)
        assert main(app).saves.busy is False
    assert read_progress(progress_path) == before
