"""Read config.toml: where it is, its text, and the effective settings (``core.config``).

The file is only read, never written. One that cannot be read (a directory, a FIFO, not UTF-8,
no permission) gives a warning and the defaults: a mistake in it never stops the app or a
command.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from pathlib import Path

from roadmap_tui.core.config import ConfigWarning, Settings, parse, resolve
from roadmap_tui.storage import paths

ENV_CONFIG = "ROADMAP_TUI_CONFIG"
MAX_SIZE = 1024 * 1024  # a config file is a few lines; a bigger one is not one


def config_path() -> Path:
    """$ROADMAP_TUI_CONFIG, else ``config.toml`` in the user config directory."""
    if os.environ.get(ENV_CONFIG):
        return paths.expand(os.environ[ENV_CONFIG])
    return paths.config_dir() / "config.toml"


def read_text(path: Path) -> tuple[str | None, ConfigWarning | None]:
    """The file's text (None when there is no file), or a warning saying why it cannot be read."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            return None, _unreadable(path, "it is a directory")
        if not stat.S_ISREG(info.st_mode):
            # a FIFO or a device would block or never end: never opened
            return None, _unreadable(path, "it is not a regular file")
        if info.st_size > MAX_SIZE:
            return None, _unreadable(path, f"it is {info.st_size} bytes, over {MAX_SIZE}")
        return path.read_bytes().decode("utf-8"), None
    except FileNotFoundError:
        return None, None
    except UnicodeDecodeError as exc:
        return None, _unreadable(path, f"not UTF-8 text (byte {exc.start})")
    except OSError as exc:
        return None, _unreadable(path, exc.strerror or str(exc))


def _unreadable(path: Path, why: str) -> ConfigWarning:
    return ConfigWarning(
        str(path), None, "", f"cannot read the config file: {why}; using the defaults"
    )


def load_settings(
    flags: Mapping[str, str | None] | None = None,
    env: Mapping[str, str] | None = None,
    path: Path | None = None,
) -> Settings:
    """The effective settings: defaults < the config file < the environment < ``flags``."""
    path = path if path is not None else config_path()
    env = os.environ if env is None else env
    text, problem = read_text(path)
    if text is None:
        return resolve({}, env, flags, path=str(path), warnings=[problem] if problem else [])
    values, lines, warnings = parse(text, str(path))
    return resolve(values, env, flags, path=str(path), lines=lines, warnings=warnings)
