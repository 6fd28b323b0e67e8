"""Practice evidence in the app: link your work (L), what the pane says of a link (a real git
repository, a missing path), opening and removing links, and ticking a project's checklist (x)
with the suggestion to mark it done."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from textual.widgets import Input, SelectionList

from roadmap_tui.core.practice import checklist
from roadmap_tui.storage.progress import ProgressStore
from roadmap_tui.tui.screens.main import MainScreen
from roadmap_tui.tui.screens.practice_dialogs import ChecklistScreen, LinkWorkScreen

from .conftest import read_progress, wait_for
from .helpers import _palette_run, detail_text, goto, main, messages, saved, urls_opened

SIZE = (120, 50)
TODO_API = "projects/todo-api"


def practice_of(path: Path, topic: str) -> dict:
    roadmap = read_progress(path).get("roadmaps", {}).get("backend", {})
    return roadmap.get("practice", {}).get(topic, {})


def make_repo(path: Path, commits: int) -> None:
    path.mkdir()
    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@e.org"}
    env |= {"GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@e.org"}
    env["GIT_COMMITTER_DATE"] = "2026-11-28T12:00:00+00:00"
    subprocess.run(["git", "init", "-q"], cwd=path, env=env, check=True)
    for n in range(commits):
        subprocess.run(
            ["git", "commit", "-q", "--allow-empty", "-m", f"c{n}"], cwd=path, env=env, check=True
        )


async def test_link_a_url_from_the_dialog_saves_and_shows_it(make_app, bundled, progress_path):
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, TODO_API)
        assert "Your work" not in detail_text(app)  # no links: no box
        await pilot.press("L")
        assert await wait_for(pilot, lambda: isinstance(app.screen, LinkWorkScreen))
        await pilot.press(*"ftp://example.org/x", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LinkWorkScreen)  # refused, the dialog stays
        assert "only http and https URLs can be linked" in str(
            app.screen.query_one("#link-error").render()
        )
        app.screen.query_one(Input).value = "https://github.com/me/todo-api"
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        await saved(pilot)
        assert practice_of(progress_path, TODO_API) == {"links": ["https://github.com/me/todo-api"]}
        assert await wait_for(pilot, lambda: "Your work" in detail_text(app))
        assert "https://github.com/me/todo-api" in detail_text(app)
        # enter on the link opens it as a resource
        opened = urls_opened(app)
        links = main(app).detail.query_one("#work-lines")
        links.focus()
        await pilot.press("enter")
        assert opened == ["https://github.com/me/todo-api"]
        # delete removes it
        await pilot.press("delete")
        await saved(pilot)
        assert practice_of(progress_path, TODO_API) == {}
        assert await wait_for(pilot, lambda: "Your work" not in detail_text(app))


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
async def test_a_local_repository_shows_its_commits_and_a_missing_path_says_so(
    make_app, bundled, progress_path, tmp_path
):
    repo = tmp_path / "todo-api"
    make_repo(repo, 3)
    store = ProgressStore(progress_path, bundled.id)
    store.link(TODO_API, [str(repo), str(tmp_path / "gone")])
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, TODO_API)
        assert await wait_for(pilot, lambda: "git: 3 commits, last 2026-11-2" in detail_text(app))
        text = detail_text(app)
        assert str(repo) in text
        assert "no such path: moved, or on another machine?" in text
        # cached for the session: a new commit shows only in a new session
        env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@e.org"}
        env |= {"GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@e.org"}
        subprocess.run(["git", "commit", "-q", "--allow-empty", "-m", "x"], cwd=repo, env=env)
        await goto(pilot, "projects/notes-app")
        await goto(pilot, TODO_API)
        await pilot.pause()
        assert "git: 3 commits" in detail_text(app)


async def test_no_git_says_so_in_the_pane(make_app, bundled, progress_path, tmp_path, monkeypatch):
    folder = tmp_path / "work"
    folder.mkdir()
    ProgressStore(progress_path, bundled.id).link(TODO_API, [str(folder)])
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, TODO_API)
        assert await wait_for(
            pilot, lambda: "git is not installed: no commit count" in detail_text(app)
        )


async def test_tick_the_checklist_and_get_told_when_all_are_ticked(
    make_app, bundled, progress_path
):
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, TODO_API)
        text = detail_text(app)
        assert "Checklist 0/6" in text
        assert "[ ] 1. endpoints to create, list, fetch, update and delete todos" in text
        await pilot.press("x")
        assert await wait_for(pilot, lambda: isinstance(app.screen, ChecklistScreen))
        items = app.screen.query_one(SelectionList)
        for n in range(5):
            items.highlighted = n
            await pilot.press("space")
        await pilot.press("escape")
        await saved(pilot)
        assert len(practice_of(progress_path, TODO_API)["checked"]) == 5
        assert not any("Every item" in m for m in messages(app))
        assert await wait_for(pilot, lambda: "Checklist 5/6" in detail_text(app))
        assert "[x] 1. endpoints" in detail_text(app)
        await pilot.press("x")
        assert await wait_for(pilot, lambda: isinstance(app.screen, ChecklistScreen))
        items = app.screen.query_one(SelectionList)
        items.highlighted = 5
        await pilot.press("space")
        await pilot.press("escape")
        await saved(pilot)
        assert any("Every item of Todo API is ticked" in m for m in messages(app))
        assert await wait_for(pilot, lambda: "Checklist 6/6" in detail_text(app))
        # a suggestion only: the project is not marked
        assert main(app).session.status_of(TODO_API) == "todo"
        assert "topics" not in read_progress(progress_path)["roadmaps"]["backend"]


async def test_no_checklist_and_sections_say_so(make_app, bundled):
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "internet/http")
        assert "Checklist" not in detail_text(app)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any("has no checklist" in m for m in messages(app))
        await goto(pilot, "internet")
        await pilot.press("L")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any("sections have no links" in m for m in messages(app))


async def test_the_palette_links_and_removes(make_app, bundled, progress_path, tmp_path):
    ProgressStore(progress_path, bundled.id).link(TODO_API, ["https://example.org/a"])
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, TODO_API)
        await _palette_run(pilot, "Remove link", "Remove link: https://example.org/a")
        await saved(pilot)
        assert practice_of(progress_path, TODO_API) == {}
        await pilot.press("ctrl+p")
        await pilot.press(*"Link your work", "enter")
        assert await wait_for(pilot, lambda: isinstance(app.screen, LinkWorkScreen))


async def test_a_hung_git_never_blocks_the_app(
    make_app, bundled, progress_path, tmp_path, monkeypatch
):
    from roadmap_tui.storage import gitinfo

    folder = tmp_path / "work"
    folder.mkdir()
    ProgressStore(progress_path, bundled.id).link(TODO_API, [str(folder)])
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "git").write_text("#!/bin/sh\nsleep 30\n", encoding="utf-8")
    (bin_dir / "git").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    monkeypatch.setattr(gitinfo, "GIT_TIMEOUT", 1.0)
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, TODO_API)
        assert "looking at the repository…" in detail_text(app)
        # the app answers keys while git hangs
        await pilot.press("down")
        assert main(app).tree.cursor_topic_id == "projects/notes-app"
        await pilot.press("up")
        assert await wait_for(
            pilot, lambda: "git: git did not answer within 1 s" in detail_text(app), timeout=5
        )


async def test_a_link_added_by_another_program_shows_in_the_open_pane(
    make_app, bundled, progress_path
):
    app = make_app(bundled, poll_interval=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, TODO_API)
        assert "Your work" not in detail_text(app)
        # another terminal: `roadmap-tui link todo-api URL`, `check todo-api 1`
        other = ProgressStore(progress_path, bundled.id)
        other.link(TODO_API, ["https://example.org/elsewhere"])
        other.check(TODO_API, [checklist(bundled[TODO_API].description)[0].key])
        assert await wait_for(
            pilot, lambda: "https://example.org/elsewhere" in detail_text(app), timeout=5
        )
        assert "Checklist 1/6" in detail_text(app)


async def test_links_from_a_hostile_file_are_shown_as_text(make_app, bundled, progress_path):
    progress_path.write_text(
        'schema = 1\n[roadmaps.backend.practice."projects/todo-api"]\n'
        'links = ["[bold red]/no/such[/]", "/tmp/\\u001b[31mred"]\n'
        'checked = ["[link=https://evil.example]x[/link]"]\n',
        encoding="utf-8",
    )
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, TODO_API)
        assert await wait_for(pilot, lambda: "no such path" in detail_text(app))
        text = detail_text(app)
        assert "[bold red]/no/such[/]" in text
        assert "/tmp/␛[31mred" in text
        assert "Checklist 0/6" in text  # a key of no item: not counted
