"""Long texts (a description or a note of megabytes): how much of one is rendered at once.

Rendering Markdown takes time in proportion to the text, so a text of megabytes would take
minutes; the app and ``show`` render the first ``LIMIT`` characters and say so. The text itself
is never shortened: only what is shown.
"""

from __future__ import annotations

LIMIT = 8_000  # characters rendered at once (about 400 lines)
# the longest note edited in place: Textual's TextArea grows slow to open and to type in with
# megabytes; a longer note opens in the user's editor
EDIT_LIMIT = 256_000


def head(text: str, limit: int = LIMIT) -> str:
    """The first part of ``text`` to show: all of it when it is no longer than ``limit``,
    else up to ``limit`` characters, cut at the end of a paragraph (or a line) when one ends in
    the second half of it, so the cut does not fall inside a word or a line."""
    if len(text) <= limit:
        return text
    part = text[:limit]
    for mark in ("\n\n", "\n"):
        cut = part.rfind(mark)
        if cut >= limit // 2:
            return part[:cut]
    return part


def size_label(count: int) -> str:
    """A size in characters as a reader sees it: ``8 KB``, ``9.6 MB``."""
    if count < 1_000_000:
        return f"{max(1, round(count / 1000))} KB"
    return f"{count / 1_000_000:.1f} MB"
