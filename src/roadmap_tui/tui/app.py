"""RoadmapApp: the roadmap tree beside the topic details; every change saved at once."""

from __future__ import annotations

import contextlib
import os
import shlex
import subprocess
import tempfile
from pathlib import Path

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, TextArea, Tree

from roadmap_tui.core.roadmap import Roadmap, Topic
from roadmap_tui.core.stats import Tally, branch_counts, next_topic, summary
from roadmap_tui.core.symbols import STATUS_LABEL
from roadmap_tui.core.textsafe import clean
from roadmap_tui.storage.progress import COMPLETE, ProgressError, ProgressStore, TopicProgress
from roadmap_tui.storage.saver import Saver, SaveResult
from roadmap_tui.storage.uistate import ViewState, load_state, save_state
from roadmap_tui.tui.commands import RoadmapCommands
from roadmap_tui.tui.widgets.header import ProgressHeader
from roadmap_tui.tui.widgets.roadmap_tree import RoadmapTree
from roadmap_tui.tui.widgets.topic_view import Jump, Link, NoteEditor, TopicView

FILTERS = ("all", "todo", "in-progress", "done", "skipped")
NOTE_SAVE_DELAY = 0.4
POLL_INTERVAL = 1.0
NARROW_WIDTH = 100
EXPAND_ALL_LIMIT = 600  # a filtered tree is shown fully expanded up to this many lines


def is_essential(topic: Topic) -> bool:
    """Focus mode keeps core topics and those most source roadmaps agree on."""
    return topic.kind == "core" or len(topic.sources) >= 3


class SaveDone(Message):
    """Posted (from the save thread) when a save finished or failed."""

    def __init__(self, result: SaveResult) -> None:
        self.result = result
        super().__init__()


class SearchBox(Input):
    """The search box. The tree is filtered as soon as the text changes, inside the key's own
    handling, so the frame that echoes the key already shows the filtered tree (through
    ``Input.Changed`` the filtering came after a frame of the echo alone, and its own frame had
    to wait for the next screen update)."""

    def watch_value(self, value: str) -> None:
        screen = self.screen
        if isinstance(screen, MainScreen):
            screen.search_for(value)


