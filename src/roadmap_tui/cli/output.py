"""Where the plain commands write: one Output object owns the standard streams.

Plain messages and JSON are written as text, without rich. Styled output (status, list, show,
...) goes through a rich Console, created on first use, which decides for itself whether the
stream is a terminal, whether to colour (NO_COLOR, FORCE_COLOR, TTY_COMPATIBLE) and how wide it
is. Text from files is made safe (control characters visible) before it is written.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from functools import cached_property
from typing import IO, TYPE_CHECKING

from roadmap_tui.core.textsafe import clean

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text


class StreamError(Exception):
    """A standard stream cannot be read or written (closed, full device, wrong encoding)."""


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
        return is_terminal(self.stdin)

    def read(self) -> str:
        """All of standard input, as text."""
        if self.stdin is None:
            raise StreamError("standard input is closed; give the text as an argument")
        try:
            return self.stdin.read()
        except UnicodeDecodeError as exc:
            raise StreamError(f"standard input is not {exc.encoding} text") from None
        except OSError as exc:
            raise StreamError(f"cannot read standard input: {exc.strerror or exc}") from None

    def ask(self, question: str) -> str:
        """Ask on standard output, answer from a line of standard input ("" at its end)."""
        with self._writing() as stdout:
            stdout.write(clean(question))
            stdout.flush()
        if self.stdin is None:
            return ""
        try:
            return self.stdin.readline()
        except (OSError, ValueError):  # ValueError: bytes that are not text
            return ""

    def confirm(self, question: str) -> bool:
        """Ask a yes/no question, no by default; the question's line is ended either way."""
        answer = self.ask(question)
        if not answer.endswith("\n"):
            self.say("")  # the answer ended the input, not the line
        return answer.strip().lower() in ("y", "yes")

    def say(self, message: str, *, err: bool = False) -> None:
        """One plain line (control characters made visible). On standard error it is
        best-effort: there is nowhere left to report a failure to write it."""
        if err:
            with contextlib.suppress(OSError, ValueError, AttributeError):
                print(clean(message), file=self.stderr, flush=True)
            return
        with self._writing() as stdout:
            print(clean(message), file=stdout)

    def write(self, text: str) -> None:
        """Text as it is (JSON, an export, a share card)."""
        with self._writing() as stdout:
            stdout.write(text)

    def print(self, *renderables: RenderableType, err: bool = False) -> None:
        """Styled output, through rich."""
        if err:
            with contextlib.suppress(OSError, ValueError, AttributeError):
                self.err_console.print(*map(_web_links_only, renderables))
            return
        with self._writing():
            self.console.print(*map(_web_links_only, renderables))

    def flush(self) -> None:
        """Write what is buffered for standard output (a full device fails here)."""
        if self.stdout is not None:
            with self._writing() as stdout:
                stdout.flush()

    @contextlib.contextmanager
    def _writing(self) -> Iterator[IO[str]]:
        """Standard output, to write to: a failed write becomes a one-line StreamError."""
        if self.stdout is None:
            raise StreamError("cannot write to standard output: it is closed")
        try:
            yield self.stdout
        except BrokenPipeError:
            raise  # the reader went away: main() ends quietly
        except UnicodeEncodeError as exc:
            char = exc.object[exc.start : exc.end][:1]
            raise StreamError(
                f"standard output cannot show {char!r} in its encoding ({exc.encoding}); "
                "set PYTHONIOENCODING=utf-8 or a UTF-8 locale"
            ) from None
        except OSError as exc:
            raise StreamError(f"cannot write to standard output: {exc.strerror or exc}") from None

    @cached_property
    def console(self) -> Console:
        return _console(self.stdout)

    @cached_property
    def err_console(self) -> Console:
        return _console(self.stderr)


def is_terminal(stream: IO[str] | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError):  # a closed stream
        return False


def text(value: str, style: str = "") -> Text:
    """A rich Text of untrusted text: shown as it is, never read as markup or escapes."""
    from rich.text import Text

    return Text(clean(value), style=style)


def _web_links_only(renderable: RenderableType) -> RenderableType:
    # a str is console markup, which print() reads itself; other renderables are wrapped
    from roadmap_tui.tui.links import WebLinksOnly  # the app's filter (rich only, no Textual)

    return renderable if isinstance(renderable, str) else WebLinksOnly(renderable)


def _console(stream: IO[str]) -> Console:
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # `roadmap-tui list | head`: main() ends quietly with exit code 0
            raise BrokenPipeError

    # NO_COLOR: rich drops the colours but keeps bold, dim and links; a user who asks for no
    # colour gets plain text, every escape code left out (the glyphs still show each status)
    plain = bool(os.environ.get("NO_COLOR"))
    return _Console(
        file=stream,
        highlight=False,
        soft_wrap=True,
        emoji=False,
        **({"color_system": None} if plain else {}),
    )
