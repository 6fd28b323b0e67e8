"""The app's view state between runs: expanded branches, highlighted topic, theme.

This is a cache, not user data: a missing or unreadable file gives the defaults and never an
error. Pure core: no Textual import.
"""

from __future__ import annotations

import contextlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w

from roadmap_tui.storage.atomic import atomic_write


@dataclass
class ViewState:
    theme: str = ""
    cursor: str = ""
    expanded: list[str] = field(default_factory=list)
    focus_mode: bool = False
    last_roadmap: str = ""  # the roadmap file last opened in the app
    # the first-run welcome was seen: False only with no view state file at all (a first run;
    # a file from before the welcome existed counts as seen) or after `welcomed = false`
    welcomed: bool = True
    tree_width: int = 0  # the tree's width the user chose with { and } (0: automatic)


def _read(path: Path) -> dict | None:
    """The file's table: None when there is no file, {} when it cannot be read."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, RecursionError):  # ValueError: bad UTF-8, TOML or integer
        return {}


def _write(path: Path, data: dict) -> None:
    with contextlib.suppress(OSError):
        atomic_write(path, tomli_w.dumps(data).encode("utf-8"))


def load_state(path: Path, roadmap_id: str) -> ViewState:
    data = _read(path)
    if data is None:  # never run: the welcome is shown
        return ViewState(welcomed=False)
    state = ViewState()
    for name, kind in (("welcomed", bool), ("theme", str), ("last_roadmap", str)):
        if isinstance(data.get(name), kind):
            setattr(state, name, data[name])
    width = data.get("tree_width")
    if isinstance(width, int) and not isinstance(width, bool) and 0 <= width <= 1000:
        state.tree_width = width
    roadmaps = data.get("roadmaps")
    view = roadmaps.get(roadmap_id) if isinstance(roadmaps, dict) else None
    if isinstance(view, dict):
        for name, kind in (("cursor", str), ("focus_mode", bool)):
            if isinstance(view.get(name), kind):
                setattr(state, name, view[name])
        expanded = view.get("expanded")
        if isinstance(expanded, list):
            state.expanded = [e for e in expanded if isinstance(e, str)]
    return state


def save_state(path: Path, roadmap_id: str, state: ViewState) -> None:
    """Write the view state; other roadmaps' entries in the file are kept. Errors are ignored."""
    data = _read(path) or {}
    if not isinstance(data.get("roadmaps"), dict):
        data["roadmaps"] = {}
    data["theme"] = state.theme
    data["last_roadmap"] = state.last_roadmap
    data["welcomed"] = state.welcomed
    data["tree_width"] = state.tree_width
    data["roadmaps"][roadmap_id] = {
        "cursor": state.cursor,
        "expanded": sorted(set(state.expanded)),
        "focus_mode": state.focus_mode,
    }
    _write(path, data)


def today_shown(path: Path, roadmap_id: str) -> str:
    """The day ("YYYY-MM-DD") the app last showed Today on its own for this roadmap ("" if
    never, or unreadable)."""
    shown = (_read(path) or {}).get("today_shown")
    day = shown.get(roadmap_id) if isinstance(shown, dict) else None
    return day if isinstance(day, str) else ""


def mark_today_shown(path: Path, roadmap_id: str, day: str) -> None:
    """Remember that Today was shown on ``day`` (the rest of the file is kept; errors are
    ignored: at worst it shows once more)."""
    data = _read(path) or {}
    if not isinstance(data.get("today_shown"), dict):
        data["today_shown"] = {}
    data["today_shown"][roadmap_id] = day
    _write(path, data)
