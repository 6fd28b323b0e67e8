"""The garbage collector is off while the app starts (``launch`` turns it off) and back on
once the first screen is up, whichever screen that is: left off, a long session's memory
would only grow."""

from __future__ import annotations

import argparse
import gc

import pytest

from roadmap_tui.tui.launch import launch
from roadmap_tui.tui.screens.dialogs import ProgressErrorScreen
from roadmap_tui.tui.screens.main import MainScreen

from .conftest import wait_for
from .helpers import CORRUPT, SIZE, detail_title


@pytest.fixture
def collector_off():
    gc.disable()
    yield
    gc.enable()


async def test_the_collector_is_back_on_with_the_first_screen(make_app, mini, collector_off):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, gc.isenabled)
        assert isinstance(app.screen, MainScreen)
        assert detail_title(app) == "Basics"


async def test_the_collector_is_back_on_with_the_error_screen(
    make_app, mini, progress_path, collector_off
):
    progress_path.write_bytes(CORRUPT)
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProgressErrorScreen)
        assert gc.isenabled()


def test_launch_leaves_the_collector_on_when_the_roadmap_does_not_load(
    tmp_path, monkeypatch, capsys
):
    bad = tmp_path / "roadmap.toml"
    bad.write_text("[roadmap\n", encoding="utf-8")
    monkeypatch.setenv("ROADMAP_TUI_STATE", str(tmp_path / "state.toml"))
    monkeypatch.setenv("ROADMAP_TUI_CACHE", str(tmp_path / "cache"))
    args = argparse.Namespace(roadmap=str(bad), progress=str(tmp_path / "progress.toml"))
    assert launch(args) == 1
    assert "roadmap.toml:1" in capsys.readouterr().err
    assert gc.isenabled()
