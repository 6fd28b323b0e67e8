"""Helpers of the Pilot tests: what the user sees (tree lines, header, detail pane, messages)
and ways to drive the app."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from rich.cells import cell_len
from textual.command import CommandPalette
from textual.widgets import Button, OptionList, Static

from roadmap_tui.core.loader import parse
from roadmap_tui.core.roadmap import Resource, Roadmap
from roadmap_tui.tui.screens.filters import FilterScreen
from roadmap_tui.tui.screens.main import MainScreen

from .conftest import MINI_TOML, read_progress, wait_for

SIZE = (120, 40)


UNDER_PROTOCOLS = (
    "web/protocols",
    "web/protocols/http",
    "web/protocols/http/methods",
    "web/protocols/dns",
    "web/protocols/gopher",
)


def main(app) -> MainScreen:
    for screen in app.screen_stack:
        if isinstance(screen, MainScreen):
            return screen
    raise AssertionError(f"no main screen in {app.screen_stack}")


def cursor(app) -> str | None:
    return main(app).tree.cursor_topic_id


def visible(app) -> list[str]:
    """The labels of the tree lines a user can see (expanded branches), top to bottom."""
    tree = main(app).tree
    out, line = [], 0
    while (node := tree.get_node_at_line(line)) is not None:
        out.append(str(node.label))
        line += 1
    return out


def visible_ids(app) -> list[str]:
    """The topic ids of every tree line (expanded branches), top to bottom."""
    tree = main(app).tree
    out, line = [], 0
    while (node := tree.get_node_at_line(line)) is not None:
        out.append(node.data)
        line += 1
    return out


def label(app, topic_id: str) -> str:
    return str(main(app).tree.nodes_by_id[topic_id].label)


def tree_on_screen(app) -> list[tuple[str, str]]:
    """(topic id, the text of its line as the terminal shows it) for every tree line on screen,
    top to bottom: what the compositor paints, so a stale repaint would show here."""
    tree = main(app).tree
    region = tree.scrollable_content_region
    strips = app.screen._compositor.render_strips()
    out = []
    for row in range(region.height):
        node = tree.get_node_at_line(tree.scroll_offset.y + row)
        if node is None:
            break
        text = strips[region.y + row].crop(region.x, region.right).text.rstrip()
        out.append((node.data, text))
    return out


def assert_tree_on_screen_is_the_model(app) -> None:
    """Every tree line on screen shows its topic's current label (status, branch counts), with
    an expand icon exactly when something under it is shown."""
    from roadmap_tui.core.stats import branch_counts

    tree = main(app).tree
    session = main(app).session
    # from scratch, not the app's tallies
    counts = branch_counts(app.roadmap, session.status_of, session.choices)
    relabel = type(tree)(
        app.roadmap,
        session.status_of,
        lambda tid: tuple(counts.get(tid, (0, 0))),
        choice_tag=session.choice_tag,
        has_note=tree.has_note,
    )
    shown = main(app).tree.shown_ids
    width = tree.scrollable_content_region.width
    for topic_id, text in tree_on_screen(app):
        topic = app.roadmap[topic_id]
        expected = str(relabel.label_for(topic))
        if any(shown is None or c.id in shown for c in topic.children):
            icon = "▼ " if tree.nodes_by_id[topic_id].is_expanded else "▶ "
            expected = icon + expected
        else:
            assert not text.endswith(("▼ " + expected, "▶ " + expected)), (topic_id, text)
        if cell_len(text) >= width:  # a label longer than the tree is cut with an ellipsis
            start = text.find(expected[:12])
            cut = text[start:].removesuffix("…")
            assert start >= 0 and expected.startswith(cut), (topic_id, text, expected)
            continue
        assert text.endswith(expected), (topic_id, text, expected)


def header(app) -> str:
    return str(main(app).query_one("#header", Static).render())


def _shown(widget, stop) -> bool:
    node = widget
    while node is not None and node is not stop:
        if not node.display:
            return False
        node = node.parent
    return True


def rendered(widget: Static) -> str:
    """The text a Static shows, as a user reads it (rich renderables such as the Markdown of
    descriptions and notes rendered to plain text)."""
    import io

    from rich.console import Console

    content = widget.render()
    renderable = getattr(content, "_renderable", None)
    if hasattr(renderable, "__rich_console__"):  # Markdown, or what wraps it
        console = Console(width=100, file=io.StringIO(), record=True, color_system=None)
        console.print(renderable)
        return "\n".join(line.rstrip() for line in console.export_text().splitlines()).strip()
    return str(content)


def detail_text(app) -> str:
    """The text of the detail pane: every shown Static, rendered, in order."""
    view = main(app).detail
    parts = []
    for widget in view.query("*"):
        if not _shown(widget, view):
            continue
        if isinstance(widget, Static) and not isinstance(widget, Button):
            parts.append(rendered(widget))
    return "\n".join(parts)


def detail_title(app) -> str:
    return str(main(app).detail.query_one("#title", Static).render())


def note_shown(app) -> str:
    return rendered(main(app).detail.query_one("#note", Static))


def screen_text(app) -> str:
    """Every character on the terminal (the composited screen, dialogs and toasts included)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def saved(pilot) -> None:
    """Wait for the save thread, then let the app handle its reports."""
    assert pilot.app.saver.flush(timeout=5)
    await pilot.pause()


async def goto(pilot, topic_id: str) -> None:
    assert main(pilot.app).tree.reveal(topic_id)
    await pilot.pause()
    assert cursor(pilot.app) == topic_id


