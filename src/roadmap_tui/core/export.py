"""Export progress as a Markdown checklist or JSON, and parse a JSON export back.

Pure core: no Textual import, no file access. The progress entries are any objects with
``status``, ``note``, ``started``, ``completed`` and ``changed`` (the store's TopicProgress).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any, NamedTuple

from roadmap_tui import __version__
from roadmap_tui.core.choices import Choices
from roadmap_tui.core.practice import (
    LinkError,
    TopicPractice,
    checklist,
    checklist_state,
    is_url,
    normalize_link,
)
from roadmap_tui.core.progress import TODO, to_utc
from roadmap_tui.core.review import LogError, Review, TopicReview, reviewed_times
from roadmap_tui.core.roadmap import Question, Roadmap
from roadmap_tui.core.stats import format_percent, plural, summary
from roadmap_tui.core.studytime import GOAL_SCOPES, Goal
from roadmap_tui.core.symbols import COMPLETE, STATUSES
from roadmap_tui.core.textsafe import clean, json_dumps

EXPORT_FORMAT = "roadmap-tui-export"
EXPORT_VERSION = 1


class ImportError_(Exception):
    """An export file could not be read; the message names the file and what is wrong."""


Progress = Mapping[str, Any]  # topic id -> entry (see the module docstring)


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if value else None


def to_markdown(
    roadmap: Roadmap,
    progress: Progress,
    reviews: Mapping[str, TopicReview] | None = None,
    practice: Mapping[str, TopicPractice] | None = None,
) -> str:
    """A checklist; a topic reviewed (or with own questions) says "N questions, reviewed M
    times" (N counts the roadmap's questions and the learner's own). Under a topic: its links
    to the learner's work and, for a project, its own checklist with the ticks."""
    reviews = reviews or {}
    practice = practice or {}

    choices = Choices.of_entries(roadmap, progress)
    overall = summary(roadmap, {tid: entry.status for tid, entry in progress.items()}, choices)
    lines = [
        f"# {clean(roadmap.title)}: progress",
        "",
        f"**{format_percent(overall.percent)} complete**: {overall.done} done, "
        f"{overall.in_progress} in progress, {overall.skipped} skipped, "
        f"{overall.todo} to do ({overall.total} topics).",
        "",
    ]
    for section, part in zip(roadmap.sections, overall.children, strict=True):
        lines += [f"## {clean(section.title)} ({part.complete}/{part.total})", ""]
        for topic in section.walk():
            if topic.is_section:
                continue
            entry = progress.get(topic.id) or TODO
            indent = "  " * (topic.depth - 1)
            box = "x" if entry.status in COMPLETE else " "
            title = _md_escape(topic.title)
            if entry.status == "skipped":
                title = f"~~{title}~~ (skipped)"
            elif entry.status == "in-progress":
                title = f"{title} (in progress)"
            if choices.is_out(topic.id):
                title = f"{title} (not chosen)"
            elif choices.pending(topic):
                title = f"{title} (choose {topic.choose} of {len(topic.children)})"
            review = reviews.get(topic.id)
            if review is not None and not review.is_empty:
                title = f"{title} ({_review_summary(len(topic.questions), review)})"
            lines.append(f"{indent}- [{box}] {title}")
            if entry.note.strip():
                for note_line in clean(entry.note).strip("\n").splitlines():
                    lines.append(f"{indent}  > {note_line}".rstrip())
            evidence = practice.get(topic.id)
            for link in evidence.links if evidence else ():
                lines.append(f"{indent}  - work: {_md_escape(link)}")
            for item, ticked in checklist_state(checklist(topic.description), evidence):
                lines.append(f"{indent}  - [{'x' if ticked else ' '}] {_md_escape(item.text)}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _review_summary(roadmap_questions: int, review: TopicReview) -> str:
    count = roadmap_questions + len(review.questions)
    return f"{plural(count, 'question')}, {reviewed_times(len(review.log))}"


def _md_escape(text: str) -> str:
    return clean(text).replace("[", "\\[").replace("]", "\\]")


def to_json(
    roadmap: Roadmap,
    progress: Progress,
    *,
    now: datetime | None = None,
    reviews: Mapping[str, TopicReview] | None = None,
    activity: Mapping[str, int] | None = None,
    time: Mapping[str, Mapping[str, int]] | None = None,
    goal: Goal | None = None,
    practice: Mapping[str, TopicPractice] | None = None,
) -> str:
    """The export: every topic's progress and, under ``review``, its review log and the
    learner's own questions (where it has either); ``activity`` ("YYYY-MM-DD" -> changes that
    day) goes with it, so an import keeps the heatmap and the streaks, and so does the study
    ``time`` (topic id -> {"YYYY-MM-DD": minutes}), under ``"time"`` when there is any, the
    ``goal`` (under ``"goal"``) and the ``practice`` evidence (topic id -> {"links": [...],
    "checked": [...]}, under ``"practice"``)."""
    now = now or datetime.now(UTC)
    reviews = reviews or {}
    titles = {topic.id: topic.title for topic in roadmap.topics()}
    # progress for topics this roadmap no longer has is exported too: nothing is dropped
    gone = sorted((set(progress) | set(reviews)) - set(titles))
    topics = [
        _entry_json(tid, titles.get(tid), progress.get(tid) or TODO, reviews.get(tid))
        for tid in [*titles, *gone]
    ]
    choices = Choices.of_entries(roadmap, progress)
    overall = summary(roadmap, {tid: entry.status for tid, entry in progress.items()}, choices)
    document = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "generator": f"roadmap-tui {__version__}",
        "exported": _iso(now),
        "roadmap": {"id": roadmap.id, "title": roadmap.title},
        "summary": overall.as_dict(),
        "choices": choices.summary(),
        "topics": topics,
        "activity": dict(sorted((activity or {}).items())),
    }
    if time:
        document["time"] = {tid: dict(sorted(time[tid].items())) for tid in sorted(time)}
    if goal is not None and not goal.is_empty:
        document["goal"] = goal.as_dict()
    kept = {tid: p for tid, p in (practice or {}).items() if p.links or p.checked}
    if kept:
        document["practice"] = {
            tid: {"links": list(kept[tid].links), "checked": list(kept[tid].checked)}
            for tid in sorted(kept)
        }
    return json_dumps(document) + "\n"


