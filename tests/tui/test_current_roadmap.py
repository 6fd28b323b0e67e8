"""The app opens the roadmap every command would use, and says when it is not the last one."""

from __future__ import annotations

import pytest

from roadmap_tui.storage import paths
from tests.test_current_roadmap import remember

from .helpers import messages

pytestmark = pytest.mark.usefixtures("isolated_env")


async def test_the_app_says_which_roadmap_it_opened_instead(tmp_path, progress_file):
    from roadmap_tui.storage.catalog import open_current
    from roadmap_tui.storage.progress import ProgressStore
    from roadmap_tui.tui.app import RoadmapApp

    remember(progress_file, tmp_path / "gone.toml")
    roadmap, found = open_current(None, paths.state_path(progress_file))
    app = RoadmapApp(roadmap, ProgressStore(progress_file, roadmap.id), notice=found.notice)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = messages(app)
    assert any("no longer exists; using the bundled roadmap" in text for text in shown)
