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


def copy_topic(app, topic: Topic | None, what: str, note: str = "") -> tuple[str, str]:
    """Copy the topic's "id", its first "link" (the first resource's URL) or its "note"
    (``note``); (the notice, its severity): a warning says why there is nothing to copy."""
    if topic is None:
        return "Nothing to copy: no topic is shown.", "warning"
    if what == "id":
        text, label = topic.id, "id"
    elif what == "link":
        if not topic.resources:
            return "This topic has no links to copy.", "warning"
        text, label = topic.resources[0].url, "link"
    elif topic.is_section:
        return "Pick a topic first: sections have no note.", "warning"
    elif not note.strip():
        return "This topic has no note to copy (n writes one).", "warning"
    else:
        text, label = note, f"note ({len(note):,} characters)" if len(note) > SHOWN else "note"
    app.copy_to_clipboard(text)
    return f"Copied the {label}: {clean(shortened(text))}", "information"
