"""Pilot tests of the last friction of the polish issue: filters, the detail pane during a
search, the palette's keys and the status words, the $EDITOR file, the clipboard, the welcome.

Assertions are about what a user notices."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

from .helpers import SIZE, cursor, detail_title, goto, visible_ids


async def test_a_search_that_hides_the_pane_s_topic_moves_the_pane(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "basics")  # the first line: the search keeps the cursor on line 0
        await pilot.press("slash", *"gopher")
        await pilot.pause()
        assert visible_ids(app) == ["web", "web/protocols", "web/protocols/gopher"]
        assert detail_title(app) == "Web" == app.roadmap[cursor(app)].title
        await pilot.press("escape")
        await goto(pilot, "basics/intro")
        await pilot.press("slash", *"dns")  # no pause: the pane never shows a hidden topic
        assert "basics/intro" not in visible_ids(app)
        assert detail_title(app) == app.roadmap[cursor(app)].title


async def test_the_editor_file_is_named_after_the_topic_in_a_private_dir_removed_after(
    make_app, mini, tmp_path, monkeypatch
):
    seen = tmp_path / "seen.txt"
    monkeypatch.delenv("VISUAL", raising=False)
    # the editor records the file it was given, and its folder's permissions
    monkeypatch.setenv(
        "EDITOR", f'sh -c \'echo "$0" > {seen}; stat -c %a "$(dirname "$0")" >> {seen}\''
    )
    app = make_app(mini)
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "web/protocols/http")
        await pilot.press("e")
        await pilot.pause()
    name, mode = seen.read_text().split()
    path = Path(name)
    assert re.fullmatch(r"roadmap-tui-web-protocols-http-\w+\.md", path.name), path.name
    assert mode == "700"
    assert not path.exists() and not path.parent.exists()
