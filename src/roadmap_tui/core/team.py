"""A study group's progress side by side: each member's progress per section, streak and
this week's activity, computed from their progress documents alone (read-only). Pure."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from roadmap_tui.core.choices import Choices
from roadmap_tui.core.history import parse_activity, streaks
from roadmap_tui.core.progress import Document, carry_over
from roadmap_tui.core.roadmap import Roadmap
from roadmap_tui.core.stats import summary
from roadmap_tui.core.studytime import week_start


@dataclass(frozen=True, slots=True)
class Member:
    """One member's figures for the roadmap."""

    name: str
    percent: float
    complete: int  # topics done or skipped
    total: int
    in_progress: int
    streak: int  # days in a row with activity, up to today (or yesterday)
    longest: int
    week: int  # changes this week (its first day to today)
    completed_week: int  # topics completed this week
    sections: dict[str, float] = field(default_factory=dict)  # section id -> percent

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "percent": round(self.percent, 1),
            "complete": self.complete,
            "total": self.total,
            "in_progress": self.in_progress,
            "streak": self.streak,
            "longest_streak": self.longest,
            "week_changes": self.week,
            "week_completed": self.completed_week,
            "sections": {sid: round(p, 1) for sid, p in self.sections.items()},
        }


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A file of the folder that is not shown, and why."""

    name: str
    reason: str

    def as_dict(self) -> dict:
        return {"name": self.name, "reason": self.reason}


def member_of(
    name: str, doc: Document, roadmap: Roadmap, today: date, first_weekday: int = 0
) -> Member | Unreadable:
    """The member's figures, or why there are none (no progress for this roadmap). Weeks start
    on ``first_weekday`` (0 = Monday)."""
    progress = doc.roadmaps.get(roadmap.id)
    if progress is None:
        others = ", ".join(sorted(doc.roadmaps)) or "none"
        return Unreadable(name, f"no progress for roadmap {roadmap.id!r} (theirs: {others})")
    topics = carry_over(progress.topics, roadmap.renamed) if roadmap.renamed else progress.topics
    statuses = {tid: entry.status for tid, entry in topics.items()}
    overall = summary(roadmap, statuses, Choices.of_entries(roadmap, topics))
    activity = parse_activity(progress.activity)
    current, longest = streaks(set(activity), today)
    first = week_start(today, first_weekday)
    week = sum(n for d, n in activity.items() if first <= d <= today)
    completed_week = sum(
        1
        for topic_id, entry in topics.items()
        if entry.completed is not None
        and entry.is_complete
        and topic_id in roadmap  # not a topic an older version of the roadmap had
        and first <= entry.completed.astimezone().date() <= today
    )
    return Member(
        name=name,
        percent=overall.percent,
        complete=overall.complete,
        total=overall.total,
        in_progress=overall.in_progress,
        streak=current,
        longest=longest,
        week=week,
        completed_week=completed_week,
        sections={part.id: part.percent for part in overall.children},
    )
