"""Spaced-repetition review of finished topics.

A topic enters review when it is marked done (finishing it counts as a first good recall) and
leaves it when it is reset or skipped. Each review shows one of the topic's self-check
questions (the roadmap's and the learner's own, in turn), the learner rates their recall
(again, hard, good, easy), and the FSRS scheduler (the ``fsrs`` package, imported only where a
schedule is computed) sets the next due date from the log of ratings.

The log is the truth: the schedule is derived from it (and the completion date) whenever it is
needed, so two processes that each add a review only add to the log, and merging two logs is a
union. Practice reviews (a topic reviewed before it is due, on demand) are logged but never fed
to the scheduler.

Pure core: no files, no Textual.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any, NamedTuple

from roadmap_tui.core.roadmap import Question

RATINGS = ("again", "hard", "good", "easy")  # keys 1 to 4
RECALLED = frozenset({"hard", "good", "easy"})
RELEARN_AFTER = 2  # "again" this many times in a row: the topic needs relearning


class LogError(ValueError):
    """A review log entry that is not ``"<UTC date-time> <rating>[ practice]"``."""


@dataclass(frozen=True, slots=True)
class Review:
    """One rating: when (aware UTC), how well it was recalled, and whether it was practice."""

    when: datetime
    rating: str
    practice: bool = False

    def __str__(self) -> str:
        text = f"{self.when.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')} {self.rating}"
        return f"{text} practice" if self.practice else text

    @classmethod
    def parse(cls, text: str) -> Review:
        parts = text.split()
        if len(parts) not in (2, 3) or (len(parts) == 3 and parts[2] != "practice"):
            raise LogError(f"{text!r} is not '<date-time> <rating>' (optionally ' practice')")
        if parts[1] not in RATINGS:
            raise LogError(f"rating {parts[1]!r} is not one of {', '.join(RATINGS)}")
        try:
            when = datetime.fromisoformat(parts[0].replace("Z", "+00:00"))
        except ValueError:
            raise LogError(f"{parts[0]!r} is not a date-time") from None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        try:
            when = when.astimezone(UTC)
        except OverflowError:
            raise LogError(f"{parts[0]!r} is out of range in UTC") from None
        return cls(when, parts[1], len(parts) == 3)


@dataclass(frozen=True, slots=True)
class TopicReview:
    """What the progress file keeps for one topic's review: the log and the learner's own
    questions; ``extra`` holds unknown keys (and the schedule written for readers)."""

    log: tuple[Review, ...] = ()
    questions: tuple[Question, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)

    @property
    def is_empty(self) -> bool:
        return not self.log and not self.questions

    def add(self, review: Review) -> TopicReview:
        if review in self.log:
            return self
        log = tuple(sorted((*self.log, review), key=lambda r: r.when))
        return TopicReview(log, self.questions, self.extra)

    def merged(self, other: TopicReview) -> TopicReview:
        """Both logs (each review once) and both sets of own questions (by id; ours on a tie)."""
        log = tuple(sorted(set(self.log) | set(other.log), key=lambda r: (r.when, r.rating)))
        ids = {q.id for q in self.questions}
        questions = (*self.questions, *(q for q in other.questions if q.id not in ids))
        return TopicReview(log, questions, {**other.extra, **self.extra})


class Schedule(NamedTuple):
    """The scheduler's state of a topic in review."""

    due: datetime
    stability: float
    difficulty: float
    state: str  # the scheduler's name: learning, review, relearning
    last_review: datetime
    reviews: int  # ratings given (practice included)
    relearn: bool  # rated "again" RELEARN_AFTER times in a row


@cache
def _scheduler():
    from fsrs import Scheduler

    # whole days: no minute-long learning steps, and no random fuzz (the log replays exactly)
    return Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


def schedule(completed: datetime, log: Iterable[Review] = ()) -> Schedule:
    """The schedule of a topic finished at ``completed`` and reviewed as ``log`` says (reviews
    from before the completion belong to an earlier round and are ignored)."""
    from fsrs import Card, Rating

    scheduler = _scheduler()
    completed = completed.astimezone(UTC)
    card = Card(card_id=1, due=completed)
    card, _ = scheduler.review_card(card, Rating.Good, review_datetime=completed)
    counted = [r for r in sorted(log, key=lambda r: r.when) if r.when >= completed]
    for review in counted:
        if not review.practice:
            rating = Rating[review.rating.capitalize()]
            card, _ = scheduler.review_card(card, rating, review_datetime=review.when)
    real = [r.rating for r in counted if not r.practice]
    relearn = len(real) >= RELEARN_AFTER and all(r == "again" for r in real[-RELEARN_AFTER:])
    return Schedule(
        card.due,
        float(card.stability or 0.0),
        float(card.difficulty or 0.0),
        card.state.name.lower(),
        card.last_review or completed,
        len(counted),
        relearn,
    )


def schedules(
    entries: Mapping[str, Any], reviews: Mapping[str, TopicReview], topic_ids: Iterable[str]
) -> dict[str, Schedule]:
    """The schedule of every topic of ``topic_ids`` in review: done, with a completion date.
    ``entries`` maps topic id to an object with ``status`` and ``completed``."""
    found = {}
    for tid in topic_ids:
        entry = entries.get(tid)
        if entry is None or entry.status != "done" or entry.completed is None:
            continue
        found[tid] = schedule(entry.completed, reviews.get(tid, TopicReview()).log)
    return found


