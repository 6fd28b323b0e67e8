"""Study time: minutes per topic and day, the study timer and the weekly goal. Pure: no files,
no clock of its own (every function takes the time it needs), no Textual or rich.

Time is kept as ``{topic id: {"YYYY-MM-DD": minutes}}`` on the learner's local days. A timer
that runs across midnight gives each day the minutes that fell on it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

# a timer running longer than this is not taken as study without asking
LONG_TIMER_MINUTES = 180
# one log entry is at most a day of study
MAX_LOG_MINUTES = 24 * 60
GOAL_SCOPES = ("core", "all")


@dataclass(frozen=True, slots=True)
class Timer:
    """A running study timer: the topic and when it started (aware UTC); ``extra`` holds the
    unknown keys of its table (not compared)."""

    topic: str
    started: datetime
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def minutes(self, now: datetime) -> int:
        """Whole minutes run by ``now`` (0 for a start in the future: a clock that was wrong)."""
        return max(0, int((now - self.started).total_seconds() // 60))


@dataclass(frozen=True, slots=True)
class Goal:
    """A roadmap's goal: hours a week (None: no weekly goal), and a target date for the core
    path or for everything (``scope``); ``extra`` as a Timer's."""

    weekly_hours: float | None = None
    by: date | None = None
    scope: str = "core"
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)

    @property
    def is_empty(self) -> bool:
        return self.weekly_hours is None and self.by is None and not self.extra

    def as_dict(self) -> dict:
        """As `export` and `goal --json` write it."""
        by = self.by.isoformat() if self.by else None
        return {"weekly_hours": self.weekly_hours, "by": by, "scope": self.scope}


_DURATION = re.compile(
    r"(?:(?P<h>\d+(?:\.\d+)?)\s*h)?\s*(?:(?P<m>\d+(?:\.\d+)?)\s*m(?:in)?)?", re.IGNORECASE
)


def parse_duration(text: str) -> int:
    """Minutes in ``45m``, ``1h30m``, ``1.5h``, ``2h``, ``90min``; ValueError saying what is
    wrong otherwise (no unit, zero, more than a day)."""
    s = text.strip()
    m = _DURATION.fullmatch(s)
    if not s or m is None or not (m.group("h") or m.group("m")):
        hint = "; add a unit" if re.fullmatch(r"\d+(\.\d+)?", s) else ""
        raise ValueError(f"invalid duration {text!r}{hint} (like 45m, 1h30m or 1.5h)")
    minutes = float(m.group("h") or 0) * 60 + float(m.group("m") or 0)
    total = round(minutes)
    if total <= 0:
        raise ValueError(f"invalid duration {text!r}: must be at least a minute")
    if total > MAX_LOG_MINUTES:
        raise ValueError(f"invalid duration {text!r}: at most 24h at a time")
    return total


def parse_hours(text: str) -> float:
    """Weekly hours: ``6``, ``6h``, ``7.5h``, ``90m`` (ValueError otherwise)."""
    s = text.strip()
    try:
        hours = float(s)
    except ValueError:
        try:
            hours = parse_duration(s) / 60
        except ValueError:
            raise ValueError(f"invalid weekly goal {text!r} (like 6h, 7.5h or 90m)") from None
    if not 0 < hours <= 168:
        raise ValueError(f"invalid weekly goal {text!r}: from a minute to 168 h a week")
    return round(hours, 2)


def format_minutes(minutes: float) -> str:
    """``45 min`` under an hour, else hours to a tenth: ``1.5 h``, ``6 h``."""
    if minutes < 60:
        return f"{round(minutes)} min"
    return f"{round(minutes / 60, 1):g} h"


def spent_text(minutes: int, hours: float) -> str:
    """Study time against the estimate: ``4.5 h of ~6 h`` (no estimate: ``45 min studied``)."""
    if hours:
        return f"{format_minutes(minutes)} of ~{hours:g} h"
    return f"{format_minutes(minutes)} studied"


def format_hours(minutes: float) -> str:
    """Hours to a tenth, without the unit: ``4.5``, ``6``, ``0.3``."""
    return f"{round(minutes / 60, 1):g}"


