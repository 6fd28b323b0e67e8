"""Edit a note in the user's own editor ($VISUAL, $EDITOR or vi), the app suspended."""

from __future__ import annotations

import contextlib
import os
import shlex
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from textual.app import App


def edit_externally(app: App, text: str, say: Callable[..., None]) -> str | None:
    """The text as the editor left it; None (and ``say`` tells why) when the editor could not
    run or failed."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    fd, name = tempfile.mkstemp(prefix="roadmap-note-", suffix=".md")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        try:
            with app.suspend():
                code = subprocess.call([*shlex.split(editor), name])
        except Exception as exc:  # SuspendNotSupported, FileNotFoundError, ...
            say(f"Could not run the editor {editor!r}: {exc}", severity="error")
            return None
        if code != 0:
            say(f"{editor} exited with status {code}; note unchanged.", severity="warning")
            return None
        return Path(name).read_text(encoding="utf-8")
    finally:
        with contextlib.suppress(OSError):
            os.unlink(name)
