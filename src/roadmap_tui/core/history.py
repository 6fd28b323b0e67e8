"""Activity over time: streaks, weekly pace, the heatmap and the projected finish. Pure
functions, no Textual import (the statistics screen, `stats`, `share` and `export` use them;
`status` does not, and does not import them)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

from roadmap_tui.core.choices import Choices
from roadmap_tui.core.pace import PACE_WEEKS, finish_date
from roadmap_tui.core.stats import COMPLETE
from roadmap_tui.core.studytime import week_start, weekly_totals

if TYPE_CHECKING:
    from roadmap_tui.core.roadmap import Roadmap, Topic

HEATMAP_WEEKS = 26


class History(NamedTuple):
    """Activity over time, from the per-day change counts and the completion dates."""

    today: date
    activity: dict[date, int]  # changes per day
    heatmap: list[list[tuple[date, int] | None]]  # [week][weekday], None = after today
    current_streak: int
    longest_streak: int
    weekly_completed: list[int]  # topics completed per week, oldest first, last = this week
    week_starts: list[date]
    pace: float  # topics completed per week over the weeks with history (0 = no history)
    core_left: int
    all_left: int
    core_finish: date | None
    all_finish: date | None
    pace_weeks: int = 0  # the weeks the pace is measured over (0 = no history)
    first_weekday: int = 0  # the day weeks start on (Monday 0 .. Sunday 6)

    @property
    def has_history(self) -> bool:
        return bool(self.activity) or any(self.weekly_completed)


def parse_activity(raw: Mapping[str, int]) -> dict[date, int]:
    """The store's {"YYYY-MM-DD": count} as dates; malformed keys are ignored."""
    days: dict[date, int] = {}
    for key, count in raw.items():
        try:
            day = date.fromisoformat(key)
        except (TypeError, ValueError):
            continue
        if isinstance(count, int) and count > 0:
            days[day] = days.get(day, 0) + count
    return days


def streaks(active: set[date], today: date) -> tuple[int, int]:
    """(current, longest) runs of consecutive active days. The current streak still counts
    when today has no activity yet but yesterday had."""
    longest = run = 0
    previous: date | None = None
    for day in sorted(active):
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    current = 0
    day = today if today in active else today - timedelta(days=1)
    while day in active:
        current += 1
        day -= timedelta(days=1)
    return current, longest


def weekly_counts(
    days: Iterable[date], today: date, weeks: int, first_weekday: int = 0
) -> tuple[list[date], list[int]]:
    """Counts of ``days`` per week (starting on ``first_weekday``, Monday 0 .. Sunday 6), for
    the ``weeks`` weeks ending with today's."""
    totals = weekly_totals(((day, 1) for day in days), today, weeks, first_weekday)
    return [start for start, _ in totals], [count for _, count in totals]


def heatmap_grid(
    activity: Mapping[date, int], today: date, weeks: int = HEATMAP_WEEKS, first_weekday: int = 0
):
    """A contribution calendar: ``weeks`` columns of 7 days (``first_weekday`` first, Monday 0
    .. Sunday 6), ending today."""
    first = week_start(today, first_weekday) - timedelta(weeks=weeks - 1)
    grid: list[list[tuple[date, int] | None]] = []
    for w in range(weeks):
        column: list[tuple[date, int] | None] = []
        for d in range(7):
            day = first + timedelta(weeks=w, days=d)
            column.append(None if day > today else (day, activity.get(day, 0)))
        grid.append(column)
    return grid


def history(
    roadmap: Roadmap,
    entries: Mapping[str, object],
    activity_raw: Mapping[str, int],
    today: date,
    *,
    essential: Callable[[Topic], bool] | None = None,
    first_weekday: int = 0,
) -> History:
    """Everything the statistics screen shows about time. ``entries`` maps topic id to an
    object with ``status`` and ``completed`` (a datetime or None); weeks start on
    ``first_weekday`` (Monday 0 .. Sunday 6)."""
    activity = parse_activity(activity_raw)
    completed_days = []
    for topic in roadmap.topics():
        entry = entries.get(topic.id)
        if entry is None or getattr(entry, "status", "todo") not in COMPLETE:
            continue
        when = getattr(entry, "completed", None)
        if when is not None:
            completed_days.append(when.astimezone().date() if when.tzinfo else when.date())
    starts, weekly = weekly_counts(completed_days, today, PACE_WEEKS, first_weekday)
    # pace over the weeks since the first activity (at most PACE_WEEKS, at least one)
    first_seen = min([*activity, *completed_days], default=None)
    span, pace = 0, 0.0
    if first_seen is not None:
        weeks = (week_start(today, first_weekday) - week_start(first_seen, first_weekday)).days
        span = min(PACE_WEEKS, max(1, weeks // 7 + 1))
        pace = sum(weekly[-span:]) / span
    # what is left counts pick-one choices as every count does (core.choices): a choice not
    # made is one topic, out topics count nowhere, a chosen option ranks with its choice
    left = [u for u in Choices.of_entries(roadmap, entries).units() if u.status not in COMPLETE]
    if essential is None:
        core_left = sum(1 for u in left if u.kind == "core")
    else:
        core_left = sum(1 for u in left if essential(u.topic))
    all_left = len(left)
    current, longest = streaks(set(activity), today)
    return History(
        today=today,
        activity=activity,
        heatmap=heatmap_grid(activity, today, first_weekday=first_weekday),
        current_streak=current,
        longest_streak=longest,
        weekly_completed=weekly,
        week_starts=starts,
        pace=pace,
        core_left=core_left,
        all_left=all_left,
        core_finish=finish_date(core_left, pace, today),
        all_finish=finish_date(all_left, pace, today),
        pace_weeks=span,
        first_weekday=first_weekday,
    )
