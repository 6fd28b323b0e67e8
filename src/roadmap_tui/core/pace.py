"""Goal and pace: study time per week and section, the weekly goal against it, and when the
roadmap is done at the goal's pace and at the measured one. Pure: no files, no clock (``today``
is given), no Textual or rich.

Forecasts in hours: what is left is the estimates of the unfinished topics (a pick not yet made:
its typical option) less the hours already logged on them (never below zero per topic); the
measured pace is the hours logged a week over the weeks since the first logged study (at most
:data:`PACE_WEEKS`, at least this one).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from roadmap_tui.core.choices import Choices
from roadmap_tui.core.stats import COMPLETE, plural
from roadmap_tui.core.studytime import (
    Goal,
    minutes_by_day,
    section_minutes,
    week_start,
    weekly_minutes,
)

if TYPE_CHECKING:
    from roadmap_tui.core.roadmap import Roadmap

PACE_WEEKS = 8


class Pace(NamedTuple):
    today: date
    weekly: list[tuple[date, int]]  # (first day, minutes) of the last PACE_WEEKS weeks
    sections: list[tuple[str, str, int]]  # (id, title, minutes) per section
    total_minutes: int
    this_week_minutes: int
    measured: float | None  # hours logged a week (None: no study logged in the window)
    measured_weeks: int
    core_hours_left: float
    all_hours_left: float
    goal: Goal | None
    per_day: Mapping[date, int] = MappingProxyType({})  # minutes studied per day, every day

    @property
    def has_time(self) -> bool:
        return self.total_minutes > 0


def pace(
    roadmap: Roadmap,
    entries: Mapping[str, object],
    time: Mapping[str, Mapping[str, int]],
    goal: Goal | None,
    today: date,
    first_weekday: int = 0,
) -> Pace:
    """The study time and pace of a roadmap. ``entries`` maps topic ids to objects with a
    ``status`` (and, for choices, ``chosen``), as :func:`Choices.of_entries` takes them.
    ``first_weekday``: the day weeks start on (Monday 0 .. Sunday 6)."""
    weekly = weekly_minutes(time, today, PACE_WEEKS, first_weekday)
    per_day = minutes_by_day(time)
    days = [d for d, n in per_day.items() if n > 0 and d <= today]
    measured, span = None, 0
    if days:
        first = max(min(days), weekly[0][0])
        weeks_since = (week_start(today, first_weekday) - week_start(first, first_weekday)).days
        span = min(PACE_WEEKS, weeks_since // 7 + 1)
        logged = sum(n for _, n in weekly[-span:])
        measured = logged / 60 / span if logged else None
    totals = section_minutes(time, (s.id for s in roadmap.sections))
    sections = [(s.id, s.title, totals[s.id]) for s in roadmap.sections]
    core = every = 0.0
    for unit in Choices.of_entries(roadmap, entries).units():
        if unit.status in COMPLETE:
            continue
        spent = 0 if unit.pick else sum(time.get(unit.id, {}).values()) / 60
        left = max(0.0, unit.hours - spent)
        every += left
        if unit.kind == "core":
            core += left
    return Pace(
        today=today,
        weekly=weekly,
        sections=sections,
        total_minutes=sum(sum(d.values()) for d in time.values()),
        this_week_minutes=weekly[-1][1],
        measured=measured,
        measured_weeks=span,
        core_hours_left=core,
        all_hours_left=every,
        goal=goal,
        per_day=per_day,
    )


def finish_date(hours_left: float, per_week: float | None, today: date) -> date | None:
    """When ``hours_left`` are done at ``per_week`` hours a week (None: no pace)."""
    if hours_left <= 0:
        return today
    if not per_week:
        return None
    return today + timedelta(days=math.ceil(hours_left / per_week * 7))


def needed_per_week(hours_left: float, today: date, by: date) -> float | None:
    """The hours a week that finish ``hours_left`` by ``by`` (None: the date has passed)."""
    days = (by - today).days
    if days <= 0:
        return None
    return hours_left / (days / 7)


def _h(hours: float) -> str:
    return f"{round(hours, 1):g} h"


def goal_lines(p: Pace) -> list[str]:
    """The goal against the pace, as plain lines (for `stats`, `goal`, `today` and the app)."""
    goal = p.goal
    lines = []
    if p.measured is None:
        lines.append("No study time logged in the last weeks, so there is no measured pace.")
    else:
        weeks = plural(p.measured_weeks, "week")
        lines.append(f"Measured pace: {p.measured:.1f} h a week over {weeks}.")
    if goal is None or (goal.weekly_hours is None and goal.by is None):
        lines.append("No goal set: `roadmap-tui goal 6h` (or the palette) sets hours a week.")
        paces = [("measured", p.measured)]
    else:
        if goal.weekly_hours is not None:
            this_week = f"{p.this_week_minutes / 60:.1f} / {goal.weekly_hours:g} h"
            lines.append(f"Goal: {goal.weekly_hours:g} h a week; this week {this_week}.")
        paces = [("goal's", goal.weekly_hours), ("measured", p.measured)]
    for label, left in (("Core", p.core_hours_left), ("Everything", p.all_hours_left)):
        if left <= 0:
            lines.append(f"{label}: nothing left.")
            continue
        ends = [
            f"around {finish_date(left, per_week, p.today):%d %b %Y} at the {name} "
            f"{per_week:.1f} h a week"
            for name, per_week in paces
            if per_week
        ]
        if ends:
            lines.append(f"{label}: {_h(left)} left, done {'; '.join(ends)}.")
        else:
            lines.append(f"{label}: {_h(left)} left; no pace to project yet.")
    if goal is not None and goal.by is not None:
        label = "Core" if goal.scope == "core" else "Everything"
        left = p.core_hours_left if goal.scope == "core" else p.all_hours_left
        need = needed_per_week(left, p.today, goal.by)
        target = f"{label} by {goal.by:%d %b %Y}"
        if left <= 0:
            lines.append(f"{target}: already done.")
        elif need is None:
            lines.append(f"{target}: that date has passed.")
        else:
            average = f"you average {p.measured:.1f}" if p.measured else "no measured pace yet"
            lines.append(f"{target} needs {need:.1f} h a week; {average}.")
    return lines


def time_lines(p: Pace) -> list[str]:
    """Study time per week and per section, as plain lines."""
    if not p.has_time:
        return ["No study time logged yet: `roadmap-tui log TOPIC 45m`, or T in the app."]
    weeks = " · ".join(f"{n / 60:.1f}" for _, n in p.weekly)
    lines = [
        f"{_h(p.total_minutes / 60)} in all; this week {_h(p.this_week_minutes / 60)}.",
        f"Hours per week, last {len(p.weekly)} weeks: {weeks}",
    ]
    studied = [(title, n) for _, title, n in p.sections if n]
    lines.append("Per section: " + ", ".join(f"{title} {_h(n / 60)}" for title, n in studied))
    return lines


def pace_json(p: Pace) -> dict:
    def finish(left: float, per_week: float | None) -> str | None:
        when = finish_date(left, per_week, p.today)
        return when.isoformat() if when else None

    goal = p.goal
    weekly_goal = goal.weekly_hours if goal else None
    data: dict = {
        "total_hours": round(p.total_minutes / 60, 2),
        "this_week_hours": round(p.this_week_minutes / 60, 2),
        "weekly_hours": [
            {"week": start.isoformat(), "hours": round(n / 60, 2)} for start, n in p.weekly
        ],
        "sections": [
            {"id": sid, "title": title, "hours": round(n / 60, 2)} for sid, title, n in p.sections
        ],
        "measured_hours_per_week": None if p.measured is None else round(p.measured, 2),
        "measured_weeks": p.measured_weeks,
        "core_hours_left": round(p.core_hours_left, 1),
        "all_hours_left": round(p.all_hours_left, 1),
        "goal": None if goal is None else goal.as_dict(),
        "finish": {
            "core_at_goal": finish(p.core_hours_left, weekly_goal),
            "all_at_goal": finish(p.all_hours_left, weekly_goal),
            "core_measured": finish(p.core_hours_left, p.measured),
            "all_measured": finish(p.all_hours_left, p.measured),
        },
        "needed_hours_per_week": None,
        "minutes_per_day": {day.isoformat(): n for day, n in sorted(p.per_day.items()) if n > 0},
    }
    if goal is not None and goal.by is not None:
        left = p.core_hours_left if goal.scope == "core" else p.all_hours_left
        need = needed_per_week(left, p.today, goal.by)
        data["needed_hours_per_week"] = None if need is None else round(need, 2)
    return data
