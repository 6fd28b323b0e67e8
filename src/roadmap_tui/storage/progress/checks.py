"""Checks of what callers give the progress store: ids, statuses, texts, imported entries
(ValueError or TypeError, before anything is changed)."""

from __future__ import annotations

from datetime import datetime

from roadmap_tui.core.progress import DATE_FIELDS, STATUSES, TopicProgress, to_utc
from roadmap_tui.storage.progress import fileformat


def check_topic(topic_id: object) -> None:
    if not isinstance(topic_id, str) or not topic_id:
        raise ValueError(f"topic id must be a non-empty string, not {topic_id!r}")
    check_text(topic_id)


def check_status(status: object) -> None:
    if status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")


def check_text(s: object) -> None:
    if not isinstance(s, str):
        raise TypeError(f"expected a string, not {type(s).__name__}")
    try:
        s.encode("utf-8")
    except UnicodeEncodeError as e:
        raise ValueError(f"text cannot be saved as UTF-8: {e.reason}") from None


def check_entry(e: object, now: datetime) -> TopicProgress:
    """An imported entry, checked, with its dates in UTC and no later than ``now``, and
    ``extra`` a plain dict."""
    if not isinstance(e, TopicProgress):
        raise TypeError(f"expected TopicProgress, not {type(e).__name__}")
    check_status(e.status)
    check_text(e.note)
    dates = {}
    for name in DATE_FIELDS:
        v = getattr(e, name)
        if v is not None:
            if not isinstance(v, datetime):
                raise TypeError(f"{name} must be a datetime or None")
            try:
                dates[name] = min(to_utc(v), now)
            except OverflowError:
                raise ValueError(f"{name} is out of range in UTC: {v!r}") from None
    if e.chosen is not None and not isinstance(e.chosen, bool):
        raise TypeError(f"chosen must be True, False or None, not {e.chosen!r}")
    extra = dict(e.extra)
    fileformat.check_extra(extra)
    return e._replace(extra=extra, **dates)
