"""Styled output for the plain commands, printed through rich only where styles can show.

A page is built as runs of (text, style). Written to a terminal it goes through rich, which
turns the styles into colours. Written to a pipe or a file, rich would drop every style and
print the text as it is; the page does the same without importing rich, which a script that
runs `roadmap-tui status | ...` in a loop would otherwise pay for at every call.

Pure core: no Textual import, and rich only when a page is printed to a terminal.
"""

from __future__ import annotations

import os
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.console import Console
    from rich.text import Text


class Styled:
    """Text in runs of (text, style); the styles are rich style strings ("bold green")."""

    __slots__ = ("runs",)

    def __init__(self, text: str = "", style: str = "") -> None:
        self.runs: list[tuple[str, str]] = [(text, style)] if text else []

    def append(self, text: str, style: str = "") -> Styled:
        if text:
            self.runs.append((text, style))
        return self

    @property
    def plain(self) -> str:
        return "".join(text for text, _ in self.runs)

    def __bool__(self) -> bool:
        return bool(self.runs)

    def to_text(self) -> Text:
        from rich.text import Text

        text = Text()
        for run, style in self.runs:
            text.append(run, style)
        return text


def shows_styles(stream: IO[str]) -> bool:
    """Whether rich would treat ``stream`` as a terminal, following its own rules: the
    TTY_COMPATIBLE and FORCE_COLOR variables first, then whether the stream is a tty. When in
    doubt the answer is yes, and rich decides."""
    compatible = os.environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    if os.environ.get("FORCE_COLOR") is not None:
        return True
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return True


_RICH_CHANGES = "\t\r\x07\x08\x0b\x0c"


def write(page: Styled, stream: IO[str], console: Callable[[], Console]) -> None:
    """Print ``page`` and a newline: plain when styles cannot show, else through ``console()``.

    A tab goes through rich either way, which expands it by display width, and so does a
    control character rich would strip (the commands make those visible before they get here).
    """
    plain = page.plain
    if any(c in plain for c in _RICH_CHANGES) or shows_styles(stream):
        console().print(page.to_text())
    else:
        stream.write(plain + "\n")
        stream.flush()
