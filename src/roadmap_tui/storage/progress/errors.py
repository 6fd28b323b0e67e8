"""The errors the progress store raises."""

from __future__ import annotations

from pathlib import Path


class ProgressError(Exception):
    """Every user-facing problem with the progress file.

    ``str()`` is one line: ``<path>[:<line>[:<column>]]: <message>``. ``hint`` says what to do.
    """

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = " ".join(str(message).splitlines())
        self.path = Path(path) if path is not None else None
        self.line = line
        self.column = column
        self.hint = hint

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class LockTimeout(ProgressError):
    """Another process held the lock file longer than ``lock_timeout``."""


class SaveError(ProgressError):
    """A save failed (the file is unchanged); the store keeps the change in memory and the next
    save writes it. ``reason`` says why, ``fix`` what to do about it."""

    def __init__(self, reason: str, *, path: Path | str, fix: str) -> None:
        super().__init__(
            f"could not save: {reason}; the change is kept in memory",
            path=path,
            hint=f"{fix}; the next change (or retry) saves it",
        )
        self.reason, self.fix = reason, fix
