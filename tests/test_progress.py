"""ProgressStore: round trips, merging, locking, crashes, corrupt files (through the store)."""

from __future__ import annotations

import errno
import fcntl
import os
import random
import signal
import stat
import subprocess
import sys
import textwrap
import time
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from progress_strategies import notes, statuses, topic_ids

from roadmap_tui.storage import progress as P
from roadmap_tui.storage.progress import (
    COMPLETE,
    CONFLICT_MARKER,
    STATUSES,
    LockTimeout,
    ProgressError,
    ProgressStore,
    TopicProgress,
    fileformat,
)

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


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "progress.toml"


# ------------------------------------------------------------------------------------------
# round trips
# ------------------------------------------------------------------------------------------


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


@pytest.mark.parametrize(
    "text",
    [
        'schema = 1\n\n[roadmaps.b.topics.a]\nstatus = "done"\n\n[roadmaps.b.topics.a]\n'
        'status = "done"\n',
        'schema = 1\n\n[roadmaps.b.topics.a]\nstatus = "done"\n\n[roadmaps."b".topics."a"]\n'
        'status = "todo"\n',
        'schema = 1\n\n[roadmaps.b.activity]\n"2026-01-01" = 1\n\n[roadmaps.b.activity]\n',
        'schema = 1\n\n[roadmaps.b.activity]\n"2026-01-01" = 1\n"2026-01-01" = 2\n',
    ],
)
def test_duplicates_are_errors(path: Path, text: str) -> None:
    path.write_text(text)
    with pytest.raises(ProgressError, match="not valid TOML"):
        make(path)


def test_example_from_the_spec_is_read(path: Path) -> None:
    path.write_text(
        textwrap.dedent('''\
        schema = 1

        [roadmaps.backend.activity]      # per-day count of changes
        "2026-11-25" = 3

        [roadmaps.backend.topics."internet/http"]
        status = "done"                  # todo | in-progress | done | skipped
        note = """
        multi-line
        markdown
        """
        started = 2026-11-20T10:00:00Z
        completed = 2026-11-25T09:12:00Z
        changed = 2026-11-25T09:12:00Z
        ''')
    )
    s = make(path)
    e = s.get("internet/http")
    assert e == TopicProgress(
        "done",
        "multi-line\nmarkdown\n",
        datetime(2026, 11, 20, 10, tzinfo=UTC),
        datetime(2026, 11, 25, 9, 12, tzinfo=UTC),
        datetime(2026, 11, 25, 9, 12, tzinfo=UTC),
    )
    assert dict(s.activity()) == {"2026-11-25": 3}
    assert s.get("unknown") == TopicProgress()
    assert e.is_complete and "skipped" in COMPLETE


# ------------------------------------------------------------------------------------------
# status rules, activity, reset, set_many, merge
# ------------------------------------------------------------------------------------------


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


# ------------------------------------------------------------------------------------------
# several writers
# ------------------------------------------------------------------------------------------


def test_two_stores_on_different_topics_keep_each_others_work(path: Path) -> None:
    a, b = make(path), make(path)
    a.set_status("x", "done")
    b.set_status("y", "in-progress")  # b never re-loaded: applies its change onto disk now
    a.set_note("x", "from a")
    b.set_note("z", "from b")
    final = make(path)
    assert final.get("x").status == "done" and final.get("x").note == "from a"
    assert final.get("y").status == "in-progress" and final.get("z").note == "from b"
    assert final.activity()["2026-11-25"] == 4
    assert b.get("x").status == "done"  # a save refreshes the view too


def test_same_note_conflict_keeps_both_texts(path: Path) -> None:
    a, b = make(path), make(path)
    a.set_note("t", "base\n")
    b.load()
    a.set_note("t", "text from a\n")
    e = b.set_note("t", "text from b\n")
    expected = f"text from a\n\n\n{CONFLICT_MARKER}2026-11-25T09:12:00Z\ntext from b\n"
    assert e.note == expected
    assert make(path).get("t").note == expected
    # b cleared a note a changed meanwhile: a's text stays
    c = make(path)
    a.load()
    a.set_note("t", "newest from a")
    c.set_note("t", "")
    assert make(path).get("t").note == "newest from a"
    # editing what is on disk (no concurrent change) simply replaces
    b.load()
    assert b.set_note("t", "clean").note == "clean"


def test_status_conflict_last_save_wins(path: Path) -> None:
    a, b = make(path), make(path)
    a.set_status("t", "done")
    b.set_status("t", "skipped")
    assert make(path).get("t").status == "skipped"


