"""Pilot tests: The progress file: corrupt, changed on disk, failed saves, quitting, view state.

Assertions are about what a user notices."""

from __future__ import annotations

import threading
import time

from textual.widgets import Static

from roadmap_tui.storage.progress import ProgressStore
from roadmap_tui.tui.screens.dialogs import ProgressErrorScreen
from roadmap_tui.tui.screens.main import MainScreen

from .conftest import saved_status, wait_for
from .helpers import (
    CORRUPT,
    SIZE,
    cursor,
    detail_title,
    header,
    label,
    note_shown,
    saved,
    screen_text,
    visible,
)


async def test_corrupt_progress_file_shows_the_error_screen_and_q_exits(
    make_app, mini, progress_path
):
    progress_path.write_bytes(CORRUPT)
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ProgressErrorScreen)
        message = str(app.screen.query_one("#error-message", Static).render())
        assert f"{progress_path}:4" in message
        assert "cannot be read" in screen_text(app)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_value == 1  # the exit status of roadmap-tui
    assert progress_path.read_bytes() == CORRUPT


async def test_corrupt_progress_file_m_moves_it_aside_and_starts(make_app, mini, progress_path):
    progress_path.write_bytes(CORRUPT)
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ProgressErrorScreen)
        await pilot.press("m")
        assert await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        moved = list(progress_path.parent.glob("progress.toml.corrupt-*"))
        assert len(moved) == 1
        assert moved[0].read_bytes() == CORRUPT
        assert visible(app) == ["Basics  0/2", "Web  0/6", "Extras  0/1"]
        await pilot.press("l", "j", "space")
        await saved(pilot)
        assert saved_status(progress_path, "mini", "basics/intro") == "done"
        assert moved[0].read_bytes() == CORRUPT


async def test_a_change_made_by_another_store_appears_within_a_couple_of_seconds(
    make_app, mini, progress_path
):
    app = make_app(mini, poll_interval=0.2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j")
        assert label(app, "basics/intro") == "○ Introduction"
        other = ProgressStore(progress_path, "mini")
        other.load()
        other.set_status("basics/intro", "done")
        other.set_note("basics/intro", "written elsewhere")
        start = time.monotonic()
        assert await wait_for(pilot, lambda: label(app, "basics/intro") == "● Introduction ✎", 5)
        assert time.monotonic() - start < 2.0
        assert label(app, "basics") == "Basics  1/2"
        # the header and the pane are redrawn on the screen's next update
        assert await wait_for(pilot, lambda: "1 done" in header(app), 1)
        assert await wait_for(pilot, lambda: note_shown(app) == "written elsewhere", 1)


async def test_view_state_is_restored_by_the_next_run(make_app, mini, state_path):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "l", "j", "l", "j", "j")
        assert cursor(app) == "web/protocols/dns"
        app.theme = "nord"
        await pilot.press("q")
        await pilot.pause()
    assert app.return_value == 0
    assert state_path.exists()

    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "nord"
        assert cursor(app) == "web/protocols/dns"
        assert detail_title(app) == "DNS"
        assert visible(app)[:3] == ["Basics  0/2", "Web  0/6", "○ Protocols  0/4"]
        assert "○ DNS alt" in visible(app)
        assert "○ Introduction" not in visible(app)


async def test_q_quits_and_saves_everything(make_app, mini, progress_path):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j", "space", "q")
        await pilot.pause()
    assert app.return_value == 0 and not app.is_running
    assert saved_status(progress_path, "mini", "basics/intro") == "done"


async def test_a_failed_save_is_shown_kept_and_retried(make_app, mini, progress_path, monkeypatch):
    """Disk full: the user sees why, the change stays on screen, and a retry saves it."""
    import errno

    import roadmap_tui.storage.progress.store as progress_module

    real_replace = progress_module.os.replace
    failing = {"on": True}

    def replace(src, dst):
        if failing["on"]:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(progress_module.os, "replace", replace)
    app = make_app(mini)
    app.retry_interval = 0.2
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j", "space")
        assert await wait_for(pilot, lambda: "not saved" in header(app))
        assert label(app, "basics/intro") == "● Introduction"  # the change is kept
        messages = [n.message for n in app._notifications]
        assert any("No space left on device" in m and "retried" in m for m in messages)
        assert not progress_path.exists()
        failing["on"] = False
        assert await wait_for(pilot, lambda: progress_path.exists(), timeout=5)
        assert await wait_for(pilot, lambda: "not saved" not in header(app))
        assert saved_status(progress_path, "mini", "basics/intro") == "done"


async def test_quitting_with_an_unsaved_change_asks_first(
    make_app, mini, progress_path, monkeypatch
):
    import roadmap_tui.storage.progress.store as progress_module

    def replace(src, dst):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(progress_module.os, "replace", replace)
    app = make_app(mini)
    app.retry_interval = 0.2
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j", "space")
        assert await wait_for(pilot, lambda: "not saved" in header(app))
        app.saver.flush = lambda timeout=0: False  # do not wait 5 s for a save that cannot work
        await pilot.press("q")
        await pilot.pause()
        assert type(app.screen).__name__ == "QuitAnywayScreen"
        texts = [str(w.render()) for w in app.screen.query(Static)]
        assert any("Read-only file system" in t for t in texts), texts
        await pilot.press("n")  # stay
        assert type(app.screen).__name__ == "MainScreen"
        await pilot.press("q", "y")
        await pilot.pause()
    assert app.return_value == 0


async def test_the_save_thread_ends_with_the_app_and_lets_it_go(make_app, mini, progress_path):
    """After the app ends, its change is on disk and its save thread has stopped (a thread
    left running would keep the screen and the app alive: a test run or a benchmark starts
    many apps in one process)."""

    def savers() -> int:
        return sum(t.name == "roadmap-tui-saver" and t.is_alive() for t in threading.enumerate())

    before = savers()
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j", "space")
        assert savers() == before + 1
    assert saved_status(progress_path, "mini", "basics/intro") == "done"
    assert savers() == before
