"""Sync through git, for real: a bare repository and two machines' progress folders in
tmp_path, `sync --init` and `sync` on each, git running the merge driver as a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from roadmap_tui.storage.progress import CONFLICT_MARKER, ProgressStore

pytestmark = pytest.mark.usefixtures("isolated_env")

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
T1 = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)
T2 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def git(*args: str | Path) -> str:
    return subprocess.run(
        ["git", *map(str, args)], check=True, capture_output=True, text=True
    ).stdout


def store(path: Path, when: datetime) -> ProgressStore:
    return ProgressStore(path, "mini", clock=lambda: when)


def read(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))["roadmaps"]["mini"]


@pytest.fixture
def bare(tmp_path: Path) -> Path:
    path = tmp_path / "remote.git"
    git("init", "-q", "--bare", path)
    return path


@pytest.fixture
def machines(tmp_path: Path, run, roadmap_file: Path):
    """Two progress files, each in its own folder (a machine's data directory), and a
    function running roadmap-tui for one of them."""
    a, b = tmp_path / "laptop" / "progress.toml", tmp_path / "work" / "progress.toml"
    a.parent.mkdir()
    b.parent.mkdir()

    def on(progress: Path, *args: str):
        return run("--roadmap", roadmap_file, "--progress", progress, *args)

    return a, b, on


def no_git_markers(text: str) -> bool:
    lines = text.splitlines()
    return not any(line.startswith(("=======", ">>>>>>>", "<<<<<<< ours")) for line in lines)


def test_two_machines_changing_the_same_file_end_with_the_same_merged_file(machines, bare):
    a, b, on = machines
    store(a, T0).set_status("basics/http", "in-progress")
    store(a, T0).set_note("basics/dns", "first line\nsecond line")
    code, out, err = on(a, "sync", "--init", str(bare))
    assert code == 0, err
    assert "pushed" in out

    # the second machine already has progress of its own: init merges both
    store(b, T0).set_status("apis/rest", "done")
    code, out, err = on(b, "sync", "--init", str(bare))
    assert code == 0, err
    assert read(b)["topics"]["basics/http"]["status"] == "in-progress"
    assert read(b)["topics"]["apis/rest"]["status"] == "done"
    assert on(a, "sync")[0] == 0
    assert read(a)["topics"]["apis/rest"]["status"] == "done"

    # both change statuses, the same note (different lines and the same line) and activity
    store(a, T1).set_status("basics/http", "done")
    store(a, T1).set_note("basics/dns", "first line, from the laptop\nsecond line")
    store(b, T2).set_status("basics/extras", "skipped")
    store(b, T2).set_note("basics/dns", "first line, from work\nsecond line")
    store(b, T2).set_status("basics/http", "skipped")  # newer than the laptop's "done"
    for progress in (a, b, a):
        code, out, err = on(progress, "sync")
        assert code == 0, err

    assert a.read_bytes() == b.read_bytes()
    text = a.read_text(encoding="utf-8")
    assert no_git_markers(text)
    topics = read(a)["topics"]
    assert topics["basics/http"]["status"] == "skipped"
    assert topics["basics/extras"]["status"] == "skipped"
    assert topics["apis/rest"]["status"] == "done"
    note = topics["basics/dns"]["note"]
    assert "from the laptop" in note and "from work" in note and CONFLICT_MARKER in note
    # the activity of both machines on each day
    activity = read(a)["activity"]
    assert activity[T1.date().isoformat()] == 2 and activity[T2.date().isoformat()] == 3
    log = git("--git-dir", bare, "log", "--format=%s")
    assert "progress from" in log


def test_a_sync_that_stopped_after_its_commit_is_pushed_by_the_next_one(machines, bare):
    a, _b, on = machines
    store(a, T0).set_status("basics/http", "done")
    assert on(a, "sync", "--init", str(bare))[0] == 0
    hook = a.parent / ".git" / "hooks" / "pre-push"
    hook.write_text("#!/bin/sh\nexit 1\n")  # the push is cut off: no network, a crash
    hook.chmod(0o755)
    store(a, T1).set_status("apis/rest", "in-progress")

    code, out, err = on(a, "sync")
    assert code == 1
    assert err.startswith("roadmap-tui: sync: git push failed") and err.count("\n") == 1
    assert "progress from" in git("-C", a.parent, "log", "-1", "--format=%s")
    assert "apis/rest" not in git("--git-dir", bare, "show", "HEAD:progress.toml")

    hook.unlink()
    code, out, err = on(a, "sync", "--json")
    assert code == 0, err
    assert json.loads(out) | {"repo": ""} == {
        "repo": "",
        "remote": str(bare),
        "committed": False,
        "merged": False,
        "pushed": True,
    }
    assert "apis/rest" in git("--git-dir", bare, "show", "HEAD:progress.toml")


def test_a_conflict_in_a_file_that_is_not_ours_is_reported_and_left_alone(machines, bare):
    a, b, on = machines
    store(a, T0).set_status("basics/http", "done")
    assert on(a, "sync", "--init", str(bare))[0] == 0
    assert on(b, "sync", "--init", str(bare))[0] == 0
    ident = ["-c", "user.name=t", "-c", "user.email=t@t"]
    for progress, text in ((a, "laptop\n"), (b, "work\n")):
        (progress.parent / "README.md").write_text(text)
        git("-C", progress.parent, "add", "README.md")
        git("-C", progress.parent, *ident, "commit", "-q", "-m", "readme")
    assert on(a, "sync")[0] == 0
    store(b, T1).set_note("basics/dns", "kept through it all")
    before = b.read_bytes()

    code, _out, err = on(b, "sync")
    assert code == 1
    assert "conflict in README.md (not a progress file)" in err and err.count("\n") == 1
    assert b.read_bytes() == before  # the progress file as it was, no markers
    assert (b.parent / "README.md").read_text() == "work\n"  # not "fixed", not marked
    assert not (b.parent / ".git" / "MERGE_HEAD").exists()
    # the progress change is committed here, waiting for the user to resolve the README
    assert "kept through it all" in git("-C", b.parent, "show", "HEAD:progress.toml")


def test_init_registers_the_driver_and_ignores_the_side_files(machines):
    a, _, on = machines
    store(a, T0).set_status("basics/http", "done")
    code, out, err = on(a, "sync", "--init")
    assert code == 0, err
    repo = a.parent
    driver = git("-C", repo, "config", "merge.roadmap-progress.driver")
    assert "merge-driver %O %A %B %P" in driver
    assert "/progress.toml merge=roadmap-progress" in (repo / ".gitattributes").read_text()
    assert git("-C", repo, "ls-files").split() == [".gitattributes", ".gitignore", "progress.toml"]
    code, out, err = on(a, "sync", "--status")
    assert code == 0 and "remote:     none" in out
    store(a, T1).set_status("apis/rest", "done")
    code, out, err = on(a, "sync")
    assert code == 0 and "committed" in out and "no remote" in out


def test_repo_elsewhere_must_hold_the_progress_file(machines, tmp_path):
    a, _, on = machines
    code, _out, err = on(a, "sync", "--init", "--repo", str(tmp_path / "elsewhere"))
    assert code == 1 and "is not inside" in err and err.count("\n") == 1


def test_sync_before_init_says_how_to_set_it_up(machines):
    a, _, on = machines
    code, _out, err = on(a, "sync")
    assert code == 1 and "sync --init" in err and err.count("\n") == 1


def test_git_errors_come_back_as_one_line(machines, tmp_path, monkeypatch):
    a, _, on = machines
    code, _out, err = on(a, "sync", "--init", str(tmp_path / "no-such-remote.git"))
    assert code == 1
    assert err.startswith("roadmap-tui: sync: git fetch failed: fatal:") and err.count("\n") == 1
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    code, _out, err = on(a, "sync")
    assert code == 1 and "git is not installed" in err and err.count("\n") == 1


def test_the_merge_driver_refuses_a_damaged_file_and_leaves_ours_alone(tmp_path, run):
    base, ours, theirs = (tmp_path / n for n in ("base.toml", "ours.toml", "theirs.toml"))
    base.write_text("")
    store(ours, T0).set_status("basics/http", "done")
    theirs.write_text("schema = 1\n[roadmaps.mini.topics.x\n")
    before = ours.read_bytes()
    code, _out, err = run("merge-driver", base, ours, theirs, "progress.toml")
    assert code == 1
    assert err.startswith("roadmap-tui merge-driver: progress.toml (theirs):2:")
    assert ours.read_bytes() == before


def test_the_merge_driver_writes_the_merge_into_ours(tmp_path, run):
    base, ours, theirs = (tmp_path / n for n in ("base.toml", "ours.toml", "theirs.toml"))
    store(base, T0).set_status("basics/http", "in-progress")
    for path in (ours, theirs):
        path.write_bytes(base.read_bytes())
    store(ours, T1).set_status("basics/http", "done")
    store(theirs, T2).set_note("apis/rest", "theirs")
    os.chmod(ours, 0o640)
    code, _out, err = run("merge-driver", base, ours, theirs)
    assert code == 0, err
    topics = read(ours)["topics"]
    assert topics["basics/http"]["status"] == "done" and topics["apis/rest"]["note"] == "theirs"
    assert ours.stat().st_mode & 0o777 == 0o640


def test_a_damaged_progress_file_from_the_remote_is_not_merged(machines, bare):
    a, b, on = machines
    store(a, T0).set_status("basics/http", "done")
    assert on(a, "sync", "--init", str(bare))[0] == 0
    assert on(b, "sync", "--init", str(bare))[0] == 0
    b.write_text(b.read_text() + "\n[broken\n")  # a hand edit gone wrong, synced from work
    git("-C", b.parent, "add", "progress.toml")
    git("-C", b.parent, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "x")
    git("-C", b.parent, "push", "-q", "origin", "HEAD")
    store(a, T1).set_note("apis/rest", "mine")
    before = a.read_bytes()

    code, _out, err = on(a, "sync")
    assert code == 1 and err.count("\n") == 1
    assert "the progress file could not be merged" in err and "(theirs)" in err
    assert a.read_bytes() == before
    assert not (a.parent / ".git" / "MERGE_HEAD").exists()


def test_a_study_group_shares_one_repository_with_a_file_each(tmp_path, run, roadmap_file, bare):
    ana, ben = tmp_path / "ana-clone" / "ana.toml", tmp_path / "ben-clone" / "ben.toml"
    store(ana, T0).set_status("basics/http", "done")
    store(ben, T0).set_status("apis/rest", "done")
    for progress, args in ((ana, ("--init", str(bare))), (ben, ("--init", str(bare))), (ana, ())):
        code, out, err = run("--roadmap", roadmap_file, "--progress", progress, "sync", *args)
        assert code == 0, err
    # both members' files in both clones; .gitattributes holds both lines, merged as a union
    for clone in (ana.parent, ben.parent):
        assert sorted(p.name for p in clone.glob("*.toml")) == ["ana.toml", "ben.toml"]
        lines = (clone / ".gitattributes").read_text().splitlines()
        assert "/ana.toml merge=roadmap-progress" in lines
        assert "/ben.toml merge=roadmap-progress" in lines
    code, out, err = run("--roadmap", roadmap_file, "team", str(ana.parent), "--json")
    members = {m["name"]: m["complete"] for m in json.loads(out)["members"]}
    assert members == {"ana": 1, "ben": 1}


def test_each_sync_registers_the_merge_driver_of_this_installation(machines, bare):
    a, b, on = machines
    store(a, T0).set_status("basics/http", "done")
    assert on(a, "sync", "--init", str(bare))[0] == 0
    assert on(b, "sync", "--init", str(bare))[0] == 0
    # roadmap-tui was reinstalled elsewhere since the set-up: the old command is gone
    git("-C", a.parent, "config", "merge.roadmap-progress.driver", "/gone/python -m x %O %A %B")
    store(a, T1).set_note("basics/dns", "laptop")
    store(b, T2).set_note("basics/dns", "work")
    assert on(b, "sync")[0] == 0
    code, _out, err = on(a, "sync")
    assert code == 0, err
    assert "laptop" in read(a)["topics"]["basics/dns"]["note"]
    assert "work" in read(a)["topics"]["basics/dns"]["note"]


def test_sync_waits_for_a_save_in_progress_and_then_says_so(machines, bare, monkeypatch):
    import fcntl

    from roadmap_tui.storage import gitsync
    from roadmap_tui.storage.progress.store import lock_file

    a, _, on = machines
    store(a, T0).set_status("basics/http", "done")
    assert on(a, "sync", "--init", str(bare))[0] == 0
    monkeypatch.setattr(gitsync, "LOCK_TIMEOUT", 0.3)
    fd = os.open(lock_file(a), os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # another roadmap-tui saving, or stuck
        code, _out, err = on(a, "sync")
    finally:
        os.close(fd)
    assert code == 1 and "locked" in err and err.count("\n") == 1


def test_a_git_that_does_not_answer_is_stopped_after_the_timeout(machines, tmp_path, monkeypatch):
    from roadmap_tui.storage import gitsync

    a, _, on = machines
    slow = tmp_path / "slow-bin"
    slow.mkdir()
    (slow / "git").write_text("#!/bin/sh\nexec sleep 30\n")  # a git stuck on the network
    (slow / "git").chmod(0o755)
    monkeypatch.setenv("PATH", f"{slow}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(gitsync, "LOCAL_TIMEOUT", 0.5)
    code, _out, err = on(a, "sync")
    assert code == 1
    assert err == (
        "roadmap-tui: sync: git rev-parse timed out after 0.5 s "
        "(no network, or the remote does not answer)\n"
    )


def test_status_says_what_is_not_pushed_yet(machines, bare):
    a, _, on = machines
    store(a, T0).set_status("basics/http", "done")
    assert on(a, "sync", "--init", str(bare))[0] == 0
    store(a, T1).set_status("apis/rest", "done")
    code, out, err = on(a, "sync", "--status", "--json")
    assert code == 0, err
    info = json.loads(out)
    assert (info["file"], info["remote"], info["changed"]) == ("progress.toml", str(bare), True)
    assert (info["ahead"], info["behind"]) == (0, 0)
    git("-C", a.parent, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "local")
    code, out, err = on(a, "sync", "--status")
    assert "file:       progress.toml\n" in out
    assert "1 commit(s) to push, 0 to merge" in out
