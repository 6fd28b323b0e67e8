"""Pilot tests: an undone change is not study. The activity saved for the heatmap and the
streaks counts net changes: an undo takes back what its change added, a redo adds it again."""

from __future__ import annotations

from .conftest import read_progress
from .helpers import SIZE, saved


def saved_activity(path) -> dict[str, int]:
    return read_progress(path).get("roadmaps", {}).get("mini", {}).get("activity", {})


async def test_changes_that_were_undone_leave_no_activity(make_app, mini, progress_path):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j", "space", "u", "i", "u")
        await saved(pilot)
    assert progress_path.exists()
    assert sum(saved_activity(progress_path).values()) == 0


async def test_a_redo_counts_again_and_a_kept_change_stays(make_app, mini, progress_path):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j", "space", "u", "ctrl+y", "j", "i")
        await saved(pilot)
    assert sum(saved_activity(progress_path).values()) == 2
