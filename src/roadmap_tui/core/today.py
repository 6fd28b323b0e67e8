"""Today: what to do now -- the reviews due, the next topic and why, the week against the goal,
a running timer and the streak. Pure: the caller gives what it already has (the same things
`next` computes, plus the study time and the activity), and a fixed ``now``."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import NamedTuple

from roadmap_tui.core.history import parse_activity, streaks
from roadmap_tui.core.stats import plural
from roadmap_tui.core.studytime import (
    LONG_TIMER_MINUTES,
    Goal,
    Timer,
    format_minutes,
    minutes_in_week,
)


class Today(NamedTuple):
    due: int  # topics due for review
    relearn: list[str]  # titles of the topics that need relearning
    next_id: str | None
    next_title: str
    next_reason: str
    week_minutes: int
    goal: Goal | None
    timer: Timer | None
    timer_title: str
    timer_minutes: int
    streak: int
    longest: int

    @property
    def long_timer(self) -> bool:
        return self.timer is not None and self.timer_minutes > LONG_TIMER_MINUTES

    @property
    def worth_showing(self) -> bool:
        """Something needs the learner now: reviews due, or a running timer."""
        return self.due > 0 or self.timer is not None


def today(
    *,
    due: int,
    relearn: list[str],
    upcoming: tuple[str, str, str] | None,
    time: Mapping[str, Mapping[str, int]],
    goal: Goal | None,
    timer: Timer | None,
    timer_title: str,
    activity: Mapping[str, int],
    now: datetime,
    first_weekday: int = 0,
) -> Today:
    """``upcoming``: (id, title, reason) of the next topic, or None when nothing is left;
    ``first_weekday``: the day weeks start on (Monday 0 .. Sunday 6)."""
    day = now.astimezone().date()
    current, longest = streaks(set(parse_activity(activity)), day)
    next_id, next_title, next_reason = upcoming or (None, "", "")
    return Today(
        due=due,
        relearn=relearn,
        next_id=next_id,
        next_title=next_title,
        next_reason=next_reason,
        week_minutes=minutes_in_week(time, day, first_weekday),
        goal=goal,
        timer=timer,
        timer_title=timer_title,
        timer_minutes=timer.minutes(now) if timer else 0,
        streak=current,
        longest=longest,
    )


def today_lines(t: Today, *, app: bool = False) -> list[str]:
    """The Today view as plain lines; ``app``: name the app's keys, else the commands."""
    lines = []
    if t.timer is not None:
        running = f"Timer: {t.timer_title}, {format_minutes(t.timer_minutes)} so far"
        if t.long_timer:
            if app:
                running += "; left running? T stops it and asks how much was study"
            else:
                running += "; left running? say how much was study: `timer stop --minutes N`"
        else:
            running += "; T stops it" if app else "; `roadmap-tui timer stop` logs it"
        lines.append(running + ".")
    if t.due:
        topics = "topic is" if t.due == 1 else "topics are"
        how = "R reviews them" if app else "`roadmap-tui review`"
        lines.append(f"Reviews: {t.due} {topics} due; {how}.")
    else:
        lines.append("Reviews: none due.")
    if t.relearn:
        lines.append(f"Needs relearning: {', '.join(t.relearn)}.")
    if t.next_id is None:
        lines.append("Next: nothing left, every topic is done or skipped.")
    else:
        lines.append(f"Next: {t.next_title} ({t.next_id}); why: {t.next_reason}.")
    hours = t.week_minutes / 60
    if t.goal is None or t.goal.weekly_hours is None:
        how = "the palette's goal entry" if app else "`roadmap-tui goal 6h`"
        lines.append(f"This week: {hours:.1f} h studied; no weekly goal ({how} sets one).")
    else:
        left = t.goal.weekly_hours - hours
        tail = f"{left:.1f} h to go" if left > 0 else "goal met"
        lines.append(f"This week: {hours:.1f} / {t.goal.weekly_hours:g} h, {tail}.")
    days = plural(t.streak, "day")
    lines.append(f"Streak: {days} now, longest {t.longest}.")
    return lines


def today_json(t: Today) -> dict:
    return {
        "reviews_due": t.due,
        "needs_relearning": t.relearn,
        "next": None
        if t.next_id is None
        else {"id": t.next_id, "title": t.next_title, "reason": t.next_reason},
        "week": {
            "hours": round(t.week_minutes / 60, 2),
            "goal_hours": t.goal.weekly_hours if t.goal else None,
            "left_hours": None
            if t.goal is None or t.goal.weekly_hours is None
            else round(max(0.0, t.goal.weekly_hours - t.week_minutes / 60), 2),
        },
        "timer": None
        if t.timer is None
        else {
            "topic": t.timer.topic,
            "minutes": t.timer_minutes,
            "long": t.long_timer,
        },
        "streak": {"current": t.streak, "longest": t.longest},
    }
