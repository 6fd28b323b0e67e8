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

    @property
    def ok(self) -> bool:
        return self.roadmap is not None


def roadmap_path(option: str | None = None) -> Path:
    """The roadmap file: --roadmap, then $ROADMAP_TUI_ROADMAP, then the bundled one.

    The value is a file, or the id of a roadmap in the user's roadmaps folder (or the bundled
    roadmap's id) when no such file exists.
    """
    value = option or os.environ.get(paths.ENV_ROADMAP)
    if value:
        path = paths.expand(value)
        if path.exists() or "/" in value or value.endswith(".toml"):
            return path
        return resolve(value) or path
    return paths.bundled_path()


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
