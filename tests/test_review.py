"""Spaced-repetition review in the pure core, with a fixed clock: what is due, how ratings move
the schedule (as the FSRS scheduler says), practice, relearning, merging and questions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest
from fsrs import Card, Rating, Scheduler

from roadmap_tui.core.review import (
    LogError,
    Question,
    Review,
    TopicReview,
    describe,
    due,
    due_by_day,
    question_for,
    retention,
    reviews_per_day,
    schedule,
    schedules,
)

DONE = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def fsrs_due(completed: datetime, ratings: list[tuple[datetime, Rating]]) -> datetime:
    """What the library itself says, step by step."""
    scheduler = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    card, _ = scheduler.review_card(Card(due=completed), Rating.Good, review_datetime=completed)
    for when, rating in ratings:
        card, _ = scheduler.review_card(card, rating, review_datetime=when)
    return card.due


def test_a_finished_topic_falls_due_as_the_scheduler_says():
    s = schedule(DONE)
    assert s.due == fsrs_due(DONE, []) and s.due > DONE + timedelta(days=1)
    assert s.reviews == 0 and not s.relearn and s.state == "review"


@pytest.mark.parametrize("rating", ["again", "hard", "good", "easy"])
def test_each_rating_moves_the_due_date_as_the_library_does(rating):
    first = schedule(DONE).due
    s = schedule(DONE, [Review(first, rating)])
    assert s.due == fsrs_due(DONE, [(first, Rating[rating.capitalize()])])
    assert s.reviews == 1 and s.last_review == first


def test_better_recall_waits_longer():
    first = schedule(DONE).due
    dues = [schedule(DONE, [Review(first, r)]).due for r in ("again", "hard", "good", "easy")]
    assert dues == sorted(dues) and len(set(dues)) == 4


def test_practice_is_logged_but_never_moves_the_schedule():
    early = DONE + timedelta(hours=5)
    s = schedule(DONE, [Review(early, "again", practice=True)])
    assert s.due == schedule(DONE).due and s.reviews == 1


def test_reviews_before_the_latest_completion_belong_to_an_earlier_round():
    old = Review(DONE - timedelta(days=30), "again")
    assert schedule(DONE, [old]) == schedule(DONE)


def test_again_twice_in_a_row_needs_relearning_and_a_recall_clears_it():
    t1 = schedule(DONE).due
    once = schedule(DONE, [Review(t1, "again")])
    assert not once.relearn
    t2 = once.due
    twice = schedule(DONE, [Review(t1, "again"), Review(t2, "again")])
    assert twice.relearn
    assert "needs relearning" in describe(twice, t2)
    t3 = twice.due
    assert not schedule(
        DONE, [Review(t1, "again"), Review(t2, "again"), Review(t3, "good")]
    ).relearn


def test_only_done_topics_are_in_review():
    entries = {
        "a": SimpleNamespace(status="done", completed=DONE),
        "b": SimpleNamespace(status="skipped", completed=DONE),
        "c": SimpleNamespace(status="in-progress", completed=None),
        "d": SimpleNamespace(status="todo", completed=None),  # reset: out of review
    }
    found = schedules(entries, {"d": TopicReview((Review(DONE, "good"),))}, "abcd")
    assert list(found) == ["a"]
    assert due(found, DONE) == []
    assert due(found, found["a"].due) == ["a"]


def test_two_places_reviewing_the_same_topic_keep_both_reviews():
    t1 = schedule(DONE).due
    here = TopicReview().add(Review(t1, "good"))
    there = TopicReview().add(Review(t1 + timedelta(minutes=3), "hard"))
    both = here.merged(there)
    assert [r.rating for r in both.log] == ["good", "hard"]
    assert both.merged(there) == both  # each review once
    assert schedule(DONE, both.log).reviews == 2


def test_own_questions_merge_by_id_and_rotate_with_the_roadmap_ones():
    ours = TopicReview(questions=(Question("Why?", "Because.", "q1"),))
    theirs = TopicReview(
        questions=(Question("Why?", "Because.", "q1"), Question("How?", "So.", "q2"))
    )
    merged = ours.merged(theirs)
    assert [q.id for q in merged.questions] == ["q1", "q2"]
    listed = [Question("Roadmap's?", "Yes."), *merged.questions]
    asked = []
    review = merged
    for n in range(4):
        asked.append(question_for(listed, review).q)
        review = review.add(Review(DONE + timedelta(days=n), "good"))
    assert asked == ["Roadmap's?", "Why?", "How?", "Roadmap's?"]
    assert question_for([], review) is None


def test_log_entries_read_back_exactly_and_bad_ones_are_refused():
    review = Review(DONE, "hard", practice=True)
    assert str(review) == "2026-03-02T09:00:00Z hard practice"
    assert Review.parse(str(review)) == review
    for bad in [
        "",
        "2026-03-02T09:00:00Z",
        "2026-03-02T09:00:00Z meh",
        "yesterday good",
        "2026-03-02T09:00:00Z good later",
    ]:
        with pytest.raises(LogError):
            Review.parse(bad)


def test_statistics_of_reviews():
    reviews = {
        "a": TopicReview((Review(DONE, "again"), Review(DONE + timedelta(days=2), "good"))),
        "b": TopicReview((Review(DONE + timedelta(days=2), "easy"),)),
    }
    now = DONE + timedelta(days=3)
    assert retention(reviews, now) == pytest.approx(2 / 3)
    assert retention(reviews, now + timedelta(days=60)) is None
    per_day = reviews_per_day(reviews)
    assert sum(per_day.values()) == 3 and max(per_day.values()) == 2
    found = {"a": schedule(DONE), "b": schedule(DONE, reviews["b"].log)}
    today = DONE.astimezone().date()
    week = due_by_day(found, today)
    assert len(week) == 7 and sum(week) == sum(
        1 for s in found.values() if (s.due.astimezone().date() - today).days < 7
    )
    assert isinstance(today, date)