def _entry_json(
    topic_id: str, title: str | None, entry: Any, review: TopicReview | None = None
) -> dict:
    data = {
        "id": topic_id,
        "title": title,
        "status": entry.status,
        "note": entry.note,
        "started": _iso(entry.started),
        "completed": _iso(entry.completed),
        "changed": _iso(entry.changed),
    }
    chosen = getattr(entry, "chosen", None)
    if chosen is not None:  # an explicit pick of an option of a pick-one choice
        data["chosen"] = chosen
    if review is not None and not review.is_empty:
        data["review"] = {
            "log": [str(r) for r in review.log],
            "questions": [{"id": q.id, "q": q.q, "a": q.a} for q in review.questions],
        }
    return data


def _parse_time(value: object, where: str) -> datetime | None:
    """An aware UTC datetime, or None."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ImportError_(f"{where}: expected a date string, got {_short(value)}")
    try:
        return to_utc(datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        raise ImportError_(f"{where}: {_short(value)} is not an ISO date and time") from None
    except OverflowError:
        raise ImportError_(f"{where}: {value!r} is out of range in UTC") from None


def _short(value: object) -> str:
    """``repr(value)`` cut to one readable length (a value from the file can be huge)."""
    text = repr(value) if not isinstance(value, int) or abs(value) < 10**20 else "a huge integer"
    return text if len(text) <= 60 else text[:57] + "..."


def _text_problem(value: str) -> str | None:
    """Why ``value`` cannot be saved as text (a lone surrogate is not UTF-8), or None."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "is not valid Unicode text (a lone surrogate)"
    return None


_LONG_INT = re.compile(r"[0-9]{4300,}")


def parse_json_activity(text: str, path: str) -> dict[str, int]:
    """The activity of an export that :func:`parse_json_export` read ({} when it has none):
    "YYYY-MM-DD" -> count. Raises ImportError_ naming the day that is wrong."""
    activity = json.loads(text).get("activity")
    if activity is None:
        return {}
    if not isinstance(activity, dict):
        raise ImportError_(f"{path}: key 'activity': expected an object of day: count")
    return _per_day(activity, f"{path}: activity", "a count")


def parse_json_time(text: str, path: str) -> dict[str, dict[str, int]]:
    """The study time of an export ({} when it has none): topic id -> {"YYYY-MM-DD":
    minutes}. Raises ImportError_ naming the topic and day that are wrong."""
    time = json.loads(text).get("time")
    if time is None:
        return {}
    if not isinstance(time, dict):
        raise ImportError_(f"{path}: key 'time': expected an object of topic: {{day: minutes}}")
    result: dict[str, dict[str, int]] = {}
    for tid, days in time.items():
        if not tid or not isinstance(days, dict):
            raise ImportError_(f"{path}: time {_short(tid)}: expected an object of day: minutes")
        if minutes := _per_day(days, f"{path}: time {_short(tid)}", "minutes"):
            result[tid] = minutes
    return result


