"""Reading a parsed progress file (the TOML data) into the progress model, checking its shape
at every key: a value of the wrong shape is a :class:`Shape` error naming its key path."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from typing import Any

from roadmap_tui.core.practice import TopicPractice
from roadmap_tui.core.progress import (
    DATE_FIELDS,
    SCHEMA_VERSION,
    STATUSES,
    Document,
    RoadmapProgress,
    TopicProgress,
    to_utc,
)
from roadmap_tui.core.review import LogError, Question, Review, TopicReview
from roadmap_tui.core.studytime import GOAL_SCOPES, Goal, Timer

# the schedule written beside a review log for readers; recomputed, never read back
SCHEDULE_KEYS = ("due", "last_review", "stability", "difficulty", "state")


class Shape(Exception):
    """A value of the wrong type or range at ``keypath``."""

    def __init__(self, keypath: list[str], problem: str) -> None:
        super().__init__(problem)
        self.keypath, self.problem = keypath, problem


def _typename(v: object) -> str:
    names = [
        (bool, "a boolean"),
        (int, "an integer"),
        (float, "a float"),
        (str, "a string"),
        (datetime, "a date-time"),
        (dict, "a table"),
        (list, "an array"),
    ]
    return next((name for kind, name in names if isinstance(v, kind)), f"a {type(v).__name__}")


def _table(keypath: list[str], value: object) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise Shape(keypath, f"must be a table, not {_typename(value)}")
    return dict(value)


def _topic(keypath: list[str], value: object) -> TopicProgress:
    t = _table(keypath, value)
    status = t.pop("status", "todo")
    if not isinstance(status, str) or status not in STATUSES:
        raise Shape([*keypath, "status"], f"must be one of {', '.join(STATUSES)}, not {status!r}")
    note = t.pop("note", "")
    if not isinstance(note, str):
        raise Shape([*keypath, "note"], f"must be a string, not {_typename(note)}")
    chosen = t.pop("chosen", None)
    if chosen is not None and not isinstance(chosen, bool):
        raise Shape([*keypath, "chosen"], f"must be true or false, not {_typename(chosen)}")
    dates: list[datetime | None] = []
    for name in DATE_FIELDS:
        v = t.pop(name, None)
        if v is not None and not isinstance(v, datetime):
            raise Shape([*keypath, name], f"must be a date-time, not {_typename(v)}")
        try:
            dates.append(to_utc(v) if v is not None else None)
        except OverflowError:
            raise Shape([*keypath, name], f"is out of range in UTC: {v.isoformat()}") from None
    return TopicProgress(status, note, *dates, t, chosen)


def _review(keypath: list[str], value: object) -> TopicReview:
    t = _table(keypath, value)
    raw_log = t.pop("log", [])
    if not isinstance(raw_log, list):
        raise Shape([*keypath, "log"], f"must be an array of strings, not {_typename(raw_log)}")
    log = []
    for n, item in enumerate(raw_log):
        if not isinstance(item, str):
            raise Shape([*keypath, "log"], f"entry {n + 1} must be a string, not {_typename(item)}")
        try:
            log.append(Review.parse(item))
        except LogError as e:
            raise Shape([*keypath, "log"], f"entry {n + 1}: {e}") from None
    raw_questions = t.pop("questions", [])
    where = [*keypath, "questions"]
    if not isinstance(raw_questions, list):
        raise Shape(where, f"must be an array of tables, not {_typename(raw_questions)}")
    questions = []
    for n, item in enumerate(raw_questions):
        if not isinstance(item, dict):
            raise Shape(where, f"entry {n + 1} must be a table with id, q and a")
        values = [item.get(k) for k in ("id", "q", "a")]
        if not all(isinstance(v, str) for v in values) or not values[0] or not values[1].strip():
            raise Shape(where, f"entry {n + 1} needs a non-empty id and q, and a text a")
        questions.append(Question(values[1], values[2], values[0]))
    for key in SCHEDULE_KEYS:
        t.pop(key, None)
    return TopicReview(tuple(sorted(log, key=lambda r: r.when)), tuple(questions), t)


def _practice(keypath: list[str], value: object) -> TopicPractice:
    t = _table(keypath, value)
    lists = []
    for name in ("links", "checked"):
        raw = t.pop(name, [])
        where = [*keypath, name]
        if not isinstance(raw, list):
            raise Shape(where, f"must be an array of strings, not {_typename(raw)}")
        for n, item in enumerate(raw):
            if not isinstance(item, str):
                raise Shape(where, f"entry {n + 1} must be a string, not {_typename(item)}")
            if not item:
                raise Shape(where, f"entry {n + 1} is empty")
        lists.append(tuple(dict.fromkeys(raw)))
    return TopicPractice(lists[0], lists[1], t)


def _each(
    keypath: list[str], table: dict[str, Any], read: Callable[[list[str], Any], Any], strict: bool
) -> dict[str, Any]:
    """Each entry of ``table`` read by ``read(keypath + [key], entry)``; not ``strict`` (a
    newer schema): an entry that does not fit is skipped."""
    entries = {}
    for key, entry in table.items():
        try:
            entries[key] = read([*keypath, key], entry)
        except Shape:
            if strict:
                raise
    return entries


def _count(keypath: list[str], count: object) -> int:
    if type(count) is not int or count < 0:
        raise Shape(keypath, f"must be a count >= 0, not {count!r}")
    return count


def _roadmap(keypath: list[str], value: object, strict: bool) -> RoadmapProgress:
    """One roadmap's table; not ``strict`` (a newer schema): skip what does not fit."""
    rm = _table(keypath, value)
    topics_raw = _table([*keypath, "topics"], rm.pop("topics", {}))
    activity_raw = _table([*keypath, "activity"], rm.pop("activity", {}))
    reviews_raw = _table([*keypath, "review"], rm.pop("review", {}))
    practice_raw = _table([*keypath, "practice"], rm.pop("practice", {}))
    practice = _each([*keypath, "practice"], practice_raw, _practice, strict)
    time, timer, goal = _study(keypath, rm, strict)
    reviews = _each([*keypath, "review"], reviews_raw, _review, strict)
    topics = _each([*keypath, "topics"], topics_raw, _topic, strict)
    activity = _each([*keypath, "activity"], activity_raw, _count, strict)
    return RoadmapProgress(
        _non_empty(topics), activity, rm, reviews, _non_empty(practice), time, timer, goal
    )


