"""The three-way merge of whole progress documents (core.merge), without files."""

from __future__ import annotations

from datetime import UTC, datetime

from roadmap_tui.core.merge import merge_documents
from roadmap_tui.core.progress import (
    CONFLICT_MARKER,
    Document,
    RoadmapProgress,
    TopicProgress,
)
from roadmap_tui.core.review import Question, Review, TopicReview

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
T1 = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)
T2 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def doc(topics=None, activity=None, reviews=None, extra=None, rm_extra=None) -> Document:
    rm = RoadmapProgress(dict(topics or {}), dict(activity or {}), dict(rm_extra or {}))
    rm.reviews.update(reviews or {})
    return Document(extra=dict(extra or {}), roadmaps={"mini": rm})


def entry(status="todo", note="", when=T0, **kw) -> TopicProgress:
    started = when if status != "todo" else None
    completed = when if status in ("done", "skipped") else None
    return TopicProgress(status, note, started, completed, when, **kw)


def merged_topics(base, ours, theirs):
    return merge_documents(base, ours, theirs).roadmaps["mini"].topics


def test_a_change_on_one_side_only_is_taken_from_either_side():
    base = doc({"a": entry("in-progress"), "b": entry("in-progress")})
    ours = doc({"a": entry("done", when=T1), "b": entry("in-progress")})
    theirs = doc({"a": entry("in-progress"), "b": entry("skipped", when=T2)})
    topics = merged_topics(base, ours, theirs)
    assert topics["a"].status == "done" and topics["b"].status == "skipped"


def test_status_changed_on_both_sides_newest_wins_whichever_side_it_is():
    base = doc({"a": entry("in-progress")})
    older, newer = doc({"a": entry("skipped", when=T1)}), doc({"a": entry("done", when=T2)})
    assert merged_topics(base, older, newer)["a"].status == "done"
    assert merged_topics(base, newer, older)["a"].status == "done"
    assert merged_topics(base, older, newer)["a"].completed == T2


def test_a_note_change_on_one_side_does_not_undo_a_status_change_on_the_other():
    # a later note edit on their machine must not put back the status we changed earlier
    base = doc({"a": entry("todo", note="start", when=T0)})
    ours = doc({"a": entry("done", note="start", when=T1)})
    theirs = doc({"a": entry("todo", note="start\nmore", when=T2)})
    got = merged_topics(base, ours, theirs)["a"]
    assert (got.status, got.note, got.changed) == ("done", "start\nmore", T2)


def test_the_same_note_edited_on_both_sides_keeps_both_texts():
    base = doc({"a": entry(note="line one\nline two")})
    ours = doc({"a": entry(note="line one, ours\nline two", when=T1)})
    theirs = doc({"a": entry(note="line one, theirs\nline two", when=T2)})
    note = merged_topics(base, ours, theirs)["a"].note
    assert "line one, ours" in note and "line one, theirs" in note
    assert CONFLICT_MARKER in note


def test_edits_of_different_lines_of_a_note_are_both_applied_without_a_marker():
    base = doc({"a": entry(note="one\ntwo\nthree")})
    ours = doc({"a": entry(note="ONE\ntwo\nthree", when=T1)})
    theirs = doc({"a": entry(note="one\ntwo\nTHREE", when=T2)})
    assert merged_topics(base, ours, theirs)["a"].note == "ONE\ntwo\nTHREE"


def test_notes_added_on_both_sides_without_a_base_keep_both():
    ours = doc({"a": entry(note="mine", when=T1)})
    theirs = doc({"a": entry(note="yours", when=T2)})
    note = merged_topics(Document(), ours, theirs)["a"].note
    assert "mine" in note and "yours" in note


def test_a_reset_on_one_side_removes_the_entry_when_the_other_did_not_touch_it():
    base = doc({"a": entry("done")})
    ours = doc({})  # reset to todo without a note: the entry is not written
    assert "a" not in merged_topics(base, ours, base)
    assert "a" not in merged_topics(base, base, ours)


def test_activity_adds_up_both_sides_changes_per_day():
    base = doc(activity={"2026-11-01": 2})
    ours = doc(activity={"2026-11-01": 3, "2026-11-02": 1})
    theirs = doc(activity={"2026-11-01": 4, "2026-11-03": 5})
    activity = merge_documents(base, ours, theirs).roadmaps["mini"].activity
    assert activity == {"2026-11-01": 5, "2026-11-02": 1, "2026-11-03": 5}


def test_review_logs_are_unioned_and_own_questions_merged_by_id():
    shared = Review(T0, "good")
    q_kept, q_removed = Question("kept?", "yes", "k1"), Question("gone?", "no", "r1")
    base = doc(reviews={"a": TopicReview((shared,), (q_kept, q_removed))})
    ours = doc(reviews={"a": TopicReview((shared, Review(T1, "hard")), (q_kept,))})
    theirs_q = Question("theirs?", "new", "t1")
    theirs = doc(
        reviews={"a": TopicReview((shared, Review(T2, "easy")), (q_kept, q_removed, theirs_q))}
    )
    review = merge_documents(base, ours, theirs).roadmaps["mini"].reviews["a"]
    assert [r.rating for r in review.log] == ["good", "hard", "easy"]
    assert [q.id for q in review.questions] == ["k1", "t1"]


