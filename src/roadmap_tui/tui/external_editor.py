"""Edit a note in the user's own editor ($VISUAL, $EDITOR, config.toml's editor or vi), the app
suspended."""

from __future__ import annotations

import contextlib
import os
import shlex
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from textual.app import App, SuspendNotSupported


def edit_externally(app: App, text: str, say: Callable[..., None]) -> str | None:
    """The text as the editor left it; None (and ``say`` tells why) when the editor could not
    run or failed."""
    # the app's settings have the editor by their precedence ($VISUAL, $EDITOR, config.toml)
    settings = getattr(app, "settings", None)
    configured = settings.editor if settings is not None else None
    editor = configured or os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        command = shlex.split(editor) or ["vi"]
    except ValueError as exc:  # an unclosed quote in $EDITOR
        say(f"Cannot read the editor command {editor!r}: {exc}; note unchanged.", severity="error")
        return None
    fd, name = tempfile.mkstemp(prefix="roadmap-note-", suffix=".md")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        failure: OSError | None = None
        try:
            with app.suspend():
                # caught inside the block: suspend() resumes the app only when its block ends
                # normally, and an exception through it left the terminal blank and echoing
                try:
                    code = subprocess.call([*command, name])
                except OSError as exc:  # no such editor, not executable, ...
                    failure = exc
        except SuspendNotSupported as exc:
            say(f"Could not run the editor {editor!r}: {exc}", severity="error")
            return None
        if failure is not None:
            reason = failure.strerror or str(failure)
            say(f"Could not run the editor {editor!r}: {reason}; note unchanged.", severity="error")
            return None
        if code != 0:
            say(f"{editor} exited with status {code}; note unchanged.", severity="warning")
            return None
        try:
            return Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            say(f"Could not read what the editor wrote: {exc}; note unchanged.", severity="error")
            return None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(name)