WRITER = textwrap.dedent("""
    import os, sys, time
    from roadmap_tui.storage.progress import ProgressStore, STATUSES
    path, prefix, n, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    s = ProgressStore(path, "backend", lock_timeout=60)
    s.load()
    while not os.path.exists(go):
        time.sleep(0.001)
    for i in range(n):
        s.set_status(f"{prefix}-{i % 10}", STATUSES[1 + (i // 10) % 3])
        s.set_note(f"{prefix}-note-{i % 5}", f"{prefix} wrote {i}\\n")
""")


def test_two_processes_writing_at_once_lose_nothing(path: Path, tmp_path: Path) -> None:
    n = 40
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), prefix, str(n), str(go)], env=child_env()
        )
        for prefix in ("p", "q")
    ]
    time.sleep(0.3)
    go.touch()
    for p in procs:
        assert p.wait(timeout=60) == 0
    s = make(path)
    for prefix in ("p", "q"):
        for j in range(10):
            last = max(i for i in range(n) if i % 10 == j)
            assert s.get(f"{prefix}-{j}").status == STATUSES[1 + (last // 10) % 3]
        for j in range(5):
            last = max(i for i in range(n) if i % 5 == j)
            assert s.get(f"{prefix}-note-{j}").note == f"{prefix} wrote {last}\n"
    # every change of both processes was counted (statuses always differ from the previous)
    assert sum(s.activity().values()) == 2 * 2 * n
    assert temp_files(path.parent) == []


CRASHER = textwrap.dedent("""
    import sys
    from roadmap_tui.storage.progress import ProgressStore
    s = ProgressStore(sys.argv[1], "backend", lock_timeout=60)
    s.load()
    i = int(s.get("counter").note or 0)
    print("ready", flush=True)
    while True:
        i += 1
        s.set_note("counter", str(i))
""")


def test_killed_mid_save_leaves_old_or_new_file(path: Path) -> None:
    s = make(path)
    filler = {f"t{i:04d}": f"filler note {i}\n" + "x" * 300 for i in range(600)}
    s.merge_from({k: TopicProgress("done", v, changed=T0) for k, v in filler.items()})
    rng = random.Random(1234)
    last = 0
    saw_temp = 0
    for _ in range(30):
        child = subprocess.Popen(
            [sys.executable, "-c", CRASHER, str(path)],
            env=child_env(),
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0.0, 0.05))
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        saw_temp += bool(temp_files(path.parent))
        after = make(path)  # parses: never torn
        counter = int(after.get("counter").note or 0)
        assert counter >= last
        last = counter
        assert {k: e.note for k, e in after.topics().items() if k != "counter"} == filler
    assert last > 0
    s.set_status("done-at-the-end", "done")  # the next save removes stale temp files
    assert temp_files(path.parent) == []
    print(f"kills leaving a temp file: {saw_temp}/30, last counter {last}")


def test_stale_temp_files_are_removed_but_not_others(path: Path) -> None:
    s = make(path)
    stale = path.parent / ".progress.toml.0123456789abcdef.tmp"
    stale.write_text("half a file")
    other = path.parent / ".other.toml.0123456789abcdef.tmp"
    other.write_text("not ours")
    s.set_status("a", "done")
    assert not stale.exists() and other.exists()


# ------------------------------------------------------------------------------------------
# locking and failed writes
# ------------------------------------------------------------------------------------------


def test_lock_timeout_names_the_lock_file_and_keeps_the_change(path: Path) -> None:
    s = make(path, lock_timeout=0.2)
    lock = path.with_name("progress.toml.lock")
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        t = time.monotonic()
        with pytest.raises(LockTimeout) as info:
            s.set_status("a", "done")
        assert 0.2 <= time.monotonic() - t < 2
        assert str(lock) in str(info.value) and info.value.path == lock
        assert isinstance(info.value, ProgressError)
        assert s.get("a").status == "done" and s.pending_changes == 1
        assert not path.exists()
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
    s.retry_pending()
    assert s.pending_changes == 0
    assert make(path).get("a").status == "done"


def test_failed_write_keeps_the_change_for_the_next_save(path: Path, monkeypatch) -> None:
    s = make(path)
    s.set_status("first", "done")
    before = path.read_bytes()

    def no_space(*a, **k):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as m:
        m.setattr(os, "replace", no_space)
        with pytest.raises(ProgressError) as info:
            s.set_note("a", "precious")
        assert "No space left" in str(info.value) and str(path) in str(info.value)
        with pytest.raises(ProgressError):
            s.set_status("b", "in-progress")
    assert s.get("a").note == "precious" and s.pending_changes == 2
    assert path.read_bytes() == before
    assert temp_files(path.parent) == []
    s.set_status("c", "skipped")  # the next successful save writes everything
    fresh = make(path)
    assert fresh.get("a").note == "precious"
    assert fresh.get("b").status == "in-progress" and fresh.get("c").status == "skipped"
    assert s.pending_changes == 0


def test_failed_fsync_also_reported(path: Path, monkeypatch) -> None:
    s = make(path)
    with monkeypatch.context() as m:
        m.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(errno.EIO, "I/O error")))
        with pytest.raises(ProgressError, match="I/O error"):
            s.set_status("a", "done")
    assert not path.exists() and temp_files(path.parent) == []
    s.retry_pending()
    assert make(path).get("a").status == "done"


