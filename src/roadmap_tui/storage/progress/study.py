"""The study-time part of ``ProgressStore``: minutes studied per topic and day, the running
timer and the goal, saved through the store's pending changes and commit."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType

from roadmap_tui.core.progress import Change
from roadmap_tui.core.studytime import (
    MAX_LOG_MINUTES,
    Goal,
    Timer,
    format_minutes,
    split_minutes,
)
from roadmap_tui.storage.progress.checks import check_topic


class StoreStudy:
    """Study time of ``ProgressStore`` (a mixin: it uses the store's ``_shown``, ``_prepare``
    and ``_save``)."""

    def time(self) -> Mapping[str, Mapping[str, int]]:
        """Study time: topic id -> {"YYYY-MM-DD" (local day): minutes} (time kept under a former
        id reads as the current topic's)."""
        self._ensure_loaded()
        return MappingProxyType(self._shown.time)

    def timer(self) -> Timer | None:
        """The running study timer of this roadmap, or None."""
        self._ensure_loaded()
        return self._shown.timer

    def goal(self) -> Goal | None:
        """This roadmap's goal, or None."""
        self._ensure_loaded()
        return self._shown.goal

    def log_time(self, topic_id: str, minutes: int, day: date | None = None) -> int:
        """Add ``minutes`` of study of the topic on ``day`` (default: today, the local day by
        this store's clock), in one save; counts as activity that day. Two processes logging
        at once both keep theirs (minutes are added, not set). Returns the topic's minutes."""
        check_topic(topic_id)
        _check_minutes(minutes)
        self._prepare()
        when = self.now()
        key = (day or when.astimezone().date()).isoformat()
        self._save(Change("time", topic_id, when, days=((key, minutes),)))
        return sum(self.time().get(topic_id, {}).values())

    def take_back_time(self, topic_id: str, minutes: int, day: date | None = None) -> int:
        """Take back ``minutes`` logged by mistake on the topic on ``day`` (default: today), in
        one save; a day left without minutes goes, with the activity its log counted.
        ValueError (nothing saved) when fewer minutes are logged that day. Returns the topic's
        minutes."""
        check_topic(topic_id)
        _check_minutes(minutes)
        self._prepare()
        when = self.now()
        key = (day or when.astimezone().date()).isoformat()
        logged = self.time().get(topic_id, {}).get(key, 0)
        if minutes > logged:
            have = f"only {format_minutes(logged)}" if logged else "no time"
            raise ValueError(f"{topic_id}: {have} logged on {key}")
        self._save(Change("time", topic_id, when, days=((key, -minutes),)))
        return sum(self.time().get(topic_id, {}).values())

    def start_timer(self, topic_id: str) -> Timer:
        """Start the study timer on the topic, now (a running one is replaced: stop it first
        to log it); a to-do topic becomes in progress. One save."""
        check_topic(topic_id)
        self._prepare()
        now = self.now()
        timer = Timer(topic_id, now)
        changes = [Change("timer", topic_id, now, timer=timer)]
        if self.get(topic_id).status == "todo":
            changes.append(Change("status", topic_id, now, status="in-progress"))
        self._save(*changes)
        return timer

    def stop_timer(self, minutes: int | None = None) -> list[tuple[str, int]] | None:
        """Stop the running timer and log its minutes on the local days they fell on (a timer
        across midnight gives each day its part). ``minutes``: log that much instead (the
        learner's word for a timer left running), spread over the same days; 0 logs nothing.
        None when no timer runs (also when another process stopped it meanwhile)."""
        if minutes is not None and minutes != 0:
            _check_minutes(minutes)
        self.load()  # the timer as it is on disk now: another process may have stopped it
        timer = self.timer()
        if timer is None:
            return None
        self._prepare()
        now = self.now()
        if minutes is None and timer.minutes(now) > MAX_LOG_MINUTES:
            raise ValueError("a timer of over a day needs the minutes it was study")
        days = split_minutes(timer.started, now, minutes) if minutes != 0 else []
        self._save(Change("time", timer.topic, now, days=tuple(days), timer=timer))
        return days

    def merge_time(self, time: Mapping[str, Mapping[str, int]]) -> int:
        """Import study time (topic id -> {"YYYY-MM-DD": minutes}, e.g. of a sync-conflict
        copy), in one save: per topic and day the larger of ours and theirs, so merging the
        same copy twice changes nothing. Not activity. Returns the minutes added."""
        self._prepare()
        ours = self.time()
        now = self.now()
        new: list[Change] = []
        added = 0
        for tid, days in time.items():
            check_topic(tid)
            pairs = []
            for day, minutes in sorted(days.items()):
                date.fromisoformat(day)  # ValueError for anything else
                if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes < 0:
                    raise ValueError(f"time {tid} {day}: expected minutes >= 0, not {minutes!r}")
                have = ours.get(tid, {}).get(day, 0)
                if minutes > have:
                    pairs.append((day, minutes))
                    added += minutes - have
            if pairs:
                new.append(Change("time", tid, now, days=tuple(pairs), larger=True))
        self._save(*new)
        return added

    def set_goal(self, goal: Goal | None) -> None:
        """Set this roadmap's goal (None, or an empty one, clears it); one save."""
        if goal is not None:
            if goal.weekly_hours is not None and not 0 < goal.weekly_hours <= 168:
                raise ValueError(f"weekly hours must be from 0 to 168, not {goal.weekly_hours}")
            if goal.scope not in ("core", "all"):
                raise ValueError(f"scope must be core or all, not {goal.scope!r}")
            if goal.is_empty:
                goal = None
        self._prepare()
        if goal != self.goal():
            self._save(Change("goal", "", self.now(), goal=goal))


def _check_minutes(minutes: object) -> None:
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise TypeError(f"minutes must be an integer, not {minutes!r}")
    if not 0 < minutes <= MAX_LOG_MINUTES:
        raise ValueError(f"minutes must be from 1 to {MAX_LOG_MINUTES}, not {minutes}")
