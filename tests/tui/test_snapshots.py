"""SVG snapshots of the main screens (pytest-textual-snapshot).

Deterministic: fixed progress written with a fixed clock, dates shown in UTC, no saves while the
app runs (so no "saved" indicator), no notifications, no polling, the cursor of the search box
not blinking, and the error screen names a relative path. Update with ``--snapshot-update``.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from roadmap_tui.storage.paths import bundled_path
from roadmap_tui.storage.progress import ProgressError, ProgressStore
from roadmap_tui.storage.roadmaps import load
from roadmap_tui.storage.uistate import ViewState, save_state
from roadmap_tui.tui.app import RoadmapApp

from .conftest import FIXED_NOW, MINI_TOML, seed_progress

MARKED = {
    "internet/how-the-internet-works": "done",
    "internet/tcp-ip": "done",
    "internet/http": "in-progress",
    "frontend": "skipped",
}


pytestmark = pytest.mark.usefixtures("utc")  # local time is UTC


def bundled_app(tmp_path: Path, *, cursor: str = "internet/http") -> RoadmapApp:
    roadmap = load(bundled_path())
    progress = tmp_path / "progress.toml"
    marked = {
        tid: status
        for parent, status in MARKED.items()
        for tid in (t.id for t in roadmap[parent].walk() if not t.is_section)
    }
    seed_progress(progress, roadmap.id, marked, {"internet/http": "Read RFC 9110, **slowly**."})
    state = tmp_path / "state.toml"
    save_state(state, roadmap.id, ViewState(cursor=cursor, expanded=["internet", "internet/http"]))
    store = ProgressStore(progress, roadmap.id, clock=lambda: FIXED_NOW)
    store.load()
    return RoadmapApp(roadmap, store, state_path=state, poll_interval=0)


def test_main_screen_80x24(snap_compare, tmp_path):
    assert snap_compare(bundled_app(tmp_path), terminal_size=(80, 24))


def test_main_screen_120x40(snap_compare, tmp_path):
    assert snap_compare(bundled_app(tmp_path), terminal_size=(120, 40))


def test_help_screen(snap_compare, tmp_path):
    assert snap_compare(bundled_app(tmp_path), press=["question_mark"], terminal_size=(100, 34))


def test_search_with_a_query(snap_compare, tmp_path):
    async def open_search_with_a_steady_cursor(pilot) -> None:
        await pilot.press("slash")
        pilot.app.screen.query_one("#search").cursor_blink = False

    assert snap_compare(
        bundled_app(tmp_path, cursor="internet"),
        press=[*"cookie"],
        terminal_size=(120, 40),
        run_before=open_search_with_a_steady_cursor,
    )


def test_error_screen(snap_compare, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the screen names the file: keep its path the same every run
    roadmap_file = tmp_path / "mini.toml"
    roadmap_file.write_text(MINI_TOML, encoding="utf-8")
    roadmap = load(roadmap_file)
    progress = Path("progress.toml")
    progress.write_text('schema = 1\n\n[roadmaps.mini.topics."basics/intro"]\nstatus = "done\n')
    store = ProgressStore(progress, roadmap.id, clock=lambda: FIXED_NOW)
    with pytest.raises(ProgressError) as error:
        store.load()
    app = RoadmapApp(roadmap, store, state_path=None, load_error=error.value, poll_interval=0)
    assert snap_compare(app, terminal_size=(100, 30))
    assert os.path.exists("progress.toml")


def history_app(tmp_path: Path) -> RoadmapApp:
    """The bundled roadmap with ten weeks of made-up history ending on FIXED_NOW."""
    roadmap = load(bundled_path())
    topics = [t.id for t in roadmap.topics()][:40]
    lines = ["schema = 1", "", "[roadmaps.backend.activity]"]
    today = FIXED_NOW.date()
    for back in range(70):
        day = today - timedelta(days=back)
        count = (back * 7) % 5 if back % 3 else 0
        if count:
            lines.append(f'"{day.isoformat()}" = {count}')
    for n, topic_id in enumerate(topics):
        when = datetime.combine(today - timedelta(days=2 * n), datetime.min.time(), UTC)
        stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
        status = "skipped" if n % 9 == 4 else "done"
        lines += [
            "",
            f'[roadmaps.backend.topics."{topic_id}"]',
            f'status = "{status}"',
            f"started = {stamp}",
            f"completed = {stamp}",
            f"changed = {stamp}",
        ]
    # study time on a few topics over the last weeks, and a goal with a target date
    lines += ["", "[roadmaps.backend.goal]", "weekly_hours = 6.0", "by = 2027-06-30"]
    for n, topic_id in enumerate(topics[:6]):
        lines += ["", f'[roadmaps.backend.time."{topic_id}"]']
        for back in range(n, 30, 4):
            lines.append(f'"{(today - timedelta(days=back)).isoformat()}" = {30 + 15 * (back % 3)}')
    progress = tmp_path / "progress.toml"
    progress.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = ProgressStore(progress, roadmap.id, clock=lambda: FIXED_NOW)
    store.load()
    return RoadmapApp(roadmap, store, state_path=None, poll_interval=0, today=today)


def test_statistics_screen(snap_compare, tmp_path):
    assert snap_compare(history_app(tmp_path), press=["t"], terminal_size=(110, 60))


def review_app(tmp_path: Path) -> RoadmapApp:
    """The bundled roadmap with three topics finished a month before FIXED_NOW (due), one of
    them with a note; the cursor on the first of them (the review starts with DNS)."""
    roadmap = load(bundled_path())
    progress = tmp_path / "progress.toml"
    month_before = ProgressStore(progress, roadmap.id, clock=lambda: FIXED_NOW - timedelta(30))
    month_before.load()
    done = ["internet/how-the-internet-works", "internet/tcp-ip", "internet/dns"]
    month_before.set_many((tid, "done") for tid in done)
    month_before.set_note(done[2], "TTLs: lower them a day before a move.")
    state = tmp_path / "state.toml"
    save_state(state, roadmap.id, ViewState(cursor=done[0], expanded=["internet"]))
    store = ProgressStore(progress, roadmap.id, clock=lambda: FIXED_NOW)
    store.load()
    return RoadmapApp(roadmap, store, state_path=state, poll_interval=0)


def test_review_screen_with_the_answer_shown(snap_compare, tmp_path):
    assert snap_compare(review_app(tmp_path), press=["R", "space"], terminal_size=(100, 30))