def _per_day(days: dict, where: str, unit: str) -> dict[str, int]:
    """The days with a number above 0 of an object of "YYYY-MM-DD": whole number >= 0."""
    result: dict[str, int] = {}
    for day, count in days.items():
        try:
            date.fromisoformat(day)
        except ValueError:
            raise ImportError_(f"{where}: {_short(day)} is not a date") from None
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ImportError_(f"{where} {day}: expected {unit} >= 0, got {_short(count)}")
        if count:
            result[day] = count
    return result


def parse_json_goal(text: str, path: str) -> Goal | None:
    """The goal of an export (None when it has none). Raises ImportError_."""
    goal = json.loads(text).get("goal")
    if goal is None:
        return None
    where = f"{path}: goal"
    if not isinstance(goal, dict):
        raise ImportError_(f"{where}: expected an object with weekly_hours, by and scope")
    hours = goal.get("weekly_hours")
    if hours is not None and (
        isinstance(hours, bool) or not isinstance(hours, int | float) or not 0 < hours <= 168
    ):
        raise ImportError_(f"{where}: weekly_hours must be hours from 0 to 168, not {hours!r}")
    by = goal.get("by")
    if by is not None:
        try:
            by = date.fromisoformat(by) if isinstance(by, str) else None
        except ValueError:
            by = None
        if by is None:
            raise ImportError_(
                f"{where}: by must be a date like 2027-06-30, not {_short(goal['by'])}"
            )
    scope = goal.get("scope", "core")
    if scope not in GOAL_SCOPES:
        raise ImportError_(f"{where}: scope must be core or all, not {_short(scope)}")
    found = Goal(None if hours is None else float(hours), by, scope)
    return None if found.is_empty else found


def parse_json_practice(text: str, path: str) -> dict[str, TopicPractice]:
    """The practice evidence of an export ({} when it has none): topic id -> its links (http(s)
    URLs and absolute paths) and ticked checklist keys. Raises ImportError_."""
    practice = json.loads(text).get("practice")
    if practice is None:
        return {}
    if not isinstance(practice, dict):
        raise ImportError_(
            f"{path}: key 'practice': expected an object of topic: {{links, checked}}"
        )
    result = {}
    for tid, value in practice.items():
        where = f"{path}: practice {_short(tid)}"
        if not tid or not isinstance(value, dict):
            raise ImportError_(f"{where}: expected an object with links and checked")
        lists = []
        for name in ("links", "checked"):
            raw = value.get(name, [])
            if not isinstance(raw, list) or not all(isinstance(v, str) and v for v in raw):
                raise ImportError_(f"{where}: {name} must be a list of non-empty strings")
            for item in raw:
                if problem := _text_problem(item):
                    raise ImportError_(f"{where}: {name} {_short(item)}: {problem}")
            lists.append(tuple(dict.fromkeys(raw)))
        for link in lists[0]:
            try:
                # an exported link is kept as it was: an http(s) URL or an absolute path
                if not is_url(link) and not os.path.isabs(link):
                    raise LinkError("not an http(s) URL or an absolute path")
                normalize_link(link)
            except LinkError as exc:
                raise ImportError_(f"{where}: link {_short(link)}: {exc}") from None
        result[tid] = TopicPractice(lists[0], lists[1])
    return result


class ParsedExport(NamedTuple):
    roadmap_id: str  # "" when the export does not say
    entries: dict[str, dict[str, Any]]  # topic id -> the fields of its progress entry
    reviews: dict[str, TopicReview]  # topic id -> its review log and own questions