def test_unknown_keys_are_kept_from_both_sides():
    base = doc({"a": entry(extra={"x": 1})}, extra={"top": "base"})
    ours = doc({"a": entry(extra={"x": 1, "mine": True})}, extra={"top": "base", "o": 1})
    theirs = doc({"a": entry(extra={"x": 2})}, extra={"top": "changed"}, rm_extra={"r": 3})
    got = merge_documents(base, ours, theirs)
    assert dict(got.roadmaps["mini"].topics["a"].extra) == {"x": 2, "mine": True}
    assert got.extra == {"top": "changed", "o": 1}
    assert got.roadmaps["mini"].extra == {"r": 3}


def test_other_roadmaps_progress_is_merged_too():
    ours = Document(roadmaps={"one": RoadmapProgress({"a": entry("done")})})
    theirs = Document(roadmaps={"two": RoadmapProgress({"b": entry("done")})})
    got = merge_documents(Document(), ours, theirs)
    assert set(got.roadmaps) == {"one", "two"}


def test_merging_is_symmetric_except_for_ties():
    base = doc({"a": entry("in-progress", note="n")}, activity={"2026-11-01": 1})
    ours = doc({"a": entry("done", note="n", when=T1), "b": entry("done", when=T1)})
    theirs = doc({"a": entry("skipped", note="n\nx", when=T2)}, activity={"2026-11-01": 2})
    one, two = merge_documents(base, ours, theirs), merge_documents(base, theirs, ours)
    assert one == two


def study(practice=None, time=None, timer=None, goal=None) -> Document:
    from dataclasses import replace

    rm = replace(
        RoadmapProgress(),
        practice=dict(practice or {}),
        time={tid: dict(days) for tid, days in (time or {}).items()},
        timer=timer,
        goal=goal,
    )
    return Document(roadmaps={"mini": rm})


def test_links_ticks_study_time_the_timer_and_the_goal_of_both_machines_are_kept():
    from datetime import date

    from roadmap_tui.core.practice import TopicPractice
    from roadmap_tui.core.studytime import Goal, Timer

    base = study(
        practice={"a": TopicPractice(links=("https://x.test/a", "/old"), checked=("one",))},
        time={"a": {"2026-11-01": 30}},
        timer=Timer("a", T0),
    )
    ours = study(  # ours: a link added, /old removed, 15 more minutes that day, the timer stopped
        practice={"a": TopicPractice(links=("https://x.test/a", "/ours"), checked=("one",))},
        time={"a": {"2026-11-01": 45}},
        timer=None,
        goal=Goal(6.0),
    )
    theirs = study(  # theirs: a tick, 20 more minutes and another day, the timer left running
        practice={
            "a": TopicPractice(links=("https://x.test/a", "/old"), checked=("one", "two")),
            "b": TopicPractice(links=("https://x.test/b",)),
        },
        time={"a": {"2026-11-01": 50, "2026-11-02": 10}, "b": {"2026-11-02": 5}},
        timer=Timer("a", T0),
    )
    rm = merge_documents(base, ours, theirs).roadmaps["mini"]
    assert rm.practice["a"].links == ("https://x.test/a", "/ours")  # the removal holds
    assert rm.practice["a"].checked == ("one", "two")
    assert rm.practice["b"].links == ("https://x.test/b",)
    assert rm.time == {"a": {"2026-11-01": 65, "2026-11-02": 10}, "b": {"2026-11-02": 5}}
    assert rm.timer is None  # stopped on our side (its minutes logged there)
    assert rm.goal == Goal(6.0)
    # both sides started a new timer: the later one runs; both set a goal: ours
    later = merge_documents(
        study(),
        study(timer=Timer("a", T1), goal=Goal(4.0)),
        study(timer=Timer("b", T2), goal=Goal(8.0, date(2027, 6, 30))),
    ).roadmaps["mini"]
    assert later.timer == Timer("b", T2)
    assert later.goal == Goal(4.0)


def test_time_taken_back_on_one_machine_stays_taken_back():
    base = study(time={"a": {"2026-11-01": 480}, "b": {"2026-11-01": 30}})
    ours = study(time={"a": {"2026-11-01": 8}, "b": {"2026-11-01": 30}})  # 472 taken back
    theirs = study(time={"a": {"2026-11-01": 500}})  # 20 more on a; b's 30 taken back
    rm = merge_documents(base, ours, theirs).roadmaps["mini"]
    assert rm.time == {"a": {"2026-11-01": 28}}


def test_one_timer_stopped_on_both_machines_is_logged_once():
    from roadmap_tui.core.studytime import Timer

    started = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    base = study(time={"a": {"2026-11-01": 30}}, timer=Timer("a", started))
    # the same hour of study, stopped on each machine (a few minutes apart)
    ours = study(time={"a": {"2026-11-01": 90}})
    theirs = study(time={"a": {"2026-11-01": 95}, "b": {"2026-11-01": 10}})
    rm = merge_documents(base, ours, theirs).roadmaps["mini"]
    assert rm.time == {"a": {"2026-11-01": 95}, "b": {"2026-11-01": 10}}
    assert rm.timer is None
    # stopped on one machine only: the other's minutes on that topic are other study, added
    running = study(time={"a": {"2026-11-01": 40}}, timer=Timer("a", started))
    rm = merge_documents(base, ours, running).roadmaps["mini"]
    assert rm.time == {"a": {"2026-11-01": 100}}
