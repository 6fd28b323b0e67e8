"""Edit a note in the user's own editor ($VISUAL, $EDITOR, config.toml's editor or vi), the app
suspended."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from textual.app import App, SuspendNotSupported


def edit_externally(
    app: App, text: str, say: Callable[..., None], topic_id: str = ""
) -> str | None:
    """The text as the editor left it; None (and ``say`` tells why) when the editor could not
    run or failed. The editor gets a file named after ``topic_id`` in a folder only the user
    can read, both removed afterwards."""
    # the app's settings have the editor by their precedence ($VISUAL, $EDITOR, config.toml)
    editor = app.settings.editor or os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        command = shlex.split(editor) or ["vi"]
    except ValueError as exc:  # an unclosed quote in $EDITOR
        say(f"Cannot read the editor command {editor!r}: {exc}; note unchanged.", severity="error")
        return None
    try:
        folder = tempfile.mkdtemp(prefix="roadmap-tui-")  # mode 700: notes may be private
    except OSError as exc:  # no writable temp folder
        say(f"Could not make a temp file for the editor: {exc}; note unchanged.", severity="error")
        return None
    try:
        # named after the topic, so that the editor's title says what is edited
        # (roadmap-tui-databases-sql-….md)
        slug = re.sub(r"[^A-Za-z0-9]+", "-", topic_id).strip("-")[:60] or "note"
        fd, name = tempfile.mkstemp(prefix=f"roadmap-tui-{slug}-", suffix=".md", dir=folder)
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
        # the file, and whatever the editor left beside it (a swap or backup file)
        shutil.rmtree(folder, ignore_errors=True)
