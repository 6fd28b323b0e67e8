"""`validate`: every problem of a roadmap with its file and line; a broken roadmap elsewhere."""

from __future__ import annotations

import pytest

from tests.cli_helpers import fails, ok

pytestmark = pytest.mark.usefixtures("isolated_env")


def test_validate_ok_line(run, roadmap_file):
    out, err = ok(run("validate", roadmap_file))
    assert out.strip() == f"{roadmap_file}: ok: 2 sections, 7 topics, 17 hours"
    assert err == ""


def test_validate_without_file_checks_the_current_roadmap(run, roadmap_file, monkeypatch):
    out, _ = ok(run("--roadmap", roadmap_file, "validate"))
    assert out.strip() == f"{roadmap_file}: ok: 2 sections, 7 topics, 17 hours"
    out, _ = ok(run("validate", "--roadmap", roadmap_file))
    assert out.strip() == f"{roadmap_file}: ok: 2 sections, 7 topics, 17 hours"
    monkeypatch.setenv("ROADMAP_TUI_ROADMAP", str(roadmap_file))
    out, _ = ok(run("validate"))
    assert out.strip() == f"{roadmap_file}: ok: 2 sections, 7 topics, 17 hours"


BROKEN_ROADMAP = """\
[roadmap]
id = "broken"
title = "Broken"

[[section]]
id = "one"
title = "One"

[[section.topic]]
id = "a"
titel = "A"
summary = "x"

[[section.topic]]
id = "b"
title = "B"
kind = "essential"
prerequisites = ["one/zzz"]
"""


def test_validate_lists_every_problem_with_file_and_line(run, tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text(BROKEN_ROADMAP, encoding="utf-8")
    code, out, err = run("validate", path)
    assert code == 1
    assert out == ""
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert f"{path}:11:" in err  # unknown key 'titel'
    assert "titel" in err and "did you mean 'title'" in err
    assert f"{path}:9:" in err  # topic one/a has no title
    assert f"{path}:17:" in err  # kind 'essential'
    assert "essential" in err
    assert f"{path}:18:" in err  # prerequisite names no topic
    assert "one/zzz" in err
    problems = [line for line in lines if line.startswith(f"{path}:")]
    assert len(problems) == 4
    assert lines[-1] == "4 problems found"


def test_validate_toml_syntax_error_names_the_line(run, tmp_path):
    path = tmp_path / "syntax.toml"
    path.write_text('[roadmap]\nid = "x"\ntitle = "X\n', encoding="utf-8")
    err = fails(run("validate", path))
    assert f"{path}:3:" in err
    assert "1 problem found" in err


def test_validate_missing_file(run, tmp_path):
    path = tmp_path / "nope.toml"
    err = fails(run("validate", path))
    assert str(path) in err


def test_broken_roadmap_is_a_clean_error_for_other_commands(run, tmp_path, progress_file):
    path = tmp_path / "broken.toml"
    path.write_text(BROKEN_ROADMAP, encoding="utf-8")
    err = fails(run("--roadmap", path, "--progress", progress_file, "status"))
    assert f"{path}:11:" in err
    assert not progress_file.exists()