class MainScreen(Screen):
    AUTO_FOCUS = "#tree"
    _detail_timer = None
    BINDINGS = [
        Binding("space", "toggle_done", "Done", tooltip="Toggle done on the highlighted topic"),
        Binding("i", "mark('in-progress')", "Learning", tooltip="Mark in progress"),
        Binding("s", "mark('skipped')", "Skip", tooltip="Mark skipped"),
        Binding("r", "mark('todo')", "Reset", show=False, tooltip="Back to to do"),
        # priority: the input is mounted and focused inside the key's own handling, so keys
        # typed right after it go into the input (not to the tree, where they mark topics)
        Binding("n", "edit_note", "Note", tooltip="Edit the note in place", priority=True),
        Binding("e", "edit_external", "$EDITOR", show=False, tooltip="Edit the note in $EDITOR"),
        Binding("slash", "search", "Search", tooltip="Filter the tree by text", priority=True),
        Binding("f", "cycle_filter", "Filter", tooltip="Cycle the status filter"),
        Binding("w", "next_topic", "Next", tooltip="Jump to the next topic to learn"),
        Binding("right_square_bracket", "unfinished(1)", "Next unfinished", show=False),
        Binding("left_square_bracket", "unfinished(-1)", "Previous unfinished", show=False),
        Binding("o", "open_resource", "Open link", show=False),
        Binding("u,ctrl+z", "undo", "Undo", show=False),
        Binding("E", "expand_all", "Expand all", show=False),
        Binding("C", "collapse_all", "Collapse all", show=False),
        Binding("F", "toggle_focus_mode", "Focus mode", show=False),
        Binding("d", "toggle_detail", "Details", show=False),
        Binding("t", "app.stats", "Stats", tooltip="Statistics, activity and forecast"),
        Binding("question_mark,f1", "help", "Help", tooltip="Keys and symbols"),
        Binding("q", "app.quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        app = self.app
        assert isinstance(app, RoadmapApp)
        yield ProgressHeader(id="header")
        with Horizontal(id="body"):
            with Vertical(id="left"):
                # the search box is mounted on the first `/` (a lighter first screen)
                yield RoadmapTree(app.roadmap, app.status_of, app.counts_of, id="tree")
            yield TopicView(app.roadmap, id="detail")
        yield Footer()

    def on_mount(self) -> None:
        app = self.app
        assert isinstance(app, RoadmapApp)
        tree = self.tree
        state = app.view_state
        app.focus_mode = state.focus_mode
        if app.focus_mode:
            app.apply_visibility(keep_cursor=False)
        else:
            tree.rebuild(state.expanded)
        if not (state.cursor and tree.reveal(state.cursor)) and tree.root.children:
            tree.move_cursor_to_line(0)
        self.set_focus(tree)  # now: keys typed from the first frame on find it focused
        app._render_header()
        self._apply_width(self.size.width)
        # from the first frame on (the first topic comes with Tree.NodeHighlighted), the
        # details follow the cursor in the same frame as the cursor itself
        self.call_after_refresh(self.watch, tree, "cursor_line", self._cursor_moved, init=False)

    def _cursor_moved(self) -> None:
        """The tree's cursor moved (a key, a click, a jump): show its topic now, before the
        screen paints the cursor, so that one frame shows both. (Tree.NodeHighlighted comes
        after that frame: the details would follow in a frame of their own, 17-33 ms later.)"""
        if not self._typing_search():  # while typing a search: see _highlighted
            self.app.show_detail(self.tree.cursor_topic_id)
            if not self._preparing:
                self._preparing = True
                self.call_after_refresh(self._prepare_neighbours)

    _preparing = False

    def _prepare_neighbours(self) -> None:
        """After the frame: render the descriptions of the topics above and below the cursor,
        where it most often goes next."""
        self._preparing = False
        tree, detail = self.tree, self.detail
        app = self.app
        assert isinstance(app, RoadmapApp)
        for line in (tree.cursor_line + 1, tree.cursor_line - 1):
            node = tree.get_node_at_line(line) if line >= 0 else None
            topic = app.roadmap.get(node.data) if node is not None and node.data else None
            if topic is not None:
                detail.prepare(topic, app.entry(topic.id).note)

    @property
    def tree(self) -> RoadmapTree:
        return self.query_one("#tree", RoadmapTree)

    @property
    def detail(self) -> TopicView:
        return self.query_one("#detail", TopicView)

    def on_resize(self, event) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        self.set_class(width < NARROW_WIDTH, "narrow")
        self.app.refresh_header()

    # ------------------------------------------------------------------ tree events

    def _typing_search(self) -> bool:
        focused = self.focused
        return focused is not None and focused.id == "search"

    @on(Tree.NodeHighlighted, "#tree")
    def _highlighted(self, event: Tree.NodeHighlighted) -> None:
        if self._typing_search():
            # while typing a search the cursor jumps with every key: let the tree answer each
            # keystroke at once and show the details when typing pauses
            if self._detail_timer is not None:
                self._detail_timer.stop()
            topic_id = event.node.data
            self._detail_timer = self.set_timer(0.15, lambda: self.app.show_detail(topic_id))
            return
        self.app.show_detail(event.node.data)

    @on(Jump.Selected)
    def _jump(self, event: Jump.Selected) -> None:
        self.app.jump_to(event.topic_id)

    @on(Link.Opened)
    def _open_link(self, event: Link.Opened) -> None:
        self.app.open_safe_url(event.url)

    @on(TopicView.StatusClicked)
    def _status_clicked(self, event: TopicView.StatusClicked) -> None:
        self.app.request_mark(event.topic_id, event.status)

    # ------------------------------------------------------------------ search

    def search_box(self) -> Input | None:
        found = self.query("#search")
        return found.first(Input) if found else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # while an input has focus, n and / are typed into it (the footer shows them dimmed)
        if action in ("edit_note", "search") and isinstance(self.focused, (Input, TextArea)):
            return None
        return True

    async def action_search(self) -> None:
        search = self.search_box()
        if search is None:
            search = SearchBox(placeholder="search titles, descriptions, notes…", id="search")
            await self.query_one("#left").mount(search, before=self.tree)
        search.display = True
        self.set_focus(search)

    def search_for(self, text: str) -> None:
        """Filter the tree for the text of the search box (called as it changes)."""
        app = self.app
        if text != app.search_text:
            app.search_text = text
            app.apply_visibility()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        app = self.app
        tree = self.tree
        first = app.first_visible_match()
        if first:
            tree.reveal(first)
        tree.focus()
        if not event.value and (search := self.search_box()) is not None:
            search.display = False

    def key_escape(self) -> None:
        search = self.search_box()
        if search is not None and search.display:
            cursor = self.tree.cursor_topic_id
            self.app.search_text = ""
            search.value = ""
            search.display = False
            self.app.apply_visibility(cursor=cursor)
            self.tree.focus()

    # ------------------------------------------------------------------ notes

    async def action_edit_note(self) -> None:
        topic = self.app.cursor_topic()
        if topic is None or topic.is_section:
            self.app.say("Pick a topic first: sections have no note.", severity="warning")
            return
        entry = self.app.entry(topic.id)
        self.app.begin_note_edit(topic.id, entry.note)
        editor = await self.detail.start_editing(topic.id, entry.note)
        self.set_focus(editor)

    @on(NoteEditor.Changed)
    def _note_typed(self, event: NoteEditor.Changed) -> None:
        editor = event.text_area
        if isinstance(editor, NoteEditor) and editor.display and editor.topic_id:
            self.app.note_typed(editor.topic_id, editor.text)

    @on(NoteEditor.Finished)
    def _note_finished(self, event: NoteEditor.Finished) -> None:
        self.app.finish_note_edit(event.topic_id, event.text)
        self.detail.stop_editing()
        self.app.show_detail(event.topic_id, force=True)
        self.tree.focus()

    # ------------------------------------------------------------------ actions

    def action_toggle_done(self) -> None:
        topic = self.app.cursor_topic()
        if topic is None:
            return
        status = "todo" if self.app.entry(topic.id).status == "done" else "done"
        if topic.is_section:
            status = "done"
        self.app.request_mark(topic.id, status)

    def action_mark(self, status: str) -> None:
        topic = self.app.cursor_topic()
        if topic is not None:
            self.app.request_mark(topic.id, status)

    def action_cycle_filter(self) -> None:
        app = self.app
        app.status_filter = FILTERS[(FILTERS.index(app.status_filter) + 1) % len(FILTERS)]
        app.apply_visibility()
        app.refresh_header()

    def action_toggle_focus_mode(self) -> None:
        self.app.action_toggle_focus_mode()

    def action_next_topic(self) -> None:
        app = self.app
        upcoming = app.compute_next()
        if upcoming is None:
            app.say("Nothing left to learn: every topic is done or skipped.")
            return
        app.jump_to(upcoming.topic.id)
        app.say(f"Next: {upcoming.topic.title} ({upcoming.reason})", timeout=3)

    def action_unfinished(self, direction: int) -> None:
        self.app.jump_unfinished(direction)

    def action_open_resource(self) -> None:
        topic = self.app.cursor_topic()
        if topic is None or not topic.resources:
            self.app.say("This topic has no resources.", severity="warning")
            return
        self.app.open_safe_url(topic.resources[0].url)

    def action_undo(self) -> None:
        self.app.undo()

    def action_expand_all(self) -> None:
        self.tree.expand_everything()

    def action_collapse_all(self) -> None:
        tree = self.tree
        topic_id = tree.cursor_topic_id
        tree.collapse_everything()
        if topic_id and (topic := self.app.roadmap.get(topic_id)) is not None:
            section = tree.nodes_by_id.get(topic.section)
            if section is not None:
                tree.move_cursor_to(section)

    def action_toggle_detail(self) -> None:
        self.toggle_class("detail-hidden")

    def action_help(self) -> None:
        from roadmap_tui.tui.screens.dialogs import HelpScreen  # screens load when first shown

        self.app.push_screen(HelpScreen())

    def action_edit_external(self) -> None:
        self.app.edit_note_externally()


class RoadmapApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "roadmap-tui"
    COMMANDS = App.COMMANDS | {RoadmapCommands}
    BINDINGS = [Binding("ctrl+c", "quit", "Quit", show=False, priority=True)]

    def __init__(
        self,
        roadmap: Roadmap,
        store: ProgressStore,
        *,
        state_path: Path | None = None,
        load_error: ProgressError | None = None,
        poll_interval: float = POLL_INTERVAL,
        roadmap_path: Path | None = None,
        today=None,
        retry_interval: float = 2.0,
    ) -> None:
        super().__init__()
        self.retry_interval = retry_interval
        self.roadmap_path = roadmap_path or roadmap.path
        self.today = today  # a fixed date for the statistics (tests); None = the real today
        self.roadmap = roadmap
        self.store = store
        self.state_path = state_path
        self.load_error = load_error
        self.poll_interval = poll_interval
        self.entries: dict[str, TopicProgress] = {}
        self.counts: dict[str, list[int]] = {}
        self.status_counts: dict[str, int] = dict.fromkeys(
            ("todo", "in-progress", "done", "skipped"), 0
        )
        self.topic_total = 0
        self._header_pending = False
        self._next_pending = False
        self._unsubmitted: list = []
        self.view_state = load_state(state_path, roadmap.id) if state_path else ViewState()
        self.status_filter = "all"
        self.search_text = ""
        self.focus_mode = False
        self.shown_ids: set[str] | None = None
        self.undo_stack: list[list[tuple[str, str | None, str | None]]] = []
        self.save_state = ""
        self.saver: Saver | None = None
        self._note_before: dict[str, str] = {}
        self._note_timer = None
        self._pending_note: tuple[str, str] | None = None
        self._search_pool: list[tuple[Topic, str]] | None = None
        self._search_cache: dict[str, list[tuple[Topic, str]]] = {}
        self._matched: list[str] = []
        self._next_cache = None
        self._force_quit = False
        if self.view_state.theme and self.view_state.theme in self.available_themes:
            self.theme = self.view_state.theme
        else:
            self.theme = "textual-dark"

    # ------------------------------------------------------------------ start-up

    def on_mount(self) -> None:
        if self.load_error is not None:
            from roadmap_tui.tui.screens.dialogs import ProgressErrorScreen

            error = self.load_error
            message = str(error)
            self.push_screen(
                ProgressErrorScreen(message, str(self.store.path)), self._after_error_screen
            )
            return
        # After the app's start-up batch: Textual drops the frames drawn inside it, and the
        # main screen's first frame (the tree) would only reach the terminal ~100 ms later.
        self.call_later(self.start_main)

    def _after_error_screen(self, choice: str | None) -> None:
        if choice != "fresh":
            self.exit(1)
            return
        try:
            moved = self.store.move_aside()
            self.store.load()
        except (ProgressError, OSError) as exc:
            self.say(f"Could not move the file aside: {exc}", severity="error", timeout=10)
            from roadmap_tui.tui.screens.dialogs import ProgressErrorScreen

            self.push_screen(
                ProgressErrorScreen(str(exc), str(self.store.path)), self._after_error_screen
            )
            return
        self.load_error = None
        self.say(f"Moved the unreadable file to {moved}. Starting fresh.", timeout=8)
        self.start_main()

    def start_main(self) -> None:
        self.entries = dict(self.store.topics())
        self._recount()
        self.saver = self._new_saver(self.store)
        self.push_screen(MainScreen())
        if self.poll_interval > 0:
            self.set_interval(self.poll_interval, self._poll_disk)

    def say(self, message: str, **kwargs) -> None:
        """A notification whose text is shown as text: no markup, no control characters."""
        self.notify(clean(message), markup=False, **kwargs)

    # ------------------------------------------------------------------ model helpers

    def entry(self, topic_id: str) -> TopicProgress:
        return self.entries.get(topic_id) or TopicProgress()

    def status_of(self, topic_id: str) -> str:
        entry = self.entries.get(topic_id)
        return entry.status if entry is not None else "todo"

    def counts_of(self, topic_id: str) -> tuple[int, int]:
        complete, total = self.counts.get(topic_id, (0, 0))
        return complete, total

    def _recount(self) -> None:
        """Counts from scratch (at start and after a reload); changes then update them."""
        status_of = self.status_of
        self.counts = {
            tid: list(pair) for tid, pair in branch_counts(self.roadmap, status_of).items()
        }
        totals = dict.fromkeys(("todo", "in-progress", "done", "skipped"), 0)
        for topic in self.roadmap.topics():
            totals[status_of(topic.id)] += 1
        self.status_counts = totals
        self.topic_total = sum(totals.values())
        self._next_cache = None

    def _set_entry(self, topic_id: str, entry: TopicProgress) -> None:
        old = self.status_of(topic_id)
        if self.entry(topic_id).note != entry.note:
            self._forget_search_index()
        self.entries[topic_id] = entry
        if topic_id in self.roadmap and not self.roadmap[topic_id].is_section:
            self.status_counts[old] -= 1
            self.status_counts[entry.status] += 1
        if (old in COMPLETE) != (entry.status in COMPLETE):
            delta = 1 if entry.status in COMPLETE else -1
            for parent in self.roadmap.parents(topic_id):
                bucket = self.counts.setdefault(parent.id, [0, 0])
                bucket[0] += delta
        if old != entry.status:
            self._next_cache = None

    def compute_next(self):
        if self._next_cache is None:
            only = is_essential if self.focus_mode else None
            started = [tid for tid, e in self.entries.items() if e.status == "in-progress"]
            self._next_cache = (
                next_topic(self.roadmap, self.status_of, only=only, in_progress=started),
            )
        return self._next_cache[0]

    def cursor_topic(self) -> Topic | None:
        screen = self.main_screen()
        if screen is None:
            return None
        topic_id = screen.tree.cursor_topic_id
        return self.roadmap.get(topic_id) if topic_id else None

    def main_screen(self) -> MainScreen | None:
        for screen in reversed(self.screen_stack):
            if isinstance(screen, MainScreen):
                return screen
        return None

    # ------------------------------------------------------------------ display

    def refresh_header(self) -> None:
        """Redraw the header once, after the current batch of changes (cheap to call often)."""
        if not self._header_pending:
            self._header_pending = True
            self.call_after_refresh(self._render_header)

    def _render_header(self) -> None:
        self._header_pending = False
        screen = self.main_screen()
        if screen is None:
            return
        tally = Tally(
            total=self.topic_total,
            done=self.status_counts["done"],
            in_progress=self.status_counts["in-progress"],
            skipped=self.status_counts["skipped"],
            todo=self.status_counts["todo"],
        )
        screen.query_one(ProgressHeader).render_header(
            self.roadmap.title,
            tally,
            status_filter=self.status_filter,
            search=self.search_text,
            focus_mode=self.focus_mode,
            save_state=self.save_state,
        )

    def show_detail(self, topic_id: str | None, force: bool = False) -> None:
        screen = self.main_screen()
        if screen is None or topic_id is None:
            return
        topic = self.roadmap.get(topic_id)
        if topic is None:
            return
        detail = screen.detail
        if detail.editing and detail.topic_id != topic_id:
            # the cursor left the topic being edited: keep its note and stop editing
            editor = detail.editor
            self.finish_note_edit(editor.topic_id, editor.text)
            detail.stop_editing()
        if force:
            detail.forget()
        if self._next_cache is None:
            # the next-topic rule walks the whole roadmap: show the topic now, the reason after
            reason = None
            self._schedule_next_reason()
        else:
            upcoming = self._next_cache[0]
            reason = upcoming.reason if upcoming and upcoming.topic.id == topic_id else None
        counts = self.counts_of(topic_id) if topic.children else None
        detail.show(topic, self.entry(topic_id), self.status_of, counts, reason)

    def _schedule_next_reason(self) -> None:
        if not self._next_pending:
            self._next_pending = True
            self.set_timer(0.05, self._show_next_reason)

    def _show_next_reason(self) -> None:
        self._next_pending = False
        screen = self.main_screen()
        if screen is None:
            return
        self.compute_next()
        self.show_detail(screen.tree.cursor_topic_id)

    def refresh_topics(self, topic_ids) -> None:
        screen = self.main_screen()
        if screen is None:
            return
        ids = list(topic_ids)
        screen.tree.refresh_labels(ids)
        self.refresh_header()
        self.show_detail(screen.tree.cursor_topic_id)

    # ------------------------------------------------------------------ visibility

    # The search runs over the model, never over the widgets: one lower-cased text per topic
    # (title, summary, description, aliases and note), and a small cache of recent queries.
    # Typing one more letter only narrows the previous result, so each keystroke looks at the
    # topics that still match rather than at the whole roadmap.

    def _search_index(self) -> list[tuple[Topic, str]]:
        if self._search_pool is None:
            pool = []
            for topic in self.roadmap.topics():
                hay = " ".join(
                    (topic.title, topic.summary, topic.description, " ".join(topic.aliases))
                )
                entry = self.entries.get(topic.id)
                if entry is not None and entry.note:
                    hay = f"{hay}\n{entry.note}"
                pool.append((topic, hay.casefold()))
            self._search_pool = pool
        return self._search_pool

    def _forget_search_index(self) -> None:
        """Notes changed: the next search rebuilds its index."""
        self._search_pool = None
        self._search_cache = {}

    def text_matches(self, query: str) -> list[tuple[Topic, str]]:
        """The topics whose text contains every word of ``query``, in roadmap order."""
        query = " ".join(query.casefold().split())
        cache = self._search_cache
        if query in cache:
            return cache[query]
        base = max((q for q in cache if q and query.startswith(q)), key=len, default=None)
        pool = cache[base] if base is not None else self._search_index()
        words = query.split()
        if len(words) == 1:  # the common case, without a generator per topic
            word = words[0]
            found = [(topic, hay) for topic, hay in pool if word in hay]
        else:
            found = [(topic, hay) for topic, hay in pool if all(w in hay for w in words)]
        if len(cache) > 64:
            cache.clear()
        cache[query] = found
        return found

    def _passes_filters(self, topic: Topic) -> bool:
        if self.focus_mode and not is_essential(topic):
            return False
        return self.status_filter == "all" or self.status_of(topic.id) == self.status_filter

    def apply_visibility(self, keep_cursor: bool = True, cursor: str | None = None) -> None:
        screen = self.main_screen()
        if screen is None:
            return
        tree = screen.tree
        cursor = cursor or (tree.cursor_topic_id if keep_cursor else None)
        filtering = self.focus_mode or self.status_filter != "all" or self.search_text.strip()
        self._matched = []
        if not filtering:
            expanded = tree.expanded_ids() if tree.shown_ids is None else self.view_state.expanded
            self.shown_ids = None
            tree.show_only(None, expanded, cursor=cursor)
        else:
            if tree.shown_ids is None:
                self.view_state.expanded = tree.expanded_ids()
            if self.search_text.strip():
                pool = [topic for topic, _ in self.text_matches(self.search_text)]
            else:
                pool = self.roadmap.topics()
            if self.focus_mode or self.status_filter != "all":
                passes = self._passes_filters
                matched = [topic.id for topic in pool if passes(topic)]
            else:
                matched = [topic.id for topic in pool]
            self._matched = matched
            visible = set(matched)
            ancestors = self.roadmap.ancestor_ids
            for topic_id in matched:
                chain = ancestors(topic_id)
                # a shown parent has its whole chain shown (or will have: it is a match)
                if chain and chain[-1] not in visible:
                    visible.update(chain)
            self.shown_ids = visible
            tree.show_only(visible, expand_all=len(visible) <= EXPAND_ALL_LIMIT, cursor=cursor)
        if cursor and tree.reveal(cursor):
            pass
        elif tree.root.children:
            tree.move_cursor_to_line(0)
        self.refresh_header()

    def first_visible_match(self) -> str | None:
        return self._matched[0] if self._matched else None

    def jump_to(self, topic_id: str) -> None:
        screen = self.main_screen()
        if screen is None:
            return
        tree = screen.tree
        if not tree.reveal(topic_id):
            # hidden by a filter or search: clear them, then go there
            self.status_filter = "all"
            self.search_text = ""
            self.focus_mode = False
            search = screen.search_box()
            if search is not None:
                search.value = ""
                search.display = False
            self.apply_visibility(cursor=topic_id)
        tree.focus()

    def jump_unfinished(self, direction: int) -> None:
        screen = self.main_screen()
        if screen is None:
            return
        current = screen.tree.cursor_topic_id
        order = list(self.roadmap.topics())
        if direction < 0:
            order.reverse()
        start = 0
        if current is not None:
            ids = [t.id for t in order]
            start = ids.index(current) + 1 if current in ids else 0
        for topic in order[start:] + order[:start]:
            if self.status_of(topic.id) not in COMPLETE and (
                self.shown_ids is None or topic.id in self.shown_ids
            ):
                self.jump_to(topic.id)
                return
        self.say("No unfinished topics left.")

    # ------------------------------------------------------------------ changes

    def request_mark(self, topic_id: str, status: str) -> None:
        topic = self.roadmap.get(topic_id)
        if topic is None:
            return
        if topic.children:
            under = [t.id for t in topic.walk() if not t.is_section and t.id != topic_id]
            label = STATUS_LABEL[status]

            def chosen(choice: str | None) -> None:
                if choice == "all":
                    targets = [t.id for t in topic.walk() if not t.is_section]
                    self.apply_statuses([(tid, status) for tid in targets])
                elif choice == "one" and not topic.is_section:
                    self.apply_statuses([(topic_id, status)])

            from roadmap_tui.tui.screens.dialogs import ConfirmBranchScreen

            self.push_screen(ConfirmBranchScreen(clean(topic.title), label, len(under)), chosen)
            return
        self.apply_statuses([(topic_id, status)])

    def apply_statuses(self, changes: list[tuple[str, str]], record_undo: bool = True) -> None:
        changes = [(tid, s) for tid, s in changes if self.status_of(tid) != s]
        if not changes:
            return
        if record_undo:
            self.undo_stack.append([(tid, self.status_of(tid), None) for tid, _ in changes])
        for tid, status in changes:
            self._set_entry(tid, self.entry(tid)._replace(status=status))
        self._submit(
            "status",
            lambda store, changes=changes: _snapshot_after(
                store, [c[0] for c in changes], lambda: store.set_many(changes)
            ),
        )
        if self.shown_ids is not None and self.status_filter != "all":
            pass  # the topic stays visible until the filter is applied again
        self.refresh_topics([tid for tid, _ in changes])

    def set_note(self, topic_id: str, text: str, record_undo: bool = True) -> None:
        old = self.entry(topic_id).note
        if old == text:
            return
        if record_undo:
            self.undo_stack.append([(topic_id, None, old)])
        self._set_entry(topic_id, self.entry(topic_id)._replace(note=text))
        self._submit(
            "note",
            lambda store: _snapshot_after(
                store, [topic_id], lambda: store.set_note(topic_id, text)
            ),
        )

    def begin_note_edit(self, topic_id: str, text: str) -> None:
        self._note_before[topic_id] = text

    def note_typed(self, topic_id: str, text: str) -> None:
        """Save a note while it is being typed, a moment after the last key."""
        self._pending_note = (topic_id, text)
        if self._note_timer is not None:
            self._note_timer.stop()
        self._note_timer = self.set_timer(NOTE_SAVE_DELAY, self._flush_note)

    def _flush_note(self) -> None:
        if self._pending_note is not None:
            topic_id, text = self._pending_note
            self._pending_note = None
            self.set_note(topic_id, text, record_undo=False)

    def finish_note_edit(self, topic_id: str, text: str) -> None:
        if self._note_timer is not None:
            self._note_timer.stop()
            self._note_timer = None
        self._pending_note = None
        before = self._note_before.pop(topic_id, self.entry(topic_id).note)
        self.set_note(topic_id, text, record_undo=False)
        if before != text:
            self.undo_stack.append([(topic_id, None, before)])
            self.save_state = "saving…"
        self.refresh_topics([topic_id])

    def undo(self) -> None:
        if not self.undo_stack:
            self.say("Nothing to undo.")
            return
        record = self.undo_stack.pop()
        statuses = [(tid, status) for tid, status, _ in record if status is not None]
        if statuses:
            self.apply_statuses(statuses, record_undo=False)
        for tid, _, note in record:
            if note is not None:
                self.set_note(tid, note, record_undo=False)
        ids = [tid for tid, _, _ in record]
        self.refresh_topics(ids)
        if len(ids) == 1:
            topic = self.roadmap.get(ids[0])
            self.say(f"Undone: {topic.title if topic else ids[0]}", timeout=2)
        else:
            self.say(f"Undone: {len(ids)} topics", timeout=2)

    def edit_note_externally(self) -> None:
        topic = self.cursor_topic()
        if topic is None or topic.is_section:
            self.say("Pick a topic first: sections have no note.", severity="warning")
            return
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        before = self.entry(topic.id).note
        fd, name = tempfile.mkstemp(prefix="roadmap-note-", suffix=".md")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(before)
            try:
                with self.suspend():
                    code = subprocess.call([*shlex.split(editor), name])
            except Exception as exc:  # SuspendNotSupported, FileNotFoundError, ...
                self.say(f"Could not run the editor {editor!r}: {exc}", severity="error")
                return
            if code != 0:
                self.say(f"{editor} exited with status {code}; note unchanged.", severity="warning")
                return
            text = Path(name).read_text(encoding="utf-8")
        finally:
            with contextlib.suppress(OSError):
                os.unlink(name)
        if text != before:
            self.set_note(topic.id, text)
            self.refresh_topics([topic.id])
            self.say("Note saved.", timeout=2)

    def action_stats(self) -> None:
        from datetime import date

        from roadmap_tui import report
        from roadmap_tui.core.history import history
        from roadmap_tui.tui.screens.dialogs import StatsScreen

        tally = summary(self.roadmap, {tid: e.status for tid, e in self.entries.items()})
        hist = history(
            self.roadmap, self.entries, dict(self.store.activity()), self.today or date.today()
        )
        self.push_screen(StatsScreen(report.stats_renderable(self.roadmap, tally, hist)))

    def switch_roadmap(self, path: Path) -> None:
        """Open another roadmap over the same progress file (progress is kept per roadmap id)."""
        from roadmap_tui.core.roadmap import RoadmapError, load

        try:
            roadmap = load(path)
        except RoadmapError as exc:
            self.say(f"Cannot open that roadmap:\n{exc}", severity="error", timeout=10)
            return
        store = ProgressStore(self.store.path, roadmap.id)
        try:
            store.load()
        except ProgressError as exc:
            self.say(f"Cannot read progress: {exc}", severity="error", timeout=10)
            return
        self.save_view_state()
        self._hand_to_saver()
        if self.saver is not None and not self.saver.close(timeout=5.0):
            self.say("The last change could not be saved; staying here.", severity="error")
            self.saver = self._new_saver(self.store)
            return
        self.roadmap = roadmap
        self.store = store
        self.roadmap_path = Path(path)
        self.entries = dict(store.topics())
        self._recount()
        self._forget_search_index()
        self.undo_stack = []
        self.status_filter = "all"
        self.search_text = ""
        self.shown_ids = None
        self.view_state = (
            load_state(self.state_path, roadmap.id) if self.state_path else ViewState()
        )
        self.saver = self._new_saver(store)
        self.switch_screen(MainScreen())
        self.say(f"Roadmap: {roadmap.title}", timeout=3)

    def action_toggle_focus_mode(self) -> None:
        self.focus_mode = not self.focus_mode
        self._next_cache = None
        self.apply_visibility()
        self.say(
            "Focus mode: core topics and those most roadmaps list."
            if self.focus_mode
            else "Focus mode off: every topic.",
            timeout=2,
        )

    # ------------------------------------------------------------------ saving

    def _new_saver(self, store: ProgressStore) -> Saver:
        return Saver(
            store,
            lambda result: self.post_message(SaveDone(result)),
            retry_interval=self.retry_interval,
        )

    def _submit(self, label: str, operation) -> None:
        """Queue a save. It is handed to the save thread after the next frame is drawn, so the
        thread's work never delays the screen's answer to a key; the order is kept."""
        if self.saver is None:
            return
        self.save_state = "saving…"
        self._unsubmitted.append((label, operation))
        if len(self._unsubmitted) == 1:
            self.call_after_refresh(self._hand_to_saver)
        self.refresh_header()

    def _hand_to_saver(self) -> None:
        queued, self._unsubmitted = self._unsubmitted, []
        if self.saver is not None:
            for label, operation in queued:
                self.saver.submit(label, operation)

    def on_save_done(self, message: SaveDone) -> None:
        result = message.result
        if result.ok:
            if result.label == "poll":
                if result.value:
                    self._reload(result.value)
                return
            if result.pending == 0:
                self.save_state = "saved ✓"
                snapshot = result.value or {}
                for tid, entry in snapshot.items():
                    if self._pending_note is None or self._pending_note[0] != tid:
                        if self.entry(tid).note != entry.note:
                            self._forget_search_index()
                        self.entries[tid] = entry
                self._schedule_clear_saved()
        else:
            self.save_state = f"not saved: retrying ({result.pending} waiting)"
            self.say(
                f"Could not save: {result.error}\nYour change is kept and will be retried.",
                severity="error",
                timeout=6,
            )
        self.refresh_header()

    def _schedule_clear_saved(self) -> None:
        def clear() -> None:
            if self.save_state == "saved ✓":
                self.save_state = ""
                self.refresh_header()

        self.set_timer(2.0, clear)

    def _poll_disk(self) -> None:
        if self.saver is None or self.saver.pending or self._unsubmitted:
            return
        self.saver.submit("poll", _reload_if_changed)

    def _reload(self, value) -> None:
        kind, payload = value
        if kind == "error":
            self.say(
                f"The progress file changed on disk and cannot be read:\n{payload}\n"
                "Nothing will be written over it until it is fixed.",
                severity="error",
                timeout=10,
            )
            return
        fresh: dict[str, TopicProgress] = payload
        changed = [
            tid
            for tid in set(fresh) | set(self.entries)
            if fresh.get(tid, TopicProgress()) != self.entries.get(tid, TopicProgress())
        ]
        if not changed:
            return
        self.entries = dict(fresh)
        self._forget_search_index()
        self._recount()
        screen = self.main_screen()
        if screen is not None:
            screen.tree.refresh_all_labels()
            self.refresh_header()
            self.show_detail(screen.tree.cursor_topic_id, force=True)
        self.say(f"Progress changed on disk: reloaded ({len(changed)} topics).", timeout=3)

    # ------------------------------------------------------------------ links

    def open_safe_url(self, url: str) -> None:
        if not url.lower().startswith(("http://", "https://")):
            self.say(f"Not opening {url!r}: only http and https links open.", severity="error")
            return
        self.open_url(url)
        self.say(f"Opening {url}", timeout=2)

    # ------------------------------------------------------------------ quitting

    def save_view_state(self) -> None:
        screen = self.main_screen()
        if screen is None or self.state_path is None:
            return
        tree = screen.tree
        expanded = tree.expanded_ids() if tree.shown_ids is None else self.view_state.expanded
        self.view_state = ViewState(
            theme=self.theme,
            cursor=tree.cursor_topic_id or "",
            expanded=expanded,
            focus_mode=self.focus_mode,
            last_roadmap=str(self.roadmap_path or ""),
        )
        save_state(self.state_path, self.roadmap.id, self.view_state)

    async def action_quit(self) -> None:
        screen = self.main_screen()
        if screen is not None and screen.detail.editing:
            editor = screen.detail.editor
            self.finish_note_edit(editor.topic_id, editor.text)
            screen.detail.stop_editing()
        self._flush_note()
        self.save_view_state()
        if self.saver is not None and not self._force_quit and not self.saver.flush(timeout=5.0):
            reason = self.saver.last_error or "the last save did not finish"

            def answer(quit_anyway: bool | None) -> None:
                if quit_anyway:
                    self._force_quit = True
                    self.exit(0)

            from roadmap_tui.tui.screens.dialogs import QuitAnywayScreen

            self.push_screen(QuitAnywayScreen(reason), answer)
            return
        self.exit(0)

    def on_unmount(self) -> None:
        self._hand_to_saver()
        if self.saver is not None:
            self.saver.close(timeout=5.0)


def _snapshot_after(store: ProgressStore, topic_ids, action):
    action()
    return {tid: store.get(tid) for tid in topic_ids}


def _reload_if_changed(store: ProgressStore):
    if not store.changed_on_disk():
        return None
    try:
        store.load()
    except ProgressError as exc:
        return ("error", str(exc))
    return ("ok", dict(store.topics()))
