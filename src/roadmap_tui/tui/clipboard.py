"""Copy a topic's id, its first link or its note to the clipboard (y, Y, N).

Textual's ``App.copy_to_clipboard`` sends the text to the terminal (OSC 52), which may not
pass it on (some terminals ignore it, tmux without ``set-clipboard``): the notice shows the
text too, shortened, so that it can be selected with the mouse.
"""

from __future__ import annotations

from roadmap_tui.core.roadmap import Topic
from roadmap_tui.core.textsafe import clean

SHOWN = 60  # characters of the copied text the notice shows


def shortened(text: str) -> str:
    """The first line of ``text``, cut at SHOWN characters (with "…" where cut)."""
    lines = text.strip().splitlines() or [""]
    first = lines[0]
    if len(first) > SHOWN:
        return first[: SHOWN - 1] + "…"
    return first + (" …" if len(lines) > 1 else "")


def what_to_copy(topic: Topic | None, what: str, note: str) -> tuple[str, str] | str:
    """(text, what it is) to copy, or why there is nothing: ``what`` is "id", "link" (the
    first resource's URL) or "note" (``note``: the topic's note)."""
    if topic is None:
        return "Nothing to copy: no topic is shown."
    if what == "id":
        return topic.id, "id"
    if what == "link":
        if not topic.resources:
            return "This topic has no links to copy."
        return topic.resources[0].url, "link"
    if topic.is_section:
        return "Pick a topic first: sections have no note."
    if not note.strip():
        return "This topic has no note to copy (n writes one)."
    return note, f"note ({len(note):,} characters)" if len(note) > SHOWN else "note"


def copy_topic(app, topic: Topic | None, what: str, note: str = "") -> tuple[str, str]:
    """Copy it; (the notice, its severity)."""
    found = what_to_copy(topic, what, note)
    if isinstance(found, str):
        return found, "warning"
    text, label = found
    app.copy_to_clipboard(text)
    return f"Copied the {label}: {clean(shortened(text))}", "information"
