"""ProgressStore through its API: round trips, status and date rules, reset, set_many, merges."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from progress_strategies import notes, statuses, topic_ids

from roadmap_tui.storage.progress import CONFLICT_MARKER, ProgressStore, TopicProgress
from tests.progress_helpers import T0, Clock, child_env, make


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(changes=st.lists(st.tuples(topic_ids, statuses, notes), min_size=1, max_size=5))
def test_round_trip_through_the_api(tmp_path: Path, changes) -> None:
    d = Path(os.path.join(tmp_path, os.urandom(6).hex()))
    path = d / "progress.toml"
    s = make(path)
    expected: dict[str, TopicProgress] = {}
    for tid, status, note in changes:
        s.set_status(tid, status)
        s.set_note(tid, note)
        expected[tid] = s.get(tid)
        assert s.get(tid).status == status
        assert s.get(tid).note == note
    expected = {k: v for k, v in expected.items() if not v.is_empty}
    assert dict(s.topics()) == expected
    fresh = make(path)
    assert dict(fresh.topics()) == expected
    assert dict(fresh.activity()) == dict(s.activity())
    # the file is plain TOML any parser reads the same way
    data = tomllib.loads(path.read_text("utf-8")) if path.exists() else {}
    assert path.exists() or not expected
    got = data.get("roadmaps", {}).get("backend", {}).get("topics", {})
    assert {k: v.get("note", "") for k, v in got.items()} == {
        k: v.note for k, v in expected.items()
    }


def test_status_and_date_rules(path: Path) -> None:
    clock = Clock()
    s = make(path, clock=clock)
    e = s.set_status("a", "in-progress")
    assert (e.started, e.completed, e.changed) == (T0, None, T0)
    clock.advance(hours=1)
    e = s.set_status("a", "done")
    assert (e.started, e.completed, e.changed) == (T0, T0 + timedelta(hours=1), clock.now)
    clock.advance(hours=1)
    e = s.set_status("a", "in-progress")  # not complete any more
    assert (e.started, e.completed) == (T0, None)
    e = s.set_status("a", "todo")
    assert (e.status, e.started, e.completed, e.changed) == ("todo", None, None, clock.now)
    e = s.set_status("b", "skipped")  # straight to complete: both dates
    assert e.started == e.completed == clock.now
    assert dict(s.activity()) == {"2026-11-25": 5}
    clock.advance(days=1)
    s.set_note("b", "why skipped")
    assert dict(s.activity()) == {"2026-11-25": 5, "2026-11-26": 1}
    assert s.get("b").changed == clock.now
    # no-op changes do not save, date or count
    before = path.read_bytes()
    sig = s.disk_signature()
    assert s.set_status("b", "skipped").changed == clock.now
    s.set_note("b", "why skipped")
    assert path.read_bytes() == before and s.disk_signature() == sig
    assert dict(s.activity()) == {"2026-11-25": 5, "2026-11-26": 1}
    assert dict(make(path).activity()) == dict(s.activity())


def test_clock_is_truncated_to_seconds_and_made_utc(path: Path) -> None:
    from datetime import timezone

    tz = timezone(timedelta(hours=2))
    s = make(path, clock=lambda: datetime(2026, 1, 1, 12, 0, 0, 123456, tzinfo=tz))
    e = s.set_status("a", "done")
    assert e.changed == datetime(2026, 1, 1, 10, 0, 0, tzinfo=UTC)
    assert "changed = 2026-01-01 10:00:00+00:00" in path.read_text()


def test_invalid_arguments(path: Path) -> None:
    s = make(path)
    with pytest.raises(ValueError):
        s.set_status("a", "finished")
    with pytest.raises(ValueError):
        s.set_status("", "done")
    with pytest.raises(ValueError):
        s.set_note("a", "lone surrogate \udc80")
    with pytest.raises(ValueError):
        s.set_many([("a", "done"), ("b", "nope")])
    assert not path.exists()


def test_reset_keeps_notes_and_set_many_saves_once(path: Path, monkeypatch) -> None:
    s = make(path)
    replaces = []
    real_replace = os.replace
    monkeypatch.setattr(os, "replace", lambda a, b: (replaces.append(b), real_replace(a, b)))
    s.set_many([("a", "done"), ("b", "in-progress"), ("c", "skipped"), ("a", "done")])
    assert len(replaces) == 1
    s.set_note("a", "keep me")
    s.reset(["a"])
    a = s.get("a")
    assert (a.status, a.note, a.started, a.completed) == ("todo", "keep me", None, None)
    assert s.get("b").status == "in-progress"
    n = len(replaces)
    s.reset()
    assert len(replaces) == n + 1
    assert {t: e.status for t, e in s.topics().items()} == {"a": "todo", "b": "todo", "c": "todo"}
    assert s.get("a").note == "keep me"
    assert make(path).get("a").note == "keep me"
    s.reset()  # nothing to do: no save
    assert len(replaces) == n + 1


def test_merge_from(path: Path) -> None:
    clock = Clock()
    s = make(path, clock=clock)
    s.set_status("ours-newer", "done")
    s.set_note("ours-newer", "ours")
    s.set_note("theirs-newer", "old text")
    s.set_status("same-note", "in-progress")
    s.set_note("same-note", "same")
    later, earlier = T0 + timedelta(days=1), T0 - timedelta(days=1)
    clock.advance(days=2)  # an imported date later than now would be taken as now
    taken = s.merge_from(
        {
            "ours-newer": TopicProgress("todo", "theirs", changed=earlier),
            "theirs-newer": TopicProgress("done", "new text", T0, later, later, {"x": 1}),
            "same-note": TopicProgress("done", "same", changed=later),
            "missing": TopicProgress("skipped", "", changed=earlier),
            "no-date": TopicProgress("done"),
            "empty": TopicProgress(),
        }
    )
    assert taken == 4
    assert s.get("ours-newer").note == "ours" and s.get("ours-newer").status == "done"
    tn = s.get("theirs-newer")
    assert tn.status == "done" and tn.changed == later and dict(tn.extra) == {"x": 1}
    assert tn.note == f"old text\n\n{CONFLICT_MARKER}2026-11-26T09:12:00Z\nnew text"
    assert s.get("same-note").note == "same" and s.get("same-note").status == "done"
    assert s.get("missing").status == "skipped" and s.get("no-date").status == "done"
    assert "empty" not in s.topics()
    assert dict(make(path).topics()) == dict(s.topics())
    # importing the same again changes nothing
    before = path.read_bytes()
    assert s.merge_from({"theirs-newer": TopicProgress("done", "new text", changed=later)}) == 0
    assert path.read_bytes() == before


def test_missing_file_is_empty_and_get_loads_lazily(path: Path) -> None:
    s = ProgressStore(path, "backend")
    assert dict(s.topics()) == {} and dict(s.activity()) == {} and not s.read_only
    assert not path.exists()


CORE = (
    "core.roadmap",
    "core.progress",
    "core.loader",
    "storage.roadmaps",
    "storage.progress",
    "storage.atomic",
    "storage.uistate",
    "core.stats",
    "core.history",
    "core.export",
    "storage.saver",
    "core.textsafe",
    "storage.paths",
)


def test_core_does_not_import_textual_and_status_needs_no_history() -> None:
    code = (
        "import sys\n"
        f"for name in {CORE!r}: __import__('roadmap_tui.' + name)\n"
        "assert 'textual' not in sys.modules, 'textual'\n"
    )
    subprocess.run([sys.executable, "-c", code], env=child_env(), check=True)
    code = (
        "import sys, roadmap_tui.core.stats; assert 'roadmap_tui.core.history' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], env=child_env(), check=True)
