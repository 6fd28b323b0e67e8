"""core.progress: the pure model and its change and merge rules (no files)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from roadmap_tui.core.progress import (
    CONFLICT_MARKER,
    TODO,
    Change,
    Document,
    RoadmapProgress,
    TopicProgress,
    apply_changes,
    format_utc,
    merge_entry,
    merge_note,
    to_utc,
    transition,
)

T0 = datetime(2026, 11, 25, 9, 12, tzinfo=UTC)
T1 = T0 + timedelta(hours=1)


def test_transitions_set_and_clear_dates() -> None:
    e = transition(TODO, "in-progress", T0)
    assert (e.status, e.started, e.completed, e.changed) == ("in-progress", T0, None, T0)
    e = transition(e, "done", T1)
    assert (e.started, e.completed, e.changed) == (T0, T1, T1)
    e = transition(e, "in-progress", T1)
    assert (e.started, e.completed) == (T0, None)
    e = transition(e, "todo", T1)
    assert (e.started, e.completed, e.changed) == (None, None, T1)
    e = transition(TopicProgress(note="kept"), "skipped", T0)
    assert (e.started, e.completed, e.note) == (T0, T0, "kept")


def test_note_merge() -> None:
    assert merge_note("base", "base", "ours", T0) == "ours"  # nobody else changed it
    assert merge_note("", "base", "ours", T0) == "ours"
    assert merge_note("same", "base", "same", T0) == "same"
    assert merge_note("theirs", "base", "", T0) == "theirs"  # we cleared, they edited
    both = merge_note("theirs", "base", "ours", T0)
    assert both == f"theirs\n\n{CONFLICT_MARKER}2026-11-25T09:12:00Z\nours"


def test_entry_merge() -> None:
    ours = TopicProgress("done", "ours", changed=T0, extra={"a": 1})
    assert merge_entry(ours, TopicProgress()) is None  # nothing to import
    assert merge_entry(None, TopicProgress("done")) == TopicProgress("done")
    assert merge_entry(ours, TopicProgress("todo", changed=T0 - timedelta(1))) is None
    assert merge_entry(ours, TopicProgress("todo")) is None  # no date: ours kept
    taken = merge_entry(ours, TopicProgress("todo", "", changed=T1, extra={"b": 2}))
    assert taken == TopicProgress("todo", "ours", changed=T1, extra={"a": 1, "b": 2})
    both = merge_entry(ours, TopicProgress("todo", "theirs", changed=T1))
    assert both is not None and both.note.startswith("ours\n\n" + CONFLICT_MARKER)
    # ours inside theirs is still a different text: both are kept
    contained = merge_entry(ours, TopicProgress("todo", "ours, and more", changed=T1))
    assert contained is not None and contained.note.startswith("ours\n\n" + CONFLICT_MARKER)
    assert contained.note.endswith("\nours, and more")
    same = merge_entry(ours, TopicProgress("todo", "ours", changed=T1))
    assert same is not None and same.note == "ours"


def test_apply_changes_copies_and_counts() -> None:
    other = RoadmapProgress({"x": TopicProgress("done")}, {"2026-01-01": 1}, {"k": "v"})
    doc = Document(extra={"top": 1}, roadmaps={"r": RoadmapProgress(), "other": other})
    changes = [
        Change("status", "a", T0, status="done"),
        Change("status", "a", T0, status="done"),  # no change: no activity
        Change("note", "b", T0, base="", note="hello"),
        Change("note", "b", T0, base="hello", note=""),
        Change("merge", "c", T0, theirs=TopicProgress("skipped", changed=T0)),
    ]
    new, taken = apply_changes(doc, "r", changes)
    assert taken == 1
    assert doc.roadmaps["r"].topics == {}  # the input is not modified
    topics = new.roadmaps["r"].topics
    assert set(topics) == {"a", "b", "c"}
    assert topics["a"].status == "done"
    assert topics["b"] == TopicProgress(note="", changed=T0)  # cleared, but dated
    day = T0.astimezone().date().isoformat()  # the user's local day
    assert new.roadmaps["r"].activity == {day: 3}
    assert new.roadmaps["other"] is other and new.extra == {"top": 1}
    assert apply_changes(doc, "r", []) == (doc, 0)
    # an import carrying nothing changes nothing
    doc = Document(roadmaps={"r": RoadmapProgress({"a": TopicProgress("done")})})
    empty = TopicProgress(extra={})
    new, _ = apply_changes(doc, "r", [Change("merge", "a", T0, theirs=empty)])
    assert new.roadmaps["r"].topics == {"a": TopicProgress("done")}


def test_topic_progress_hashes_without_extra() -> None:
    a = TopicProgress("done", extra={"tags": ["x"]})
    assert hash(a) == hash(TopicProgress("done"))
    assert a != TopicProgress("done") and a.is_complete and not a.is_empty
    assert TODO.is_empty and not TopicProgress(note="n").is_empty


def test_utc_helpers() -> None:
    tz = timezone(timedelta(hours=2))
    assert to_utc(datetime(2026, 1, 1, 12, tzinfo=tz)) == datetime(2026, 1, 1, 10, tzinfo=UTC)
    assert to_utc(datetime(2026, 1, 1, 12)).tzinfo is UTC
    assert format_utc(datetime(2026, 1, 1, 12, tzinfo=tz)) == "2026-01-01T10:00:00Z"