def _non_empty(entries: dict[str, Any]) -> dict[str, Any]:
    return {key: entry for key, entry in entries.items() if not entry.is_empty}


def _study(
    keypath: list[str], rm: dict[str, Any], strict: bool
) -> tuple[dict[str, dict[str, int]], Timer | None, Goal | None]:
    """The time, timer and goal tables of a roadmap (popped from ``rm``); not ``strict``: what
    does not fit is skipped."""
    time_raw = _table([*keypath, "time"], rm.pop("time", {}))
    time = _each([*keypath, "time"], time_raw, _days, strict)
    timer = goal = None
    if "timer" in rm:
        timer = _each(keypath, {"timer": rm.pop("timer")}, _timer, strict).get("timer")
    if "goal" in rm:
        goal = _each(keypath, {"goal": rm.pop("goal")}, _goal, strict).get("goal")
    return {tid: days for tid, days in time.items() if days}, timer, goal


def _days(keypath: list[str], value: object) -> dict[str, int]:
    """One topic's time table: day -> minutes."""
    days: dict[str, int] = {}
    for day, minutes in _table(keypath, value).items():
        _check_day([*keypath, day], day)
        if type(minutes) is not int or minutes < 0:
            raise Shape([*keypath, day], f"must be minutes >= 0, not {minutes!r}")
        days[day] = minutes
    return days


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _check_day(keypath: list[str], day: str) -> None:
    """A key of a time table: a calendar day, YYYY-MM-DD (not the other ISO forms)."""
    try:
        date.fromisoformat(day)
    except ValueError:
        raise Shape(keypath, "must be a day like 2026-12-01") from None
    if not _DAY.fullmatch(day):
        raise Shape(keypath, "must be a day like 2026-12-01")


def _timer(keypath: list[str], value: object) -> Timer:
    t = _table(keypath, value)
    topic = t.pop("topic", None)
    if not isinstance(topic, str) or not topic:
        raise Shape([*keypath, "topic"], f"must be a topic id, not {_typename(topic)}")
    started = t.pop("started", None)
    if not isinstance(started, datetime):
        raise Shape([*keypath, "started"], f"must be a date-time, not {_typename(started)}")
    try:
        when = to_utc(started)
    except OverflowError:
        raise Shape([*keypath, "started"], "is out of range in UTC") from None
    return Timer(topic, when, t)


def _goal(keypath: list[str], value: object) -> Goal:
    t = _table(keypath, value)
    hours = t.pop("weekly_hours", None)
    if hours is not None and (
        isinstance(hours, bool) or not isinstance(hours, int | float) or not 0 < hours <= 168
    ):
        raise Shape([*keypath, "weekly_hours"], f"must be hours from 0 to 168, not {hours!r}")
    by = t.pop("by", None)
    if by is not None and (isinstance(by, datetime) or not isinstance(by, date)):
        raise Shape([*keypath, "by"], f"must be a date like 2027-06-30, not {_typename(by)}")
    scope = t.pop("scope", "core")
    if scope not in GOAL_SCOPES:
        raise Shape([*keypath, "scope"], f"must be one of {', '.join(GOAL_SCOPES)}, not {scope!r}")
    return Goal(None if hours is None else float(hours), by, scope, t)


def document(data: dict[str, Any]) -> Document:
    data = dict(data)
    schema = data.pop("schema", SCHEMA_VERSION)
    if type(schema) is not int or schema < 1:
        raise Shape(["schema"], f"must be a positive integer, not {schema!r}")
    strict = schema <= SCHEMA_VERSION  # a newer file is read as well as we can, never written
    roadmaps_raw = data.pop("roadmaps", {})
    if not isinstance(roadmaps_raw, dict):
        if strict:
            raise Shape(["roadmaps"], f"must be a table, not {_typename(roadmaps_raw)}")
        roadmaps_raw = {}
    roadmaps = _each(["roadmaps"], roadmaps_raw, partial(_roadmap, strict=strict), strict)
    return Document(schema, data, roadmaps)


# ---- locating a key in the text (for shape errors; the TOML parser gives no positions) ----
