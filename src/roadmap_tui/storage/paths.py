"""Where roadmap-tui's files live, with the command-line and environment overrides.

A leaf: imports nothing of roadmap-tui (``catalog.roadmap_path`` resolves a roadmap by id).
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "roadmap-tui"
ENV_ROADMAP = "ROADMAP_TUI_ROADMAP"
ENV_PROGRESS = "ROADMAP_TUI_PROGRESS"
ENV_STATE = "ROADMAP_TUI_STATE"
ENV_CACHE = "ROADMAP_TUI_CACHE"


def expand(value: str | os.PathLike[str]) -> Path:
    """A path with ~ and $VARIABLES expanded."""
    return Path(os.path.expandvars(os.path.expanduser(os.fspath(value))))


def data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def bundled_path() -> Path:
    """The roadmap shipped with the package (installed), or the repository's data/ (checkout)."""
    packaged = Path(__file__).parents[1] / "data" / "roadmap.toml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / "data" / "roadmap.toml"


def progress_path(option: str | None = None) -> Path:
    """The progress file: --progress, then $ROADMAP_TUI_PROGRESS, then the user data dir."""
    if option:
        return expand(option)
    if os.environ.get(ENV_PROGRESS):
        return expand(os.environ[ENV_PROGRESS])
    return data_dir() / "progress.toml"


def state_path(progress: Path | None = None) -> Path:
    """The app's view state (expanded branches, cursor, theme): $ROADMAP_TUI_STATE or beside
    the progress file when that was overridden, else the user state dir."""
    if os.environ.get(ENV_STATE):
        return expand(os.environ[ENV_STATE])
    if progress is not None and (progress.parent != data_dir()):
        return progress.with_name(progress.stem + ".ui-state.toml")
    from platformdirs import user_state_path

    return user_state_path(APP_NAME, appauthor=False) / "ui-state.toml"


def user_roadmaps_dir() -> Path:
    """Folder where users drop their own roadmap files."""
    return config_dir() / "roadmaps"


def cache_dir() -> Path:
    """Where parsed roadmaps are cached: $ROADMAP_TUI_CACHE, or the user cache dir."""
    if os.environ.get(ENV_CACHE):
        return expand(os.environ[ENV_CACHE])
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)
