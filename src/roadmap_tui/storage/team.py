"""Reading a study group's folder: one progress file per member (``NAME.toml``), each read
alone and never written. A file that cannot be read comes back as its reason."""

from __future__ import annotations

import os
from pathlib import Path

from roadmap_tui.core.progress import Document
from roadmap_tui.storage.progress import fileformat

__all__ = ["MAX_BYTES", "TeamError", "read_team"]

MAX_BYTES = 16 * 1024 * 1024  # a member's file larger than this is not read
_STATE = ".ui-state.toml"  # paths.state_path beside an overridden progress file


class TeamError(Exception):
    """The folder itself cannot be read: one line."""


def read_team(folder: Path) -> list[tuple[str, Document | str]]:
    """(member name, their document or why it cannot be read), by name. Hidden files and
    files not ending in ``.toml`` are not members, nor the app's view state
    (``NAME.ui-state.toml``, kept beside a progress file given with ``--progress``)."""
    try:
        names = sorted(os.listdir(folder))
    except FileNotFoundError:
        raise TeamError(f"{folder}: no such folder") from None
    except NotADirectoryError:
        raise TeamError(f"{folder}: not a folder") from None
    except OSError as e:
        raise TeamError(f"{folder}: cannot read: {e.strerror or e}") from None
    members: list[tuple[str, Document | str]] = []
    for name in names:
        if name.startswith(".") or not name.endswith(".toml") or name.endswith(_STATE):
            continue
        members.append((name.removesuffix(".toml"), _read(folder / name)))
    return members


def _read(path: Path) -> Document | str:
    try:
        return fileformat.read_file(path, MAX_BYTES)
    except fileformat.FormatError as e:
        where = f"line {e.line}: " if e.line else ""
        return f"{where}{e.message}"


def team_of(folder: Path, roadmap, today, first_weekday: int = 0) -> tuple[list, list]:
    """The members' figures for ``roadmap`` (:class:`~roadmap_tui.core.team.Member`) and the
    files not shown with their reasons (:class:`~roadmap_tui.core.team.Unreadable`); weeks
    start on ``first_weekday`` (0 = Monday)."""
    from roadmap_tui.core.team import Member, Unreadable, member_of

    members: list[Member] = []
    unreadable: list[Unreadable] = []
    for name, doc in read_team(folder):
        found = (
            member_of(name, doc, roadmap, today, first_weekday)
            if isinstance(doc, Document)
            else None
        )
        if isinstance(found, Member):
            members.append(found)
        else:
            unreadable.append(found or Unreadable(name, str(doc)))
    return members, unreadable
