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


def load_state(path: Path, roadmap_id: str) -> ViewState:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:  # never run: the welcome is shown
        return ViewState(welcomed=False)
    except (OSError, ValueError, RecursionError):  # ValueError: bad UTF-8, TOML or integer
        return ViewState()
    state = ViewState()
    if isinstance(data.get("welcomed"), bool):
        state.welcomed = data["welcomed"]
    theme = data.get("theme")
    if isinstance(theme, str):
        state.theme = theme
    if isinstance(data.get("last_roadmap"), str):
        state.last_roadmap = data["last_roadmap"]
    width = data.get("tree_width")
    if isinstance(width, int) and not isinstance(width, bool) and 0 <= width <= 1000:
        state.tree_width = width
    view = (
        data.get("roadmaps", {}).get(roadmap_id, {})
        if isinstance(data.get("roadmaps"), dict)
        else {}
    )
    if isinstance(view, dict):
        if isinstance(view.get("cursor"), str):
            state.cursor = view["cursor"]
        expanded = view.get("expanded")
        if isinstance(expanded, list):
            state.expanded = [e for e in expanded if isinstance(e, str)]
        if isinstance(view.get("focus_mode"), bool):
            state.focus_mode = view["focus_mode"]
    return state


def save_state(path: Path, roadmap_id: str, state: ViewState) -> None:
    """Write the view state; other roadmaps' entries in the file are kept. Errors are ignored."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # ValueError: bad UTF-8, TOML or integer
        data = {}
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
    with contextlib.suppress(OSError):
        atomic_write(path, tomli_w.dumps(data).encode("utf-8"))


def today_shown(path: Path, roadmap_id: str) -> str:
    """The day ("YYYY-MM-DD") the app last showed Today on its own for this roadmap ("" if
    never, or unreadable)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return ""
    shown = data.get("today_shown")
    day = shown.get(roadmap_id) if isinstance(shown, dict) else None
    return day if isinstance(day, str) else ""


def mark_today_shown(path: Path, roadmap_id: str, day: str) -> None:
    """Remember that Today was shown on ``day`` (the rest of the file is kept; errors are
    ignored: at worst it shows once more)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        data = {}
    if not isinstance(data.get("today_shown"), dict):
        data["today_shown"] = {}
    data["today_shown"][roadmap_id] = day
    with contextlib.suppress(OSError):
        atomic_write(path, tomli_w.dumps(data).encode("utf-8"))