def due(found: Mapping[str, Schedule], now: datetime) -> list[str]:
    """The topics due at ``now``, the longest overdue first."""
    return sorted((tid for tid, s in found.items() if s.due <= now), key=lambda t: found[t].due)


def due_by_day(found: Mapping[str, Schedule], today: date, days: int = 7) -> list[int]:
    """How many topics fall due on each of the ``days`` days from ``today`` (overdue ones count
    on today), by local date."""
    counts = [0] * days
    for s in found.values():
        offset = max(0, (s.due.astimezone().date() - today).days)
        if offset < days:
            counts[offset] += 1
    return counts


def questions_of(roadmap_questions: Iterable[Question], review: TopicReview) -> list[Question]:
    """The roadmap's questions, then the learner's own."""
    return [*roadmap_questions, *review.questions]


def question_for(questions: list[Question], review: TopicReview) -> Question | None:
    """The question to ask next: the list in turn, one further on per review given."""
    if not questions:
        return None
    return questions[len(review.log) % len(questions)]


def reviews_per_day(reviews: Mapping[str, TopicReview]) -> dict[date, int]:
    """Ratings given per local day (practice included)."""
    return dict(Counter(r.when.astimezone().date() for rv in reviews.values() for r in rv.log))


def retention(reviews: Mapping[str, TopicReview], now: datetime, days: int = 30) -> float | None:
    """The share of reviews of the last ``days`` days rated hard, good or easy (None: none)."""
    since = now - timedelta(days=days)
    ratings = [r.rating for rv in reviews.values() for r in rv.log if r.when >= since]
    if not ratings:
        return None
    return sum(r in RECALLED for r in ratings) / len(ratings)


def describe(s: Schedule, now: datetime) -> str:
    """ "next review in 12 days, reviewed 4 times" (or "due now")."""
    days = (s.due.astimezone().date() - now.astimezone().date()).days
    if s.due <= now:
        when = "due now"
    elif days <= 0:
        when = "next review today"
    elif days == 1:
        when = "next review tomorrow"
    else:
        when = f"next review in {days} days"
    text = f"{when}, {reviewed_times(s.reviews)}"
    return f"{text}; needs relearning" if s.relearn else text


def reviewed_times(count: int) -> str:
    """ "not reviewed yet", "reviewed once" or "reviewed 4 times"."""
    if not count:
        return "not reviewed yet"
    return "reviewed once" if count == 1 else f"reviewed {count} times"


RETENTION_DAYS = 30
FORECAST_DAYS = 7


class ReviewStats(NamedTuple):
    """What the statistics show about review."""

    in_review: int  # topics with a schedule
    reviews: int  # ratings ever given (practice included)
    per_day: dict[date, int]  # ratings per local day
    recent: int  # ratings in the last RETENTION_DAYS days
    retention: float | None  # share of those recalled (hard, good, easy); None: none given
    due_now: int
    due_days: list[int]  # topics due on each of the next FORECAST_DAYS days (overdue: today)
    relearn: list[str]  # topic ids that need relearning, in the order given

    @property
    def has_reviews(self) -> bool:
        return self.reviews > 0


def review_stats(
    found: Mapping[str, Schedule], reviews: Mapping[str, TopicReview], now: datetime
) -> ReviewStats:
    """The review statistics from the schedules (``schedules``) and every topic's log."""
    since = now - timedelta(days=RETENTION_DAYS)
    return ReviewStats(
        in_review=len(found),
        reviews=sum(len(r.log) for r in reviews.values()),
        per_day=reviews_per_day(reviews),
        recent=sum(1 for rv in reviews.values() for r in rv.log if r.when >= since),
        retention=retention(reviews, now, RETENTION_DAYS),
        due_now=len(due(found, now)),
        due_days=due_by_day(found, now.astimezone().date(), FORECAST_DAYS),
        relearn=[tid for tid, s in found.items() if s.relearn],
    )


def reminder(
    found: Mapping[str, Schedule],
    titles: Mapping[str, str],
    now: datetime,
    how: str = "`roadmap-tui review`",
) -> str:
    """What `next` adds about review: the topics that need relearning (by title) and how many
    are due, then ``how`` to review ("" when neither). Only topics of ``titles`` (the
    roadmap's) are counted."""
    shown = {tid: s for tid, s in found.items() if tid in titles}
    relearn = [titles[tid] for tid, s in shown.items() if s.relearn]
    count = len(due(shown, now))
    parts = []
    if relearn:
        more = f" and {len(relearn) - 3} more" if len(relearn) > 3 else ""
        names = ", ".join(relearn[:3]) + more
        verb = "needs" if len(relearn) == 1 else "need"
        parts.append(f"{_count(len(relearn), 'topic')} {verb} relearning: {names}")
    if count:
        parts.append(f"{_count(count, 'topic')} due for review")
    return f"{'; '.join(parts)}; {how}" if parts else ""


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