# ------------------------------------------------------------------------------------------
# files: permissions, corrupt files, encodings, schema, unknown keys
# ------------------------------------------------------------------------------------------


def test_permissions(tmp_path: Path) -> None:
    path = tmp_path / "new" / "dir" / "progress.toml"
    s = make(path)
    s.set_status("a", "done")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.with_name("progress.toml.lock").stat().st_mode) == 0o600


CORRUPT = [
    ('schema = 1\n\n[roadmaps.backend.topics.a]\nstatus = "done\n', 4, "not valid TOML"),
    ("schema = 1\n[roadmaps.b.topics.a]\nstatus = 1\n[roadmaps.b.topics.a]\n", 4, "TOML"),
    ('schema = 1\n\n[roadmaps.backend.topics."x/y"]\nstatus = "finished"\n', 4, "status"),
    ('[roadmaps.backend.topics.a]\nstatus = "done"\nnote = 3\n', 3, "note must be a string"),
    ("[roadmaps.backend.topics.a]\nstarted = 2026-11-20\n", 2, "started must be a date-time"),
    ('[roadmaps.backend.topics.a]\nchanged = "yesterday"\n', 2, "changed"),
    ('schema = "1"\n', 1, "schema must be a positive integer"),
    ("schema = 0\n", 1, "schema"),
    ("schema = 1\nroadmaps = 3\n", 2, "roadmaps must be a table"),
    ("[roadmaps]\nbackend = [1, 2]\n", 2, "roadmaps.backend must be a table"),
    ("[roadmaps.backend]\ntopics = 5\n", 2, "topics must be a table"),
    ("[roadmaps.backend.topics]\na = 5\n", 2, "roadmaps.backend.topics.a must be a table"),
    ('[roadmaps.backend.activity]\n"2026-11-25" = "3"\n', 2, "activity"),
    ('[roadmaps.backend.activity]\n"2026-11-25" = -1\n', 2, "activity"),
    ('[roadmaps.other.topics.a]\nstatus = "bad"\n', 2, "roadmaps.other.topics.a.status"),
]


@pytest.mark.parametrize(("content", "line", "words"), CORRUPT)
def test_corrupt_files_are_reported_and_never_touched(
    path: Path, content: str, line: int, words: str
) -> None:
    raw = content.encode()
    path.write_bytes(raw)
    s = ProgressStore(path, "backend", clock=Clock())
    with pytest.raises(ProgressError) as info:
        s.load()
    err = info.value
    assert words in str(err) and str(path) in str(err)
    assert (err.path, err.line) == (path, line) and err.column is not None
    assert f"{path}:{line}:{err.column}: " in str(err) and "\n" not in str(err)
    assert "mv " in err.hint and "corrupt-20261125T091200" in err.hint
    assert "start fresh" in err.hint
    with pytest.raises(ProgressError):
        s.set_status("a", "done")
    assert path.read_bytes() == raw
    assert temp_files(path.parent) == []
    # moving it aside keeps the bytes and lets us start fresh
    moved = s.move_aside()
    assert moved.name == "progress.toml.corrupt-20261125T091200"
    assert moved.read_bytes() == raw and not path.exists()
    assert s.get("a").status == "todo"  # a change refused because the file was unreadable
    s.set_note("a", "fresh")
    assert make(path).get("a").note == "fresh"


def test_invalid_utf8_is_reported_with_position(path: Path) -> None:
    raw = b'schema = 1\n\n[roadmaps.b.topics.a]\nnote = "caf\xe9"\n'
    path.write_bytes(raw)
    with pytest.raises(ProgressError) as info:
        make(path)
    assert (info.value.line, info.value.column) == (4, 12) and "UTF-8" in str(info.value)
    assert path.read_bytes() == raw


