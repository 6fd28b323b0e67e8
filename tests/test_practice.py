"""Practice evidence, without the app: parsing a project's checklist, checking links, the
changes and their merge, the progress file's round trip, two processes saving at once, and
what a local repository says (real git repositories in tmp_path, no git, a hung git)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from roadmap_tui.core.practice import (
    LinkError,
    RepoInfo,
    TopicPractice,
    apply_practice,
    checklist,
    checklist_state,
    describe_repo,
    item_key,
    normalize_link,
)
from roadmap_tui.storage.gitinfo import repo_info
from roadmap_tui.storage.paths import bundled_path
from roadmap_tui.storage.progress import ProgressError, ProgressStore
from roadmap_tui.storage.roadmaps import load

DESCRIPTION = """\
A first project.

**Practise:** build it. It must include:
- endpoints to create and list todos
- storage in a real SQL database
* tests for every endpoint
Done when it works.

- not an item: after the list
"""


# ---- the checklist ------------------------------------------------------------------------


def test_checklist_is_the_bullets_after_must_include():
    items = checklist(DESCRIPTION)
    assert [i.text for i in items] == [
        "endpoints to create and list todos",
        "storage in a real SQL database",
        "tests for every endpoint",
    ]
    assert items[0].key == "endpoints-to-create-and-list-todos"


def test_no_must_include_no_checklist():
    assert checklist("Some text.\n- a bullet\n- another") == ()
    assert checklist("") == ()


def test_keys_are_unique_short_and_stable_slugs():
    items = checklist("It must include:\n- Tests!\n- tests\n- " + "word " * 30)
    assert [i.key for i in items[:2]] == ["tests", "tests-2"]
    assert len(items[2].key) <= 40 and items[2].key.startswith("word-word")
    assert item_key("A 400 or 422 response, JSON error") == "a-400-or-422-response-json-error"


def test_every_bundled_project_has_a_checklist():
    roadmap = load(bundled_path())
    projects = [t for t in roadmap["projects"].children]
    assert projects
    for project in projects:
        items = checklist(project.description)
        assert len(items) >= 5, project.id
        assert all(not i.text.startswith("-") for i in items)


def test_ticks_follow_the_key_not_the_position():
    items = checklist(DESCRIPTION)
    practice = TopicPractice(checked=(items[1].key, "an-item-since-removed"))
    state = checklist_state(items, practice)
    assert [done for _, done in state] == [False, True, False]
    reordered = checklist(DESCRIPTION.replace("- storage in a real SQL database\n", "", 1))
    assert [done for _, done in checklist_state(reordered, practice)] == [False, False]


# ---- links --------------------------------------------------------------------------------


def test_paths_are_kept_absolute(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert normalize_link("~/code/app/") == str(tmp_path / "home" / "code" / "app")
    assert normalize_link("work/../app", cwd="/srv") == "/srv/app"
    assert normalize_link("  /abs/path  ") == "/abs/path"


def test_urls_must_be_http_or_https():
    assert normalize_link("https://github.com/me/app") == "https://github.com/me/app"
    assert normalize_link("HTTP://example.org") == "HTTP://example.org"
    for bad in ("ftp://host/x", "file:///etc/passwd", "javascript:alert(1)", "mailto:a@b"):
        with pytest.raises(LinkError, match="only http and https"):
            normalize_link(bad)
    with pytest.raises(LinkError, match="needs a host"):
        normalize_link("https://")
    with pytest.raises(LinkError, match="empty"):
        normalize_link("   ")
    with pytest.raises(LinkError, match="control character"):
        normalize_link("/tmp/a\x1b[31m")


def test_apply_practice_adds_once_and_removes_only_what_it_names():
    practice: dict[str, TopicPractice] = {}
    apply_practice(practice, "link", "t", ("/a", "/b", "/a"), False)
    apply_practice(practice, "link", "t", ("/b", "/c"), False)
    assert practice["t"].links == ("/a", "/b", "/c")
    apply_practice(practice, "check", "t", ("k1",), False)
    apply_practice(practice, "link", "t", ("/b", "/gone"), True)
    assert practice["t"] == TopicPractice(("/a", "/c"), ("k1",))
    apply_practice(practice, "link", "t", ("/a", "/c"), True)
    apply_practice(practice, "check", "t", ("k1",), True)
    assert "t" not in practice  # nothing left: no table


def test_describe_repo():
    when = datetime(2026, 11, 30, 18, 5, tzinfo=UTC)
    local = when.astimezone().strftime("%Y-%m-%d %H:%M")  # shown in local time
    assert describe_repo(RepoInfo("repo", 12, when)) == f"git: 12 commits, last {local}"
    assert describe_repo(RepoInfo("repo", 1, when)).startswith("git: 1 commit,")
    assert "no such path" in describe_repo(RepoInfo("missing"))
    assert "git is not installed" in describe_repo(RepoInfo("no-git"))
    assert describe_repo(RepoInfo("error", detail="timed out")) == "git: timed out"


# ---- the progress file --------------------------------------------------------------------


def test_store_round_trip_keeps_links_ticks_and_unknown_keys(tmp_path):
    path = tmp_path / "progress.toml"
    store = ProgressStore(path, "r")
    store.link("projects/app", ["/home/me/app", "https://example.org/app"])
    store.check("projects/app", ["tests", "storage"])
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    table = data["roadmaps"]["r"]["practice"]["projects/app"]
    assert table == {
        "links": ["/home/me/app", "https://example.org/app"],
        "checked": ["tests", "storage"],
    }
    # a key added by hand (or by a newer version) survives the next save
    path.write_text(path.read_text(encoding="utf-8") + 'badge = "gold"\n', encoding="utf-8")
    other = ProgressStore(path, "r")
    other.check("projects/app", ["storage"], remove=True)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["roadmaps"]["r"]["practice"]["projects/app"]["badge"] == "gold"
    assert other.practice_of("projects/app").checked == ("tests",)
    assert other.activity() == {}  # evidence is not learning activity


def test_two_processes_link_and_tick_at_once(tmp_path):
    path = tmp_path / "progress.toml"
    one, two = ProgressStore(path, "r"), ProgressStore(path, "r")
    one.load()
    two.load()
    one.link("t", ["/one"])
    two.link("t", ["/two"])  # two has not re-read: its save replays onto the file on disk
    one.check("t", ["a"])
    two.check("t", ["b"])
    two.link("t", ["/one"], remove=True)  # a removal removes only what it names
    fresh = ProgressStore(path, "r")
    assert fresh.practice_of("t") == TopicPractice(("/two",), ("a", "b"))


def test_a_corrupt_practice_table_is_refused_and_never_overwritten(tmp_path):
    path = tmp_path / "progress.toml"
    text = 'schema = 1\n[roadmaps.r.practice."t"]\nlinks = "/not/a/list"\n'
    path.write_text(text, encoding="utf-8")
    store = ProgressStore(path, "r")
    with pytest.raises(ProgressError) as info:
        store.link("t", ["/x"])
    assert "links must be an array of strings" in str(info.value)
    assert info.value.line == 3
    assert path.read_text(encoding="utf-8") == text


# ---- what a local repository says ---------------------------------------------------------


def git(*args: str, cwd: Path) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@needs_git
def test_a_repository_gives_its_commit_count_and_last_date(tmp_path, monkeypatch):
    repo = tmp_path / "app"
    repo.mkdir()
    git("init", "-q", cwd=repo)
    assert repo_info(str(repo)).state == "empty"
    for n, day in enumerate(("2026-11-01T10:00:00+00:00", "2026-11-29T21:30:00+00:00")):
        monkeypatch.setenv("GIT_COMMITTER_DATE", day)
        git("commit", "-q", "--allow-empty", "-m", f"c{n}", cwd=repo)
    info = repo_info(str(repo))
    assert info.state == "repo"
    assert info.commits == 2
    assert info.last_commit == datetime(2026, 11, 29, 21, 30, tzinfo=UTC)
    # a folder inside the repository is the repository's work too
    (repo / "src").mkdir()
    assert repo_info(str(repo / "src")).commits == 2


@needs_git
def test_not_a_repository_missing_or_a_file(tmp_path, monkeypatch):
    plain = tmp_path / "plain"
    plain.mkdir()
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # no repository above it
    info = repo_info(str(plain))
    assert info.state == "not-a-repo"
    assert describe_repo(info) == "not a git repository"
    assert repo_info(str(tmp_path / "nowhere")).state == "missing"
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    assert repo_info(str(tmp_path / "file.txt")).state == "not-a-dir"


def test_no_git_installed(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    info = repo_info(str(tmp_path))
    assert info.state == "no-git"
    assert describe_repo(info) == "git is not installed: no commit count"


def test_a_hung_git_is_stopped_at_the_timeout(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "git"
    # a git that never answers, and starts a child that holds its output open
    fake.write_text("#!/bin/sh\nsleep 30 &\nsleep 30\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    start = time.monotonic()
    info = repo_info(str(tmp_path), timeout=0.5)
    assert time.monotonic() - start < 5
    assert info.state == "error"
    assert describe_repo(info) == "git: git did not answer within 0.5 s"


def test_evidence_under_a_former_id_reads_as_the_topics_and_moves_on_change(tmp_path):
    path = tmp_path / "progress.toml"
    ProgressStore(path, "r").link("old/app", ["/a", "/b"])
    store = ProgressStore(path, "r", renamed={"old/app": "new/app"})
    assert store.practice_of("new/app").links == ("/a", "/b")
    store.link("new/app", ["/a"], remove=True)
    data = tomllib.loads(path.read_text(encoding="utf-8"))["roadmaps"]["r"]["practice"]
    assert data == {"new/app": {"links": ["/b"]}}  # moved, and the removed link stays gone
    assert ProgressStore(path, "r", renamed={"old/app": "new/app"}).practice_of(
        "new/app"
    ).links == ("/b",)


def test_merge_practice_is_a_union_and_importing_twice_adds_nothing(tmp_path):
    path = tmp_path / "progress.toml"
    store = ProgressStore(path, "r")
    store.link("t", ["/ours"])
    theirs = {"t": TopicPractice(("/theirs", "/ours"), ("k",)), "u": TopicPractice(("/u",))}
    assert store.merge_practice(theirs) == (2, 1)
    assert store.merge_practice(theirs) == (0, 0)
    fresh = ProgressStore(path, "r")
    assert fresh.practice_of("t") == TopicPractice(("/ours", "/theirs"), ("k",))
    assert fresh.practice_of("u").links == ("/u",)
