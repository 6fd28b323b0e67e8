"""Shared fixtures: an isolated environment, a tiny roadmap file and an in-process CLI runner."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.practice_helpers import PROJECT

# A tiny roadmap. Order matters for `next`: an optional topic comes first, then a core topic
# whose prerequisite comes after it, then that prerequisite (which has a part of its own).
# Two topics share the title "Introduction" (an ambiguous TOPIC). 7 topics, 17 hours.
TINY_ROADMAP = '''\
[roadmap]
id = "mini"
title = "Mini roadmap"

[[section]]
id = "basics"
title = "Basics"

[[section.topic]]
id = "extras"
title = "Extras"
summary = "Nice to know."
kind = "optional"
hours = 2

[[section.topic]]
id = "dns"
title = "DNS"
summary = "Names to addresses."
prerequisites = ["basics/http"]
hours = 3

[[section.topic]]
id = "http"
title = "HTTP"
summary = "The protocol of the web."
description = """
HTTP is **the** protocol of the web.

- requests
- responses
"""
hours = 4

[[section.topic.topic]]
id = "methods"
title = "Methods"
summary = "GET, POST and friends."
hours = 1

[[section.topic]]
id = "intro"
title = "Introduction"
summary = "First steps."
hours = 1

[[section]]
id = "apis"
title = "APIs"

[[section.topic]]
id = "intro"
title = "Introduction"
summary = "What an API is."
hours = 1

[[section.topic]]
id = "rest"
title = "REST"
summary = "Resources over HTTP."
prerequisites = ["basics/dns"]
hours = 5
'''

_ENV_TO_CLEAR = (
    "ROADMAP_TUI_ROADMAP",
    "ROADMAP_TUI_PROGRESS",
    "ROADMAP_TUI_STATE",
    "ROADMAP_TUI_CONFIG",
    "FORCE_COLOR",
    "CLICOLOR_FORCE",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
)


@pytest.fixture(scope="session", autouse=True)
def _roadmap_cache(tmp_path_factory):
    """Parsed roadmaps are cached in a temp dir for the test session, never in the user's."""
    import os

    os.environ["ROADMAP_TUI_CACHE"] = str(tmp_path_factory.mktemp("roadmap-cache"))
    yield


@pytest.fixture
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No roadmap-tui variables, no forced colours, and HOME / XDG dirs inside tmp_path, so
    nothing can reach the real user's files (also for subprocesses, which inherit it)."""
    for name in _ENV_TO_CLEAR:
        monkeypatch.delenv(name, raising=False)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name, sub in (
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_STATE_HOME", ".local/state"),
        ("XDG_CACHE_HOME", ".cache"),
    ):
        monkeypatch.setenv(name, str(home / sub))
    monkeypatch.setenv("COLUMNS", "100")
    return home


@pytest.fixture
def roadmap_file(tmp_path: Path) -> Path:
    """TINY_ROADMAP written to tmp_path/roadmap.toml."""
    path = tmp_path / "roadmap.toml"
    path.write_text(TINY_ROADMAP, encoding="utf-8")
    return path


@pytest.fixture
def progress_file(tmp_path: Path) -> Path:
    """Where the progress of a test goes (not created)."""
    return tmp_path / "progress.toml"


@pytest.fixture
def path(progress_file: Path) -> Path:
    """The same, by the name the progress store's tests give it."""
    return progress_file


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A roadmap cache folder of the test's own ($ROADMAP_TUI_CACHE), not created."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("ROADMAP_TUI_CACHE", str(folder))
    return folder


class _TtyInput(io.StringIO):
    def isatty(self) -> bool:
        return True


Runner = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(isolated_env: Path, capsys: pytest.CaptureFixture[str], monkeypatch) -> Runner:
    """``run(*args, input=None, tty=False) -> (exit code, stdout, stderr)``: calls
    ``roadmap_tui.cli.main`` in-process; standard input is ``input`` (never the real one)."""
    from roadmap_tui.cli import main

    def _run(*args: str, input: str | None = None, tty: bool = False) -> tuple[int, str, str]:
        stdin = (_TtyInput if tty else io.StringIO)(input or "")
        monkeypatch.setattr(sys, "stdin", stdin)
        capsys.readouterr()
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:
            code = exc.code
            if code is None:
                code = 0
            elif not isinstance(code, int):
                code = 1
        out, err = capsys.readouterr()
        return code, out, err

    return _run


@pytest.fixture
def cli(run, roadmap_file: Path, progress_file: Path):
    """run() with the tiny roadmap and a tmp progress file given before the command."""

    def _cli(*args: str, input: str | None = None, tty: bool = False):
        return run(
            "--roadmap", roadmap_file, "--progress", progress_file, *args, input=input, tty=tty
        )

    return _cli


# the tiny roadmap with one advanced topic
TINY_ROADMAP_ADVANCED_REST = TINY_ROADMAP.replace(
    'prerequisites = ["basics/dns"]\n', 'prerequisites = ["basics/dns"]\nlevel = "advanced"\n'
)


@pytest.fixture
def cmd(run, tmp_path):
    """run() with the tiny roadmap (apis/rest advanced) and a tmp progress file given after the
    command."""
    roadmap = tmp_path / "roadmap.toml"
    roadmap.write_text(TINY_ROADMAP_ADVANCED_REST, encoding="utf-8")
    progress = tmp_path / "progress.toml"

    def _cmd(*args, **kwargs):
        return run(*args, "--roadmap", roadmap, "--progress", progress, **kwargs)

    return _cmd


@pytest.fixture
def practice_files(tmp_path: Path) -> tuple[str, ...]:
    """--roadmap and --progress for the tiny roadmap with a project to link work to and tick."""
    roadmap = tmp_path / "roadmap.toml"
    roadmap.write_text(TINY_ROADMAP + PROJECT, encoding="utf-8")
    return ("--roadmap", str(roadmap), "--progress", str(tmp_path / "progress.toml"))
