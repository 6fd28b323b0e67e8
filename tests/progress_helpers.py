"""Shared by the progress store tests: a fixed clock, a loaded store, temp files, a child's env."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from roadmap_tui.storage import progress as P
from roadmap_tui.storage.progress import ProgressStore

SRC = str(Path(P.__file__).resolve().parents[3])
T0 = datetime(2026, 11, 25, 9, 12, 0, tzinfo=UTC)


class Clock:
    """A settable fixed clock."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw: float) -> None:
        self.now += timedelta(**kw)


def make(path: Path, roadmap: str = "backend", **kw) -> ProgressStore:
    kw.setdefault("clock", Clock())
    s = ProgressStore(path, roadmap, **kw)
    s.load()
    return s


def temp_files(d: Path) -> list[str]:
    return sorted(n for n in os.listdir(d) if n.endswith(".tmp"))


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = SRC + os.pathsep + env.get("PYTHONPATH", "")
    return env


def done_either_side_of_monday(path: Path, roadmap: str, topics: tuple[str, str]) -> list:
    """A member's file with one topic done at noon on the Sunday that starts a Sunday week and
    one on the Monday that starts a Monday week (this week's, or the last before today); the
    two days, Sunday first."""
    from datetime import date, time

    from roadmap_tui.core.studytime import week_start

    today = date.today()
    days = [week_start(today, 6), week_start(today, 0)]
    for day, topic in zip(days, topics, strict=True):
        noon = datetime.combine(day, time(12)).astimezone()
        ProgressStore(path, roadmap, clock=lambda noon=noon: noon).set_status(topic, "done")
    return days