def parse_json_export(text: str, path: str) -> ParsedExport:
    """Parse an export made by ``to_json`` (``path`` names it in messages): the roadmap id and,
    by topic id, the fields of its progress entry (status, note, started, completed, changed,
    and chosen when the export has it; dates in UTC, none later than the export's ``exported``
    time) and, by topic id, its review (log and own questions; a rating dated after the
    export is taken at its time). Raises ImportError_."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportError_(
            f"{path}:{exc.lineno}: not valid JSON: {exc.msg} (column {exc.colno})"
        ) from None
    except ValueError:  # an integer over Python's 4300-digit conversion limit
        m = _LONG_INT.search(text)
        line = f":{text.count(chr(10), 0, m.start()) + 1}" if m else ""
        raise ImportError_(
            f"{path}{line}: not valid JSON: an integer of over 4300 digits"
        ) from None
    except RecursionError:
        raise ImportError_(f"{path}: not valid JSON: arrays or objects nested too deeply") from None
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise ImportError_(
            f'{path}: not a roadmap-tui JSON export (expected "format": "{EXPORT_FORMAT}"; '
            "make one with `roadmap-tui export --format json`)"
        )
    # no entry can have changed after the export was made: a later date comes from a wrong
    # clock, and would win over every local change made after this import, again and again
    try:
        latest = _parse_time(document.get("exported"), f"{path}: exported")
    except ImportError_:
        latest = None
    roadmap = document.get("roadmap")
    roadmap_id = roadmap.get("id") if isinstance(roadmap, dict) else None
    topics = document.get("topics")
    if not isinstance(topics, list):
        raise ImportError_(f"{path}: key 'topics': expected a list")
    entries: dict[str, dict[str, Any]] = {}
    reviews: dict[str, TopicReview] = {}
    for n, item in enumerate(topics):
        where = f"{path}: topics[{n}]"
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"]:
            raise ImportError_(f"{where}: expected an object with a non-empty string 'id'")
        if problem := _text_problem(item["id"]):
            raise ImportError_(f"{where} ({item['id']!r}): the id {problem}")
        where = f"{where} ({item['id']})"
        status = item.get("status", "todo")
        if not isinstance(status, str) or status not in STATUSES:
            raise ImportError_(
                f"{where}: status {_short(status)} is not one of {', '.join(STATUSES)}"
            )
        note = item.get("note") or ""
        if not isinstance(note, str):
            raise ImportError_(f"{where}: 'note' must be a string")
        if problem := _text_problem(note):
            raise ImportError_(f"{where}: the note {problem}")
        entry: dict[str, Any] = {"status": status, "note": note}
        chosen = item.get("chosen")
        if chosen is not None and not isinstance(chosen, bool):
            raise ImportError_(f"{where}: 'chosen' must be true, false or null")
        if chosen is not None:
            entry["chosen"] = chosen
        for name in ("started", "completed", "changed"):
            when = _parse_time(item.get(name), f"{where}: {name}")
            entry[name] = min(when, latest) if when and latest else when
        entries[item["id"]] = entry
        if item.get("review") is not None:
            review = _parse_review(item["review"], where, latest)
            if not review.is_empty:
                reviews[item["id"]] = review
    return ParsedExport(roadmap_id if isinstance(roadmap_id, str) else "", entries, reviews)


def _parse_review(value: object, where: str, latest: datetime | None) -> TopicReview:
    """A topic's ``review``: {"log": ["<date-time> <rating>[ practice]", ...], "questions":
    [{"id", "q", "a"}, ...]}."""
    if not isinstance(value, dict):
        raise ImportError_(f"{where}: 'review' must be an object with 'log' and 'questions'")
    raw_log = value.get("log") or []
    raw_questions = value.get("questions") or []
    if not isinstance(raw_log, list):
        raise ImportError_(f"{where}: review 'log' must be a list of strings")
    if not isinstance(raw_questions, list):
        raise ImportError_(f"{where}: review 'questions' must be a list of objects")
    log = []
    for n, line in enumerate(raw_log):
        if not isinstance(line, str):
            raise ImportError_(f"{where}: review log[{n}]: expected a string, got {_short(line)}")
        try:
            review = Review.parse(line)
        except LogError as exc:
            raise ImportError_(f"{where}: review log[{n}]: {exc}") from None
        if latest is not None and review.when > latest:
            review = Review(latest, review.rating, review.practice)
        log.append(review)
    questions = []
    for n, item in enumerate(raw_questions):
        at = f"{where}: review questions[{n}]"
        if not isinstance(item, dict):
            raise ImportError_(f"{at}: expected an object with 'id', 'q' and 'a'")
        values = [item.get(key) for key in ("id", "q", "a")]
        if not all(isinstance(v, str) for v in values) or not values[0] or not values[1].strip():
            raise ImportError_(f"{at}: 'id', 'q' and 'a' must be strings ('id' and 'q' not empty)")
        for v in values:
            if problem := _text_problem(v):
                raise ImportError_(f"{at}: the text {problem}")
        questions.append(Question(values[1], values[2], values[0]))
    return TopicReview(tuple(sorted(set(log), key=lambda r: (r.when, r.rating))), tuple(questions))