def no_entries(path: Path, roadmap_id: str = "mini") -> bool:
    return not read_progress(path).get("roadmaps", {}).get(roadmap_id, {}).get("topics")


def replace_resources(roadmap: Roadmap, topic_id: str, resources: tuple[Resource, ...]) -> Roadmap:
    """The roadmap with other resources on one topic (the loader only accepts http(s) urls)."""

    def rebuild(node):
        children = tuple(rebuild(c) for c in node.children)
        if node.id == topic_id:
            return dataclasses.replace(node, resources=resources, children=children)
        return dataclasses.replace(node, children=children)

    return Roadmap(
        id=roadmap.id,
        title=roadmap.title,
        sections=tuple(rebuild(s) for s in roadmap.sections),
        sources=roadmap.sources,
        description=roadmap.description,
        version=roadmap.version,
    )


def type_fast(app, *keys: str) -> None:
    """Queue key presses the way a fast typist (or a paste into the terminal) sends them: all at
    once, none waiting for what the one before it opened."""
    from textual import events

    names = {" ": "space", "/": "slash"}
    characters = {"space": " ", "enter": "\r", "escape": "\x1b", "slash": "/"}
    for key in keys:
        key = names.get(key, key)
        app.post_message(events.Key(key, characters.get(key, key if len(key) == 1 else None)))


def urls_opened(app) -> list[str]:
    """The urls the app asks the browser to open, from now on (none is opened for real, and
    the app is told it has a browser)."""
    opened: list[str] = []
    app.open_url = lambda url, **kw: opened.append(url)
    app.why_no_browser = lambda: None
    return opened


async def tab_to(pilot, widget) -> None:
    """Press tab until ``widget`` has the focus, as a user would."""
    for _ in range(12):
        if pilot.app.focused is widget:
            break
        await pilot.press("tab")
    await pilot.pause()
    assert pilot.app.focused is widget


def rendered_rows(widget) -> list[str]:
    """The rows a widget shows on screen, as text."""
    return [strip.text.rstrip() for strip in widget.render_lines(widget.region.reset_offset)]


def styled_rows(lines) -> list[int]:
    """The lines of a box drawn with a background of their own (hover or highlight)."""
    content = lines.render()  # what the widget shows, one line per item
    rows, start = [], 0
    for index, row in enumerate(content.plain.split("\n")):
        end = start + len(row)
        if any(
            span.start <= start and span.end >= end and _background(span.style)
            for span in content.spans
        ):
            rows.append(index)
        start = end + 1
    return rows


def _background(style) -> bool:
    """Whether a style (rich's or Textual's) sets a background colour."""
    background = getattr(style, "bgcolor", None) or getattr(style, "background", None)
    return background is not None and getattr(background, "a", 1) > 0


def highlighted_row(lines) -> int | None:
    rows = styled_rows(lines)
    assert len(rows) <= 1, rows
    return rows[0] if rows else None


async def _palette_run(pilot, query: str, expected_prompt: str) -> None:
    app = pilot.app
    await pilot.press("ctrl+p")
    assert await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
    await pilot.press(*query)
    assert await wait_for(pilot, lambda: expected_prompt in screen_text(app))
    await pilot.press("enter")
    assert await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))


async def pick_filter(pilot, choice: str) -> None:
    """m, then the arrow keys down to ``choice`` in the filter menu, then enter."""
    app = pilot.app
    await pilot.press("m")
    assert await wait_for(pilot, lambda: isinstance(app.screen, FilterScreen))
    menu = app.screen.query_one(OptionList)
    await pilot.press("home")
    for _ in range(len(menu.options)):
        if menu.highlighted_option is not None and menu.highlighted_option.id == choice:
            break
        await pilot.press("down")
    assert menu.highlighted_option.id == choice
    await pilot.press("enter")
    assert await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))


CORRUPT = b'schema = 1\n\n[roadmaps.mini.topics."basics/intro"]\nstatus = "done\n'


MARKUP = "[bold]Big[/bold] [red]alarm[/red]"


# a right-to-left override (U+202E) shows as U+FFFD: it would reverse what follows it
SHOWN = "[bold]Big[/bold] [red]alarm[/red] ␛[31mRed \ufffdgis"


def markup_roadmap() -> Roadmap:
    """The mini roadmap with markup and an escape sequence in the roadmap title and two topics."""
    raw = MARKUP + r" \u001b[31mRed \u202egis"
    text = (
        MINI_TOML.replace('title = "Mini Roadmap"', f'title = "{raw}"')
        .replace('title = "Introduction"', f'title = "{raw} intro"')
        .replace('title = "Protocols"', f'title = "{raw} protocols"')
    )
    return parse(text)


def stats_text(app) -> str:
    import io

    from rich.console import Console

    console = Console(width=100, file=io.StringIO(), record=True)
    console.print(app.screen.renderable)
    return console.export_text()


def search_result(app, query: str) -> list[str]:
    """What a search should show, by a plain scan of the model: the topics whose title,
    summary, description, aliases or note hold every word, and their parents, in roadmap
    order."""
    roadmap = app.roadmap
    words = query.casefold().split()

    def text(topic) -> str:
        entry = main(app).session.entries.get(topic.id)
        note = entry.note if entry is not None else ""
        return " ".join(
            (topic.title, topic.summary, topic.description, " ".join(topic.aliases), note)
        ).casefold()

    matched = {t.id for t in roadmap.topics() if all(w in text(t) for w in words)}
    shown = matched | {a for tid in matched for a in roadmap.ancestor_ids(tid)}
    return [node.id for node in roadmap.nodes() if node.id in shown]