def split_minutes(
    start: datetime, end: datetime, minutes: int | None = None
) -> list[tuple[str, int]]:
    """The minutes of ``start``..``end`` per local day ("YYYY-MM-DD", minutes), each day the
    minutes that fell on it. ``minutes`` (fewer than the span: the learner said only part of it
    was study) is spread over the days in the same proportions. Days with no minute are left
    out."""
    start, end = start.astimezone(), end.astimezone()
    if end <= start:
        return []
    spans: list[tuple[str, float]] = []
    at = start
    while at < end:
        midnight = datetime.combine(at.date() + timedelta(days=1), datetime.min.time(), at.tzinfo)
        stop = min(end, midnight.astimezone())
        spans.append((at.date().isoformat(), (stop - at).total_seconds() / 60))
        at = stop
    total = sum(length for _, length in spans)
    wanted = int(total) if minutes is None else minutes
    # whole minutes per day that add up to ``wanted`` (largest remainders get the spare ones)
    shares = [(day, length * wanted / total) for day, length in spans]
    floors = [(day, math.floor(share)) for day, share in shares]
    spare = wanted - sum(n for _, n in floors)
    order = sorted(range(len(shares)), key=lambda i: -(shares[i][1] - floors[i][1]))
    result = dict(floors)
    for i in order[:spare]:
        result[shares[i][0]] += 1
    return [(day, n) for day, n in result.items() if n > 0]


def topic_minutes(time: Mapping[str, Mapping[str, int]], topic_id: str) -> int:
    return sum(time.get(topic_id, {}).values())


def subtree_minutes(time: Mapping[str, Mapping[str, int]], topic_id: str) -> int:
    """Minutes logged on the topic and on every topic under it (a section: its topics)."""
    prefix = topic_id + "/"
    return sum(
        sum(days.values())
        for tid, days in time.items()
        if tid == topic_id or tid.startswith(prefix)
    )


def minutes_by_day(time: Mapping[str, Mapping[str, int]]) -> dict[date, int]:
    """Minutes studied per day, over every topic (malformed days are ignored)."""
    days: dict[date, int] = {}
    for per_day in time.values():
        for key, minutes in per_day.items():
            try:
                day = date.fromisoformat(key)
            except ValueError:
                continue
            days[day] = days.get(day, 0) + minutes
    return days


def week_start(day: date, first_weekday: int = 0) -> date:
    """The first day of ``day``'s week; ``first_weekday`` as ``date.weekday()`` counts it
    (Monday 0 .. Sunday 6; config.toml's ``week_start``)."""
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def minutes_in_week(
    time: Mapping[str, Mapping[str, int]], today: date, first_weekday: int = 0
) -> int:
    """Minutes studied in the week of ``today`` (up to today)."""
    first = week_start(today, first_weekday)
    return sum(n for day, n in minutes_by_day(time).items() if first <= day <= today)


def weekly_totals(
    amounts: Iterable[tuple[date, int]], today: date, weeks: int, first_weekday: int = 0
) -> list[tuple[date, int]]:
    """(first day, total up to today) for the ``weeks`` weeks ending with today's, oldest first."""
    this_week = week_start(today, first_weekday)
    totals = {this_week - timedelta(weeks=weeks - 1 - i): 0 for i in range(weeks)}
    for day, n in amounts:
        start = week_start(day, first_weekday)
        if day <= today and start in totals:
            totals[start] += n
    return list(totals.items())


def weekly_minutes(
    time: Mapping[str, Mapping[str, int]], today: date, weeks: int, first_weekday: int = 0
) -> list[tuple[date, int]]:
    """(first day, minutes) for the ``weeks`` weeks ending with today's, oldest first."""
    return weekly_totals(minutes_by_day(time).items(), today, weeks, first_weekday)


def effective_goal(stored: Goal | None, default_hours: float | None) -> tuple[Goal | None, str]:
    """The goal in force and where its weekly hours come from: the progress file's goal wins;
    without weekly hours there, ``default_hours`` (config.toml's ``weekly_goal``) fills them.
    The source is ``"progress"``, ``"config"`` or ``"none"``."""
    if stored is not None and stored.weekly_hours is not None:
        return stored, "progress"
    if default_hours is None:
        return stored, "progress" if stored is not None and not stored.is_empty else "none"
    base = stored or Goal()
    return Goal(default_hours, base.by, base.scope, base.extra), "config"


def section_minutes(
    time: Mapping[str, Mapping[str, int]], section_ids: Iterable[str]
) -> dict[str, int]:
    """Minutes per section (a topic counts in the section its id starts with)."""
    totals = dict.fromkeys(section_ids, 0)
    for topic_id, per_day in time.items():
        section = topic_id.split("/", 1)[0]
        if section in totals:
            totals[section] += sum(per_day.values())
    return totals


def carry_time(
    time: Mapping[str, Mapping[str, int]], renamed: Mapping[str, str]
) -> dict[str, dict[str, int]]:
    """``time`` with the minutes kept under former ids (``renamed``: old -> current id) added to
    the current topics' (the old entries are read, not moved)."""
    result = {tid: dict(days) for tid, days in time.items() if tid not in renamed}
    for old, new in renamed.items():
        for day, minutes in time.get(old, {}).items():
            per_day = result.setdefault(new, {})
            per_day[day] = per_day.get(day, 0) + minutes
    return result
