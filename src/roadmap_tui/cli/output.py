"""Where the plain commands write: one Output object owns the standard streams.

Plain messages and JSON are written as text, without rich. Styled output (status, list, show,
...) goes through a rich Console, created on first use, which decides for itself whether the
stream is a terminal, whether to colour (NO_COLOR, FORCE_COLOR, TTY_COMPATIBLE) and how wide it
is. Text from files is made safe (control characters visible) before it is written.
"""

from __future__ import annotations

import sys
from functools import cached_property
from typing import IO, TYPE_CHECKING

from roadmap_tui.core.textsafe import clean

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text


class Output:
    def __init__(
        self,
        stdin: IO[str] | None = None,
        stdout: IO[str] | None = None,
        stderr: IO[str] | None = None,
    ) -> None:
        self.stdin = stdin if stdin is not None else sys.stdin
        self.stdout = stdout if stdout is not None else sys.stdout
        self.stderr = stderr if stderr is not None else sys.stderr

    @property
    def interactive(self) -> bool:
        """Whether standard input is a terminal (someone can answer a question)."""
        try:
            return self.stdin.isatty()
        except (AttributeError, ValueError):
            return False

    def say(self, message: str, *, err: bool = False) -> None:
        """One plain line (control characters made visible)."""
        print(clean(message), file=self.stderr if err else self.stdout)

    def write(self, text: str) -> None:
        """Text as it is (JSON, an export, a share card)."""
        self.stdout.write(text)

    def print(self, *renderables: RenderableType, err: bool = False) -> None:
        """Styled output, through rich."""
        (self.err_console if err else self.console).print(*renderables)

    @cached_property
    def console(self) -> Console:
        return _console(self.stdout)

    @cached_property
    def err_console(self) -> Console:
        return _console(self.stderr)


def text(value: str, style: str = "") -> Text:
    """A rich Text of untrusted text: shown as it is, never read as markup or escapes."""
    from rich.text import Text

    return Text(clean(value), style=style)


def _console(stream: IO[str]) -> Console:
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # `roadmap-tui list | head`: main() ends quietly with exit code 0
            raise BrokenPipeError

    return _Console(file=stream, highlight=False, soft_wrap=True, emoji=False)