def test_file_corrupted_by_someone_else_before_our_save(path: Path) -> None:
    s = make(path)
    s.set_status("a", "done")
    path.write_text("this is = not [toml")
    with pytest.raises(ProgressError, match="not valid TOML"):
        s.set_status("b", "done")
    assert path.read_text() == "this is = not [toml"
    assert s.get("b").status == "done" and s.pending_changes == 1


def test_bom_and_crlf_are_accepted(path: Path) -> None:
    text = (
        'schema = 1\n\n[roadmaps.backend.topics.a]\nstatus = "done"\nnote = """\nline 1\n'
        'line 2\n"""\nchanged = 2026-11-25T09:12:00Z\n'
    )
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    s = make(path)
    assert s.get("a") == TopicProgress("done", "line 1\nline 2\n", changed=T0)
    s.set_status("b", "done")
    assert make(path).get("a").note == "line 1\nline 2\n"


def test_notes_keep_crlf_and_control_characters(path: Path) -> None:
    s = make(path)
    note = 'a\r\nb\rc\x00d\x1be\x7f"""\'\'\'\\\n\t"'
    s.set_note("a", note)
    assert make(path).get("a").note == note
    assert tomllib.loads(path.read_text())["roadmaps"]["backend"]["topics"]["a"]["note"] == note


def test_newer_schema_is_read_but_never_written(path: Path) -> None:
    raw = (
        b'schema = 2\nfuture = true\n\n[roadmaps.backend.topics.a]\nstatus = "done"\n'
        b"\n[roadmaps.backend.topics.b]\nstatus = 42\n"
    )
    path.write_bytes(raw)
    s = make(path)
    assert s.read_only and s.get("a").status == "done"
    assert "b" not in s.topics()  # shapes we do not understand are skipped when reading
    with pytest.raises(ProgressError, match="newer version") as info:
        s.set_status("a", "todo")
    assert "upgrade" in info.value.hint
    with pytest.raises(ProgressError, match="newer version"):
        s.set_note("c", "x")
    assert path.read_bytes() == raw
    assert s.get("a").status == "done" and s.pending_changes == 0


def test_newer_schema_written_by_another_process_meanwhile(path: Path) -> None:
    s = make(path)
    s.set_status("a", "done")
    newer = b'schema = 3\n[roadmaps.backend.topics.a]\nstatus = "done"\n'
    path.write_bytes(newer)
    with pytest.raises(ProgressError, match="newer version"):
        s.set_status("b", "done")
    assert path.read_bytes() == newer and s.read_only and s.pending_changes == 1


def test_unknown_keys_and_orphans_survive(path: Path) -> None:
    path.write_text(
        textwrap.dedent("""\
        schema = 1
        top_unknown = "kept"
        list = [1, 2]

        [settings]
        theme = "dark"

        [roadmaps.backend]
        title_seen = "Backend"

        [roadmaps.backend.topics.orphan]
        status = "done"
        rating = 5
        tags = ["a", "b"]
        added = 2026-01-01T00:00:00Z

        [roadmaps.backend.topics.orphan.meta]
        source = "import"

        [[roadmaps.backend.topics.orphan.links]]
        url = "https://example.com"
        title = "a link title that is long enough to not fit an inline table line at all"

        [roadmaps.frontend.topics.html]
        status = "in-progress"
        note = "other roadmap"
        """)
    )
    before = tomllib.loads(path.read_text())
    s = make(path)
    assert dict(s.get("orphan").extra)["rating"] == 5
    s.set_status("new", "done")
    after = tomllib.loads(path.read_text())
    del after["roadmaps"]["backend"]["topics"]["new"]
    del after["roadmaps"]["backend"]["activity"]
    assert after == before
    s.set_status("orphan", "todo")  # changing a topic with unknown keys keeps them
    e = make(path).get("orphan")
    assert e.status == "todo" and dict(e.extra)["meta"] == {"source": "import"}
    assert make(path, "frontend").get("html").note == "other roadmap"


def test_empty_entries_are_not_written(path: Path) -> None:
    path.write_text('[roadmaps.backend.topics.empty]\nstatus = "todo"\n')
    s = make(path)
    assert "empty" not in s.topics()
    s.set_status("a", "done")
    assert "empty" not in path.read_text()


