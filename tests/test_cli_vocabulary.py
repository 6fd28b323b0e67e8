"""The commands say a status in the words the app uses: to do, in progress, done, skipped."""

from __future__ import annotations

import pytest

from tests.conftest import TINY_ROADMAP

pytestmark = pytest.mark.usefixtures("isolated_env")


@pytest.fixture
def cmd(run, tmp_path):
    roadmap = tmp_path / "roadmap.toml"
    roadmap.write_text(TINY_ROADMAP, encoding="utf-8")
    progress = tmp_path / "progress.toml"

    def _cmd(*args, **kwargs):
        return run(*args, "--roadmap", roadmap, "--progress", progress, **kwargs)

    return _cmd


def test_mark_list_show_and_reset_use_the_app_s_words(cmd):
    code, out, _ = cmd("mark", "basics/dns", "in-progress")
    assert code == 0 and out.strip() == "basics/dns: in progress"
    code, out, _ = cmd("mark", "basics/http", "in progress")  # the words work as input too
    assert code == 0 and out.strip() == "basics/http: in progress"
    code, out, _ = cmd("list")
    line = next(line for line in out.splitlines() if "basics/dns" in line)
    assert line.startswith("◐ in progress ")
    assert any(line.startswith("○ to do ") for line in out.splitlines())
    code, out, _ = cmd("show", "basics/dns")
    assert "◐ in progress · " in out
    code, out, _ = cmd("reset", "basics/dns")
    assert out.strip() == "basics/dns: to do"
    for word in ("in-progress", "todo"):
        assert word not in cmd("list")[1]
