"""The built wheel carries the bundled roadmap and finds it from any directory."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    (built,) = out.glob("roadmap_tui-*.whl")
    return built


def test_wheel_contains_the_roadmap_and_the_stylesheet(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "roadmap_tui/data/roadmap.toml" in names
    assert "roadmap_tui/tui/app.tcss" in names
    packaged = zipfile.ZipFile(wheel).read("roadmap_tui/data/roadmap.toml")
    assert packaged == (ROOT / "data" / "roadmap.toml").read_bytes()


def test_installed_wheel_finds_its_roadmap_from_any_directory(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import json, roadmap_tui;"
        "import roadmap_tui.storage.paths as p, roadmap_tui.storage.roadmaps as r;"
        "m = r.load(p.bundled_path(), cache=False);"
        "print(json.dumps([roadmap_tui.__file__, str(p.bundled_path()), m.topic_count]))"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r}); {code}"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    module_file, roadmap_path, topics = json.loads(result.stdout)
    assert module_file.startswith(str(site))  # the wheel's copy, not the checkout
    assert roadmap_path == str(site / "roadmap_tui" / "data" / "roadmap.toml")
    assert topics >= 200


def test_sdist_contains_the_roadmap_the_changelog_and_the_tests(tmp_path):
    # the sdist is what a wheel is rebuilt from (pipx and uv build from it too): the roadmap
    # must travel with it, as must the tests and the CI script that check it
    import tarfile

    result = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    (sdist,) = tmp_path.glob("roadmap_tui-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for expected in ("data/roadmap.toml", "CHANGELOG.md", "README.md", "LICENSE", ".ci/run"):
        assert expected in names
    assert "tests/test_serve_browser.py" in names
    assert not any(name.startswith((".venv/", "dist/")) for name in names)
