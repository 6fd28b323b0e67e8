"""Pilot tests: the app says at start when sync-conflict copies lie beside the progress file."""

from __future__ import annotations

from .conftest import seed_progress
from .helpers import SIZE, messages, screen_text


async def test_a_conflict_copy_beside_the_progress_file_is_mentioned_at_start(
    make_app, mini, progress_path
):
    seed_progress(progress_path, "mini", notes={"basics/intro": "ours"})
    copy = progress_path.with_name(
        f"{progress_path.stem}.sync-conflict-20261201-123456-ABCDEFG.toml"
    )
    copy.write_bytes(progress_path.read_bytes())
    app = make_app(mini)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause(0.3)
        assert "sync-conflict copy of your progress file" in " ".join(screen_text(app).split())
        (message,) = messages(app)
        assert message == (
            "A sync-conflict copy of your progress file is beside it, not merged: "
            f"{copy.name}. Merge with `roadmap-tui --progress {progress_path} import {copy}`."
        )
    assert copy.exists()  # nothing is merged or deleted without the user


async def test_no_mention_without_a_conflict_copy(make_app, mini, progress_path):
    seed_progress(progress_path, "mini", notes={"basics/intro": "ours"})
    progress_path.with_name("progress (1).toml").write_text("")
    app = make_app(mini)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause(0.3)
        assert "conflict" not in screen_text(app)
