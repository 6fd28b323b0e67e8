"""Fixtures for the Textual tests: a small roadmap, app factories and helpers.

No async plugin is needed: coroutine tests are run with ``asyncio.run`` by the hook below.
"""

from __future__ import annotations

import asyncio
import inspect
import time
import tomllib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from roadmap_tui.core.roadmap import Roadmap
from roadmap_tui.storage.paths import bundled_path
from roadmap_tui.storage.progress import ProgressError, ProgressStore
from roadmap_tui.storage.roadmaps import load

FIXED_NOW = datetime(2026, 1, 5, tzinfo=UTC)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests in a fresh event loop (pytest has no native support)."""
    if inspect.iscoroutinefunction(pyfuncitem.obj):
        funcargs = pyfuncitem.funcargs
        kwargs = {name: funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
        asyncio.run(asyncio.wait_for(pyfuncitem.obj(**kwargs), timeout=30))
        return True
    return None


# A small roadmap: three sections, a branch with parts (one of them with a part of its own),
# prerequisites, resources, five sources and every kind.
MINI_TOML = """\
[roadmap]
id = "mini"
title = "Mini Roadmap"

[[source]]
id = "s1"
title = "Source one"

[[source]]
id = "s2"
title = "Source two"

[[source]]
id = "s3"
title = "Source three"

[[source]]
id = "s4"
title = "Source four"

[[source]]
id = "s5"
title = "Source five"

[[section]]
id = "basics"
title = "Basics"
summary = "Where everything starts."

[[section.topic]]
id = "intro"
title = "Introduction"
summary = "What this roadmap is about"
description = "Meet the **zebra** of computing."
kind = "core"
hours = 2
sources = ["s1", "s2", "s3"]
resources = [
  { type = "docs", title = "Intro docs", url = "https://example.com/intro" },
  { type = "video", title = "Intro video", url = "https://example.com/video" },
]

[[section.topic]]
id = "tools"
title = "Tools"
summary = "Editors and terminals"
kind = "recommended"
hours = 1
prerequisites = ["basics/intro"]
sources = ["s1"]

[[section]]
id = "web"
title = "Web"
summary = "How the web works."

[[section.topic]]
id = "protocols"
title = "Protocols"
summary = "The protocols of the web"
description = "Everything about protocols."
kind = "core"
hours = 3
prerequisites = ["basics/intro", "basics/tools"]
sources = ["s1", "s2", "s3", "s4"]
resources = [
  { type = "article", title = "Protocols article", url = "https://example.com/protocols" },
]

[[section.topic.topic]]
id = "http"
title = "HTTP"
summary = "Requests and responses"
kind = "core"
hours = 2
sources = ["s1", "s2"]

[[section.topic.topic.topic]]
id = "methods"
title = "Methods"
summary = "GET, POST and friends"
kind = "core"
hours = 1

[[section.topic.topic]]
id = "dns"
title = "DNS"
summary = "Names to addresses"
kind = "alternative"
hours = 1

[[section.topic.topic]]
id = "gopher"
title = "Gopher"
summary = "A protocol of the past"
kind = "optional"
hours = 1

[[section.topic]]
id = "html"
title = "HTML"
summary = "Markup for pages"
kind = "core"
hours = 2
prerequisites = ["web/protocols/http"]
sources = ["s1", "s2", "s3", "s4", "s5"]

[[section]]
id = "extra"
title = "Extras"
summary = "Nice to know."

[[section.topic]]
id = "history"
title = "History"
summary = "How it all began"
description = "Stories about the early network and its pioneers."
kind = "optional"
hours = 1
"""


def read_progress(path: Path) -> dict:
    """The progress file parsed with tomllib ({} when it does not exist)."""
    if not path.exists():
        return {}
    return tomllib.loads(path.read_text(encoding="utf-8"))


def saved_status(path: Path, roadmap_id: str, topic_id: str) -> str:
    """The status of a topic as saved in the file ("todo" when it has no entry)."""
    topics = read_progress(path).get("roadmaps", {}).get(roadmap_id, {}).get("topics", {})
    return topics.get(topic_id, {}).get("status", "todo")


def saved_note(path: Path, roadmap_id: str, topic_id: str) -> str:
    topics = read_progress(path).get("roadmaps", {}).get(roadmap_id, {}).get("topics", {})
    return topics.get(topic_id, {}).get("note", "")


@pytest.fixture
def utc(monkeypatch):
    """Dates in the detail pane are shown in local time: make local time UTC (snapshots)."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def mini_path(tmp_path: Path) -> Path:
    path = tmp_path / "mini.toml"
    path.write_text(MINI_TOML, encoding="utf-8")
    return path


@pytest.fixture
def mini(mini_path: Path) -> Roadmap:
    return load(mini_path)


@pytest.fixture(scope="session")
def bundled() -> Roadmap:
    return load(bundled_path())


@pytest.fixture
def progress_path(tmp_path: Path) -> Path:
    return tmp_path / "progress.toml"


@pytest.fixture
def state_path(tmp_path: Path) -> Path:
    return tmp_path / "state.toml"


@pytest.fixture
def make_app(progress_path: Path, state_path: Path) -> Callable:
    """Build a RoadmapApp the way ``launch`` does: a corrupt file becomes ``load_error``."""
    from roadmap_tui.tui.app import RoadmapApp

    def factory(
        roadmap: Roadmap,
        *,
        poll_interval: float = 0,
        clock: Callable[[], datetime] | None = None,
        state: Path | None = None,
        fresh: bool = False,
        settings=None,
    ) -> RoadmapApp:
        store = ProgressStore(progress_path, roadmap.id, clock=clock, renamed=roadmap.renamed)
        if state is None and not fresh and not state_path.exists() and roadmap.sections:
            # a known start: the cursor on the first line, as the tests' key presses expect
            # (a fresh install starts on the next topic: ``fresh=True``)
            first = roadmap.sections[0].id
            state_path.write_text(f'[roadmaps."{roadmap.id}"]\ncursor = "{first}"\n')
        load_error = None
        try:
            store.load()
        except ProgressError as exc:
            load_error = exc
        return RoadmapApp(
            roadmap,
            store,
            state_path=state or state_path,
            load_error=load_error,
            poll_interval=poll_interval,
            settings=settings,
        )

    return factory


async def wait_for(pilot, condition: Callable[[], bool], timeout: float = 3.0) -> bool:
    """Let the app run until ``condition()`` is true (or the timeout passes)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


def seed_progress(
    path: Path,
    roadmap_id: str,
    statuses: dict[str, str] | None = None,
    notes: dict[str, str] | None = None,
) -> None:
    """Write progress with another store (fixed clock), as if saved by an earlier run."""
    store = ProgressStore(path, roadmap_id, clock=lambda: FIXED_NOW)
    store.load()
    if statuses:
        store.set_many(statuses.items())
    for topic_id, note in (notes or {}).items():
        store.set_note(topic_id, note)
