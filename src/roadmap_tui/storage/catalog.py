"""The roadmaps a user can choose from: the bundled one and the files in their roadmaps folder,
and which roadmap file the options and environment name."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from roadmap_tui.core.roadmap import Problem, Roadmap, RoadmapError
from roadmap_tui.storage import paths
from roadmap_tui.storage.roadmaps import load


@dataclass(frozen=True)
class Entry:
    path: Path
    bundled: bool
    roadmap: Roadmap | None
    problems: tuple[Problem, ...] = ()


class UnknownRoadmap(Exception):
    """--roadmap or $ROADMAP_TUI_ROADMAP names neither a file nor a known roadmap."""


@dataclass(frozen=True)
class Current:
    """The roadmap file to use, and a notice for the user when it is not the one they had."""

    path: Path
    notice: str = ""


def current(option: str | None = None, state_file: Path | None = None) -> Current:
    """The roadmap the app and every command use: --roadmap, then $ROADMAP_TUI_ROADMAP, then
    the roadmap last opened in the app (``last_roadmap`` of the view state), then the bundled
    one.

    The option's value is a file, or the id of a roadmap in the user's roadmaps folder (or the
    bundled roadmap's id). A name that is neither raises UnknownRoadmap listing the known ids.
    A last-used roadmap that no longer exists gives the bundled one, with a notice.
    """
    value = option or os.environ.get(paths.ENV_ROADMAP)
    if value:
        path = paths.expand(value)
        if path.exists() or "/" in value or value.endswith(".toml"):
            return Current(path)
        found = resolve(value)
        if found is None:
            known = ", ".join(e.roadmap.id for e in discover() if e.roadmap is not None)
            raise UnknownRoadmap(
                f"no roadmap {value!r}: not a file, nor the id of a roadmap "
                f"(known roadmaps: {known}; `roadmap-tui roadmaps` lists them)"
            )
        return Current(found)
    if state_file is not None:
        from roadmap_tui.storage.uistate import load_state

        last = load_state(state_file, "").last_roadmap
        if last:
            if Path(last).is_file():
                return Current(Path(last))
            notice = (
                f"the roadmap last opened in the app, {last}, no longer exists; "
                "using the bundled roadmap"
            )
            return Current(paths.bundled_path(), notice)
    return Current(paths.bundled_path())


def open_current(option: str | None, state_file: Path | None) -> tuple[Roadmap, Current]:
    """Load the roadmap :func:`current` names. A roadmap asked for (--roadmap, the variable)
    that does not load raises RoadmapError; a last-used one that does not load gives the
    bundled roadmap, with a notice."""
    found = current(option, state_file)
    try:
        return load(found.path), found
    except RoadmapError:
        if option or os.environ.get(paths.ENV_ROADMAP) or found.path == paths.bundled_path():
            raise
    notice = (
        f"the roadmap last opened in the app, {found.path}, has problems "
        f"(`roadmap-tui validate {found.path}` lists them); using the bundled roadmap"
    )
    return load(paths.bundled_path()), Current(paths.bundled_path(), notice)


def roadmap_path(option: str | None = None) -> Path:
    """The roadmap file --roadmap or $ROADMAP_TUI_ROADMAP name, else the bundled one."""
    return current(option).path


def discover(folder: Path | None = None) -> list[Entry]:
    """The bundled roadmap first, then every ``*.toml`` in the user's roadmaps folder (sorted)."""
    folder = folder if folder is not None else paths.user_roadmaps_dir()
    entries = [_entry(paths.bundled_path(), bundled=True)]
    try:
        files = sorted(p for p in folder.glob("*.toml") if p.is_file())
    except OSError:
        files = []
    entries.extend(_entry(p, bundled=False) for p in files)
    return entries


def _entry(path: Path, *, bundled: bool) -> Entry:
    try:
        return Entry(path, bundled, load(path))
    except RoadmapError as exc:
        return Entry(path, bundled, None, tuple(exc.problems))


def resolve(name: str, folder: Path | None = None) -> Path | None:
    """A roadmap named by id (``backend``) or file stem in the roadmaps folder, else None."""
    folder = folder if folder is not None else paths.user_roadmaps_dir()
    candidate = folder / f"{name}.toml"
    if candidate.is_file():
        return candidate
    for entry in discover(folder):
        if entry.roadmap is not None and entry.roadmap.id == name:
            return entry.path
    return None