def test_output_is_sorted_and_stable(path: Path) -> None:
    s = make(path)
    ids = [f"topic-{i}" for i in range(30)]
    random.Random(7).shuffle(ids)
    s.set_many((t, "done") for t in ids)
    s.set_note("zz", "last")
    s.set_note("aa", "first")
    text = path.read_text()
    headers = [ln for ln in text.splitlines() if ln.startswith("[roadmaps.backend.topics.")]
    assert headers == sorted(headers, key=lambda h: h.split("topics.", 1)[1].strip('"]'))
    assert text.startswith(f"{fileformat.HEADER}schema = 1\n\n[roadmaps.backend.activity]\n")
    first = path.read_bytes()
    # a fresh store saving a no-op-equivalent change (set and undo) gives identical bytes
    t = make(path)
    t.merge_from({})
    t2 = ProgressStore(path, "backend", clock=Clock())
    t2.set_many([])
    assert path.read_bytes() == first
    assert fileformat.encode(fileformat.decode(first)).encode() == first


def test_the_written_layout(path: Path) -> None:
    clock = Clock()
    s = make(path, clock=clock)
    s.set_status("internet/http", "in-progress")
    clock.advance(hours=1)
    s.set_status("internet/http", "done")
    s.set_note("internet/http", 'multi-line\n"markdown"\n')
    s.set_note("dns", "one line")
    assert path.read_text() == textwrap.dedent('''\
        # written by roadmap-tui: edits are kept, comments are not
        schema = 1

        [roadmaps.backend.activity]
        2026-11-25 = 4

        [roadmaps.backend.topics.dns]
        status = "todo"
        note = "one line"
        changed = 2026-11-25 10:12:00+00:00

        [roadmaps.backend.topics."internet/http"]
        status = "done"
        note = """
        multi-line
        \\"markdown\\"
        """
        started = 2026-11-25 09:12:00+00:00
        completed = 2026-11-25 10:12:00+00:00
        changed = 2026-11-25 10:12:00+00:00
        ''')


def test_files_in_the_previous_layout_are_read_and_rewritten(path: Path) -> None:
    old = (
        'schema = 1\n\n[roadmaps.backend.activity]\n"2026-11-25" = 3\n\n'
        '[roadmaps.backend.topics.a]\nstatus = "done"\nnote = """\nx "y"\n"""\n'
        "completed = 2026-11-25T09:12:00Z\nchanged = 2026-11-25T09:12:00Z\n"
    )
    path.write_text(old)
    s = make(path)
    assert s.get("a") == TopicProgress("done", 'x "y"\n', None, T0, T0)
    assert dict(s.activity()) == {"2026-11-25": 3}
    s.set_note("b", "new")
    text = path.read_text()
    assert "changed = 2026-11-25 09:12:00+00:00" in text and "2026-11-25 = 4" in text
    assert make(path).get("a") == s.get("a")


def test_a_save_parses_the_file_only_when_someone_else_wrote_it(path: Path, monkeypatch) -> None:
    a = make(path)
    a.set_status("x", "done")
    calls = []
    real_decode = fileformat.decode
    monkeypatch.setattr(fileformat, "decode", lambda raw: (calls.append(1), real_decode(raw))[1])
    a.set_status("y", "done")
    a.set_note("y", "note")
    assert calls == []  # the file is the one a wrote: not parsed again
    b = make(path)
    b.set_status("z", "done")
    assert len(calls) == 1  # b's load
    a.set_status("w", "done")  # b wrote meanwhile: a re-reads it under the lock
    assert len(calls) == 2
    final = make(path)
    assert {t: e.status for t, e in final.topics().items()} == dict.fromkeys("xyzw", "done")


def test_change_polling(path: Path) -> None:
    a, b = make(path), make(path)
    assert a.disk_signature() is None and not a.changed_on_disk()
    a.set_status("x", "done")
    assert not a.changed_on_disk() and b.changed_on_disk()
    b.load()
    assert not b.changed_on_disk() and b.get("x").status == "done"
    assert a.disk_signature() == b.disk_signature()


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


def test_symlinked_file_is_written_through_the_link(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "progress.toml"
    real.parent.mkdir()
    link = tmp_path / "progress.toml"
    link.symlink_to(real)
    s = make(link)
    s.set_status("a", "done")
    assert link.is_symlink() and make(real).get("a").status == "done"
    assert (real.parent / "progress.toml.lock").exists()


def test_move_aside_without_a_file(path: Path) -> None:
    with pytest.raises(ProgressError, match="no such file"):
        make(path).move_aside()
