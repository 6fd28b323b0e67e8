"""The main screen: the roadmap tree beside the topic details; every change saved at once.

The screen owns the session (what the user edits), the save queue (the thread that writes the
progress file) and the widgets; the widgets post messages, the screen asks the session and
renders what it says.
"""

from __future__ import annotations

import time
from datetime import datetime

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Static, TextArea, Tree

from roadmap_tui.core.longtext import EDIT_LIMIT, size_label
from roadmap_tui.core.roadmap import Roadmap, Topic
from roadmap_tui.core.session import Change, Session
from roadmap_tui.core.studytime import LONG_TIMER_MINUTES, format_minutes, minutes_in_week
from roadmap_tui.core.symbols import STATUS_LABEL
from roadmap_tui.core.textsafe import clean
from roadmap_tui.core.today import today_lines
from roadmap_tui.storage.progress import ProgressStore, TopicProgress
from roadmap_tui.storage.saver import Saver
from roadmap_tui.storage.uistate import ViewState
from roadmap_tui.tui.external_editor import edit_externally
from roadmap_tui.tui.keys import MAIN_BINDINGS
from roadmap_tui.tui.messages import NoteSaved, Reloaded, ReloadFailed, Saved, SaveFailed
from roadmap_tui.tui.saving import SaveQueue, saving
from roadmap_tui.tui.widgets.header import ProgressHeader
from roadmap_tui.tui.widgets.roadmap_tree import RoadmapTree
from roadmap_tui.tui.widgets.search_box import SearchBox
from roadmap_tui.tui.widgets.topic_view import Jump, Link, NoteEditor, TopicView

NARROW_WIDTH = 100
EXPAND_ALL_LIMIT = 600  # a filtered tree is shown fully expanded up to this many lines
SEARCH_DETAIL_DELAY = 0.15  # while a search is typed, the details follow when typing pauses
SAVED = "saved ✓"
TYPE_AHEAD_PAUSE = 0.4  # after a refused n or e, typed keys are dropped until typing pauses


FILTER_WORDS = {"todo": "to do", "in-progress": "in progress", "done": "done", "skipped": "skipped"}
NOTHING_TO_MARK = "Nothing to mark: no topic is shown."
NO_NOTE = "Pick a topic first: sections have no note."


class MainScreen(Screen):
    AUTO_FOCUS = "#tree"
    BINDINGS = [
        # help first: the footer shows keys in this order, and a narrow one drops the last
        *(b for b in MAIN_BINDINGS if b.id == "main.help"),
        *(b for b in MAIN_BINDINGS if b.id != "main.help"),
        # shown (and run) only when there is a search or a filter to clear: see check_action
        Binding("escape", "clear_view", "Clear", id="main.clear_view"),
    ]

    # vars, not reactives: a reactive would repaint the whole screen on every change; the
    # watchers repaint what shows them (the header, the screen's classes)
    save_state: var[str] = var("", init=False)
    narrow: var[bool] = var(False, init=False)

    def __init__(
        self,
        roadmap: Roadmap,
        store: ProgressStore,
        view_state: ViewState,
        *,
        poll_interval: float = 0,
        retry_interval: float = 2.0,
    ) -> None:
        super().__init__()
        self.roadmap = roadmap
        self.store = store
        self.view_state = view_state
        self.poll_interval = poll_interval
        self.session = Session(roadmap, dict(store.topics()), TopicProgress())
        self.saves = SaveQueue(self, store, retry_interval)
        self.matches: list[str] = []  # the matching topics of the filter or search
        self.expanded_unfiltered: list[str] = list(view_state.expanded)
        self.detail_timer = None
        self.tree_generation = self.session.generation  # the counts the tree's labels show
        self.drop_keys_until = 0.0  # see refuse_edit()
        self.cursor_before_empty: str | None = None  # see apply_view()
        self.search_widget: SearchBox | None = None  # mounted on the first `/`
        self.review_schedules: dict = {}  # topic id -> core.review.Schedule (see recount)
        self.reviews_counted = False

    def compose(self) -> ComposeResult:
        session = self.session
        yield ProgressHeader(id="header")
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield Static(id="empty")  # what an empty filter or search says
                # the search box is mounted on the first `/` (a lighter first screen)
                yield RoadmapTree(
                    self.roadmap,
                    session.status_of,
                    session.counts_of,
                    choice_tag=session.choice_tag,
                    id="tree",
                    has_note=lambda topic_id: bool(session.entry(topic_id).note.strip()),
                    relearn=self.needs_relearning,
                )
            yield TopicView(self.roadmap, id="detail")
        yield Footer()

    def on_mount(self) -> None:
        tree = self.tree
        state = self.view_state
        self.session.focus_mode = state.focus_mode
        if state.focus_mode:
            self.apply_view(keep_cursor=False)
        else:
            tree.rebuild(state.expanded)
        start = state.cursor
        if not start and not state.expanded and not state.focus_mode:
            # a fresh start (no view state): the next topic to learn, its section expanded
            upcoming = self.session.next_topic()
            start = upcoming.topic.id if upcoming is not None else ""
            section = (
                tree.nodes_by_id.get(start) if upcoming and upcoming.topic.is_section else None
            )
            if section is not None:  # a section (a choice to make): its options shown
                tree.ensure_children(section)
                section.expand()
        if not (start and tree.reveal(start)) and tree.root.children:
            tree.move_cursor_to_line(0)
        self.set_focus(tree)  # now: keys typed from the first frame on find it focused
        self.narrow = self.size.width < NARROW_WIDTH
        self.render_header()
        # the review schedules (the due count, the ↺ markers) after the first frame
        self.call_after_refresh(self.recount_reviews)
        # from the first frame on (the first topic comes with Tree.NodeHighlighted), the
        # details follow the cursor in the same frame as the cursor itself
        self.call_after_refresh(self.watch, tree, "cursor_line", self.cursor_moved, init=False)
        if self.poll_interval > 0:
            self.set_interval(self.poll_interval, self.saves.poll)
        self.call_after_refresh(self.start_pace)

    def on_unmount(self) -> None:
        # the save thread ends with the screen (it holds the screen, and through it the app)
        self.saves.close()

    @property
    def tree(self) -> RoadmapTree:
        return self.query_one("#tree", RoadmapTree)

    @property
    def detail(self) -> TopicView:
        return self.query_one("#detail", TopicView)

    def cursor_topic(self) -> Topic | None:
        topic_id = self.tree.cursor_topic_id
        return self.roadmap.get(topic_id) if topic_id else None

    def say(self, message: str, **kwargs) -> None:
        """A notification whose text is shown as text: no markup, no control characters."""
        self.notify(clean(message), markup=False, **kwargs)

    # ------------------------------------------------------------------ the view

    def on_resize(self, event) -> None:
        self.narrow = event.size.width < NARROW_WIDTH
        editor = self.detail.editor
        if self.detail.editing and editor is not None:
            # the new layout may have moved the note being typed out of view: bring it back
            self.call_after_refresh(editor.scroll_visible, animate=False)

    def watch_narrow(self, narrow: bool) -> None:
        self.set_class(narrow, "narrow")

    def watch_save_state(self) -> None:
        self.render_header()

    def render_header(self) -> None:
        session = self.session
        self.query_one(ProgressHeader).render_header(
            self.roadmap.title,
            session.tally(),
            status_filter=session.status_filter,
            search=session.search_text,
            focus_mode=session.focus_mode,
            save_state=self.save_state,
            due=self.due_count(),
            timer=self.timer_label(),
            week=self.week_label(),
        )

    def cursor_moved(self) -> None:
        """The tree's cursor moved (a key, a click, a jump): show its topic now, so that the
        frame that shows the cursor shows its details too (Tree.NodeHighlighted comes after
        that frame)."""
        if not self.typing_search():  # while typing a search: see highlighted()
            self.show_detail(self.tree.cursor_topic_id)

    def show_detail(self, topic_id: str | None, force: bool = False) -> None:
        topic = self.roadmap.get(topic_id) if topic_id else None
        if topic is None:
            return
        detail = self.detail
        if detail.editing and detail.topic_id != topic_id and detail.editor is not None:
            # the cursor left the topic being edited: keep its note and stop editing
            self.finish_note_edit(detail.editor.finished())
        if force:
            detail.forget()
        session = self.session
        counts = session.counts_of(topic.id) if topic.children else None
        reason = session.next_reason(topic.id)
        if reason and (review := self.review_reminder()):
            reason = f"{reason}; also {review}"
        note = session.choice_note(topic.id)
        entry = session.entry(topic.id)
        questions, review_state = self.self_check(topic)
        detail.show(
            topic,
            entry,
            session.status_of,
            counts,
            reason,
            choice_note=note,
            questions=questions,
            review_state=review_state,
            hours=session.hours_of(topic.id) if topic.children else None,
            studied=self.studied_minutes(topic.id),
        )

    def refresh_topics(self, topic_ids) -> None:
        """Show the new state of these topics: their labels, the header, the details (every
        label when the session counted again: a pick changes what counts everywhere)."""
        if self.session.generation != self.tree_generation:
            self.tree_generation = self.session.generation
            self.tree.refresh_all_labels()
        else:
            self.tree.refresh_labels(list(topic_ids))
        # a relabelled node repaints once the tree has run the callbacks set_label queues,
        # often a frame later than the header and the details: repaint the screen in the
        # next frame, which draws the new labels with them
        self.refresh()
        self.render_header()
        self.show_detail(self.tree.cursor_topic_id)

    def apply_view(self, keep_cursor: bool = True, cursor: str | None = None) -> None:
        """Show what the session's filter, search and focus mode let through."""
        tree = self.tree
        if keep_cursor:  # the cursor's topic, or the one it was on before nothing was shown
            cursor = cursor or tree.cursor_topic_id or self.cursor_before_empty
        view = self.session.view()
        self.matches = view.matches
        tree.search_words = tuple(self.session.search_text.casefold().split())
        if view.shown is None:
            expanded = tree.expanded_ids() if tree.shown_ids is None else self.expanded_unfiltered
            tree.show_only(None, expanded, cursor=cursor)
        else:
            if tree.shown_ids is None:
                self.expanded_unfiltered = tree.expanded_ids()
            expand_all = len(view.shown) <= EXPAND_ALL_LIMIT
            tree.show_only(view.shown, expand_all=expand_all, cursor=cursor)
        if not (cursor and tree.reveal(cursor)) and tree.root.children:
            tree.move_cursor_to_line(0)
        self.render_header()
        self.show_match_count()
        if tree.root.children:
            self.cursor_before_empty = None
        elif cursor:
            self.cursor_before_empty = cursor
        self.show_empty_state()

    def show_match_count(self) -> None:
        """The number of matching topics, on the search box's bottom border (as text)."""
        search = self.search_box()
        if search is None:
            return
        count = len(self.matches)
        if not self.session.search_text.strip():
            words = ""
        elif count == 0:
            words = " no match "
        else:
            words = f" {count} match{'es' if count != 1 else ''} "
        search.border_subtitle = Text(words)

    def show_empty_state(self) -> None:
        """Say so when the filter, search or focus mode lets no topic through."""
        nothing = not self.tree.root.children
        if nothing:
            self.query_one("#empty", Static).update(Text(clean(self.empty_message())))
        self.set_class(nothing, "nothing-shown")

    def empty_message(self) -> str:
        session = self.session
        search = session.search_text.strip()
        status_filter = session.status_filter
        what = "No topics"
        hints = []
        if status_filter != "all":
            what += f" {FILTER_WORDS[status_filter]}"
            hints.append("f for the next filter")
        if search:
            what += f" match “{search}”"
            hints.append("esc clears the search")
        elif status_filter != "all":
            hints.append("esc for all")
        if session.focus_mode:
            what += " among the essentials"
            hints.append("F for every topic")
        return f"{what}: {', '.join(hints)}"

    def jump_to(self, topic_id: str) -> None:
        tree = self.tree
        if not tree.reveal(topic_id):
            # hidden by a filter or search: clear them, then go there
            self.session.clear_filters()
            self.hide_search()
            self.apply_view(cursor=topic_id)
        tree.focus()

    def view_state_now(self, theme: str, roadmap_path: str) -> ViewState:
        tree = self.tree
        expanded = tree.expanded_ids() if tree.shown_ids is None else self.expanded_unfiltered
        return ViewState(
            theme=theme,
            cursor=tree.cursor_topic_id or "",
            expanded=expanded,
            focus_mode=self.session.focus_mode,
            last_roadmap=roadmap_path,
        )

    # ------------------------------------------------------------------ tree and pane events

    def typing_search(self) -> bool:
        focused = self.focused
        return focused is not None and focused.id == "search"

    @on(Tree.NodeHighlighted, "#tree")
    def highlighted(self, event: Tree.NodeHighlighted) -> None:
        if self.typing_search():
            # while typing a search the cursor jumps with every key: let the tree answer each
            # keystroke at once and show the details when typing pauses
            if self.detail_timer is not None:
                self.detail_timer.stop()
            topic_id = event.node.data
            self.detail_timer = self.set_timer(
                SEARCH_DETAIL_DELAY, lambda: self.show_detail(topic_id)
            )
            return
        self.show_detail(event.node.data)

    @on(Jump.Selected)
    def jump_selected(self, event: Jump.Selected) -> None:
        self.jump_to(event.topic_id)

    @on(Link.Opened)
    def link_opened(self, event: Link.Opened) -> None:
        self.open_safe_url(event.url)

    @on(TopicView.StatusClicked)
    def status_clicked(self, event: TopicView.StatusClicked) -> None:
        self.request_mark(event.topic_id, event.status)

    def open_safe_url(self, url: str) -> None:
        if not url.lower().startswith(("http://", "https://")):
            self.say(f"Not opening {url!r}: only http and https links open.", severity="error")
            return
        why_not = self.app.why_no_browser()
        if why_not is not None:
            # show the link instead (selectable), and copy it: the user opens it elsewhere
            from roadmap_tui.tui.screens.dialogs import LinkScreen

            self.app.copy_to_clipboard(url)
            self.app.push_screen(LinkScreen(clean(url), why_not))
            return
        self.app.open_url(url)
        self.say(f"Opening {url}", timeout=2)

    # ------------------------------------------------------------------ search

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        typing = isinstance(self.focused, (Input, TextArea))
        if action in ("edit_note", "search"):
            # while an input has focus, n and / are typed into it: not in the footer. Straight
            # after a refused edit, the key goes on to on_key, which drops it
            return not (typing or time.monotonic() < self.drop_keys_until)
        if action == "clear_view":  # esc: only when there is a search or a filter to clear
            search = self.search_box()
            searching = search is not None and bool(search.display)
            return searching or self.session.status_filter != "all"
        return True

    def search_box(self) -> SearchBox | None:
        return self.search_widget

    async def action_search(self) -> None:
        search = self.search_box()
        if search is None:
            search = SearchBox(
                self.search_for, placeholder="search titles, descriptions, notes…", id="search"
            )
            await self.query_one("#left").mount(search, before=0)
            self.search_widget = search
        search.display = True
        self.set_focus(search)

    def search_for(self, text: str) -> None:
        """Filter the tree for the text of the search box (called as it changes)."""
        if text != self.session.search_text:
            self.session.search_text = text
            self.apply_view()

    def hide_search(self) -> None:
        search = self.search_box()
        if search is not None:
            search.value = ""
            search.display = False

    @on(Input.Submitted, "#search")
    def search_submitted(self, event: Input.Submitted) -> None:
        if self.matches:
            self.tree.reveal(self.matches[0])
        self.tree.focus()
        if not event.value and (search := self.search_box()) is not None:
            search.display = False

    def action_match(self, direction: int) -> None:
        """> and <: the cursor to the next (or previous) topic the search found, in roadmap
        order from the cursor, wrapping around at the end."""
        if not self.session.search_text.strip():
            self.say("No search: / searches, then > and < go through its matches.")
            return
        if not self.matches:
            self.say("Nothing matches the search.")
            return
        order = {t.id: i for i, t in enumerate(self.roadmap.topics())}
        here = order.get(self.tree.cursor_topic_id or "", -1)
        places = [order[tid] for tid in self.matches]
        if direction > 0:
            later = [i for i, p in enumerate(places) if p > here]
            index = later[0] if later else 0
        else:
            earlier = [i for i, p in enumerate(places) if p < here]
            index = earlier[-1] if earlier else len(places) - 1
        self.tree.reveal(self.matches[index])
        self.tree.focus()
        self.say(f"Match {index + 1} of {len(self.matches)}", timeout=2)

    def action_clear_view(self) -> None:
        """esc: clear the search (and hide its box), else the status filter."""
        search = self.search_box()
        cursor = self.tree.cursor_topic_id
        if search is not None and search.display:
            self.session.search_text = ""
            self.hide_search()
        else:
            self.session.status_filter = "all"
        self.apply_view(cursor=cursor)
        self.tree.focus()

    # ------------------------------------------------------------------ changes and saving

    @property
    def saver(self) -> Saver:
        return self.saves.saver

    def save_statuses(self, changes: list[tuple[str, str]], undo: bool = False) -> None:
        if changes:
            self.save_state = "saving…"
            self.saves.statuses(changes, undo)

    def save_picks(self, picks: list) -> None:
        if picks:
            self.save_state = "saving…"
            self.saves.picks(picks)

    def save_note(
        self, topic_id: str, text: str, base: str | None = None, undo: bool = False
    ) -> None:
        """Save a note edited from ``base`` (None: the note as the store has it)."""
        self.save_state = "saving…"
        self.saves.note(topic_id, text, base, undo)

    def request_mark(self, topic_id: str, status: str) -> None:
        """Mark a topic; a branch asks first whether everything under it goes too."""
        topic = self.roadmap.get(topic_id)
        if topic is None:
            return
        if not topic.children:
            self.apply_statuses([(topic_id, status)])
            return
        from roadmap_tui.tui.screens.dialogs import ConfirmBranchScreen

        def chosen(choice: str | None) -> None:
            if choice in ("all", "one"):
                targets = self.session.targets(topic_id, everything=choice == "all")
                self.apply_statuses([(tid, status) for tid in targets])

        under = len(self.session.targets(topic_id, everything=True)) - (not topic.is_section)
        label = STATUS_LABEL[status]
        dialog = ConfirmBranchScreen(clean(topic.title), label, under, section=topic.is_section)
        self.app.push_screen(dialog, chosen)

    def apply_statuses(self, changes: list[tuple[str, str]]) -> None:
        changed = self.session.set_statuses(changes)
        self.save_statuses(changed)
        if changed:
            self.refresh_topics([tid for tid, _ in changed])

    def on_saved(self, message: Saved) -> None:
        # a rating, a question or a status saved: the store has it, the schedules follow
        self.recount_reviews(list(message.entries), saved=message.entries)
        if message.pending or self.saves.queued:
            return  # more to save: the last one reports
        self.save_state = SAVED
        for topic_id, entry in message.entries.items():
            self.session.put(topic_id, entry)  # with the dates the store set

        def clear() -> None:
            if self.save_state == SAVED:
                self.save_state = ""

        self.set_timer(2.0, clear)

    def on_save_failed(self, message: SaveFailed) -> None:
        self.save_state = f"not saved: retrying ({message.pending} waiting)"
        self.say(
            f"Could not save: {message.error}\nYour change is kept and will be retried.",
            severity="error",
            timeout=6,
        )

    def on_note_saved(self, message: NoteSaved) -> None:
        """A note is saved: if another program had changed it, show the merged text."""
        if message.saved == message.sent:
            return
        detail = self.detail
        editor = detail.editor
        if detail.editing and editor is not None and editor.topic_id == message.topic_id:
            if editor.merge_in(message.saved, message.sent):
                self.say("The note was changed elsewhere too: both changes are kept.")
            return
        entry = self.session.entry(message.topic_id)._replace(note=message.saved)
        self.session.put(message.topic_id, entry)
        self.refresh_topics([message.topic_id])
        self.say("The note was changed elsewhere too: both changes are kept.")

    def on_reloaded(self, message: Reloaded) -> None:
        changed = self.session.replace(message.entries)
        if not changed:
            return
        self.tree_generation = self.session.generation
        detail = self.detail
        editor = detail.editor
        # the note being edited changed on disk: take that change, keep what is typed (not
        # while a save is on its way: its result brings the merged note)
        editing = detail.editing and editor is not None and not self.saves.busy
        if editing and editor.merge_in(self.session.entry(editor.topic_id).note, editor.base):
            self.say("The note was changed elsewhere: its new text is merged in.")
        self.recount_reviews(show=False)
        self.tree.refresh_all_labels()
        self.render_header()
        self.show_detail(self.tree.cursor_topic_id, force=True)
        self.say(f"Progress changed on disk: reloaded ({len(changed)} topics).", timeout=3)

    def on_reload_failed(self, message: ReloadFailed) -> None:
        self.say(
            f"The progress file changed on disk and cannot be read:\n{message.error}\n"
            "Nothing will be written over it until it is fixed.",
            severity="error",
            timeout=10,
        )

    # ------------------------------------------------------------------ refused edits

    def refuse_edit(self, message: str) -> None:
        """Say why an edit cannot start, and drop what is typed straight after it: the text
        meant for the editor must not reach the tree, where `s` would skip a section and `a`
        answer the dialog that follows (keys typed in one burst, up to a pause of
        TYPE_AHEAD_PAUSE, are dropped; a key such as an arrow or esc ends the dropping)."""
        self.drop_keys_until = time.monotonic() + TYPE_AHEAD_PAUSE
        self.say(f"{message} (keys typed straight after it are ignored)", severity="warning")

    def on_key(self, event: events.Key) -> None:
        if not self.drop_keys_until:
            return
        now = time.monotonic()
        if now < self.drop_keys_until and (event.is_printable or event.key == "space"):
            self.drop_keys_until = now + TYPE_AHEAD_PAUSE  # still typing: keep dropping
            event.prevent_default()  # no key_ handler of the screen
            event.stop()  # and no binding: those run when the key reaches the app
        else:
            self.drop_keys_until = 0.0

    # ------------------------------------------------------------------ notes

    async def action_edit_note(self) -> None:
        topic = self.cursor_topic()
        if topic is None or topic.is_section:
            self.refuse_edit(NO_NOTE if topic else "No topic is shown: no note to edit.")
            return
        if self.has_class("detail-hidden"):
            # the editor is in the detail pane: never type into an editor nobody can see
            self.remove_class("detail-hidden")
        note = self.session.entry(topic.id).note
        if len(note) > EDIT_LIMIT:  # the in-place editor would lag for seconds on each key
            self.say(
                f"This note is {size_label(len(note))}: too long to edit here; "
                "opening all of it in your editor.",
                timeout=4,
            )
            self.action_edit_external()
            return
        editor = await self.detail.start_editing(topic.id, note)
        self.set_focus(editor)

    @on(NoteEditor.Typed)
    def note_typed(self, event: NoteEditor.Typed) -> None:
        """Save a note while it is being typed (one step of undo when the edit ends)."""
        if self.session.set_note(event.topic_id, event.text, undoable=False):
            self.save_note(event.topic_id, event.text, event.base)

    @on(NoteEditor.Finished)
    def note_finished(self, event: NoteEditor.Finished) -> None:
        self.finish_note_edit(event)
        self.show_detail(event.topic_id, force=True)
        self.tree.focus()

    def finish_note_edit(self, edit: NoteEditor.Finished) -> None:
        self.detail.stop_editing()
        if self.session.set_note(edit.topic_id, edit.text, undoable=False):
            self.save_note(edit.topic_id, edit.text, edit.base)
        self.session.note_edited(edit.topic_id, edit.before)
        self.refresh_topics([edit.topic_id])

    def finish_editing(self) -> None:
        """Keep the note being edited, if any (before quitting or switching)."""
        detail = self.detail
        if detail.editing and detail.editor is not None:
            self.finish_note_edit(detail.editor.finished())

    def action_edit_external(self) -> None:
        topic = self.cursor_topic()
        if topic is None or topic.is_section:
            self.refuse_edit(NO_NOTE if topic else "No topic is shown: no note to edit.")
            return
        before = self.session.entry(topic.id).note
        text = edit_externally(self.app, before, self.say)
        if text is not None and self.session.set_note(topic.id, text):
            self.save_note(topic.id, text, before)  # merged with changes made meanwhile
            self.refresh_topics([topic.id])
            self.say("Note saved.", timeout=2)

    # ------------------------------------------------------------------ actions

    def action_toggle_done(self) -> None:
        focused = self.focused
        if isinstance(focused, Button):
            # space on a focused button presses it (a status button marks its own status)
            focused.press()
            return
        topic = self.cursor_topic()
        if topic is None:
            self.say(NOTHING_TO_MARK, severity="warning")
            return
        done = self.session.status_of(topic.id) == "done" and not topic.is_section
        self.request_mark(topic.id, "todo" if done else "done")

    def action_mark(self, status: str) -> None:
        topic = self.cursor_topic()
        if topic is None:
            self.say(NOTHING_TO_MARK, severity="warning")
        else:
            self.request_mark(topic.id, status)

    def action_choose(self, how: str = "only") -> None:
        """Pick the highlighted option of a pick-one choice: ``only`` it (the other options
        not chosen), ``also`` it, or ``clear`` the choice's picks."""
        from roadmap_tui.core.choices import NotAnOption, pick, unpick

        topic = self.cursor_topic()
        if topic is None:
            return
        try:
            if how == "clear":
                choice, picks = unpick(self.roadmap, topic)
                message = f"{choice.title}: picks cleared"
            else:
                picks = pick(self.roadmap, topic, also=how == "also")
                message = f"Chosen: {topic.title}" + (" too" if how == "also" else "")
        except NotAnOption:
            hint = " Highlight one of its options." if topic.is_choice else ""
            self.say(f"Not an option of a pick-one choice.{hint}", severity="warning")
            return
        changed = self.session.set_picks(picks)
        self.save_picks(changed)
        if changed:
            self.refresh_topics([tid for tid, _ in changed])
        self.say(message, timeout=2)

    def action_cycle_filter(self) -> None:
        self.session.cycle_filter()
        self.apply_view()

    def action_toggle_focus_mode(self) -> None:
        focus_mode = self.session.toggle_focus_mode()
        self.apply_view()
        self.say(
            "Focus mode: core topics and those most roadmaps list."
            if focus_mode
            else "Focus mode off: every topic.",
            timeout=2,
        )

    def action_next_topic(self) -> None:
        upcoming = self.session.next_topic()
        if upcoming is None:
            self.say("Nothing left to learn: every topic is done or skipped.")
            return
        self.jump_to(upcoming.topic.id)
        review = self.review_reminder()
        also = f". Also {review}" if review else ""
        self.say(f"Next: {upcoming.topic.title} ({upcoming.reason}){also}", timeout=3)

    def review_reminder(self) -> str:
        """The topics that need relearning and how many are due ("" when none): `next` and
        the detail pane mention them beside the next topic, which they do not change."""
        from roadmap_tui.core.review import reminder

        if not self.reviews_counted:  # a key typed before the first count (after the frame)
            self.recount_reviews(show=False)
        found = self.review_schedules  # kept current by recount_reviews
        titles = {tid: self.roadmap[tid].title for tid in found if tid in self.roadmap}
        return reminder(found, titles, self.now(), how="R reviews")

    def action_unfinished(self, direction: int) -> None:
        current = self.tree.cursor_topic_id
        found = self.session.unfinished(current, direction, self.tree.shown_ids)
        if found is None:
            self.say("No unfinished topics left.")
            return
        self.jump_to(found)
        order = [t.id for t in self.roadmap.topics()]
        if current in order:
            # past the end (or the start): say so, or the jump back looks like a mistake
            here, there = order.index(current), order.index(found)
            if there == here:
                self.say("This is the only unfinished topic.", timeout=2)
            elif (there < here) == (direction > 0):
                end = "first" if direction > 0 else "last"
                self.say(f"Wrapped around to the {end} unfinished topic.", timeout=2)

    def action_open_resource(self) -> None:
        topic = self.cursor_topic()
        if topic is None:
            self.say("No topic is shown.", severity="warning")
            return
        if not topic.resources:
            self.say("This topic has no resources.", severity="warning")
            return
        self.open_safe_url(topic.resources[0].url)

    def action_undo(self) -> None:
        self.step_back(self.session.undo(), "Undone", "Nothing to undo.", undo=True)

    def action_redo(self) -> None:
        self.step_back(self.session.redo(), "Redone", "Nothing to redo.")

    def step_back(self, change: Change | None, done: str, nothing: str, undo: bool = False) -> None:
        """Put back a step of undo or redo. An undo takes back the activity its change
        added (the heatmap and streaks count net changes); a redo counts again."""
        if change is None:
            self.say(nothing)
            return
        statuses, notes, picks = self.session.restore(change)
        self.save_statuses(statuses, undo)
        for topic_id, text, base in notes:
            self.save_note(topic_id, text, base, undo)
        self.save_picks(picks)
        ids = change.ids
        self.refresh_topics(ids)
        if len(ids) == 1:
            topic = self.roadmap.get(ids[0])
            self.say(f"{done}: {topic.title if topic else ids[0]}", timeout=2)
        else:
            self.say(f"{done}: {len(ids)} topics", timeout=2)

    def action_expand_all(self) -> None:
        self.tree.expand_everything()

    def action_collapse_all(self) -> None:
        tree = self.tree
        topic = self.cursor_topic()
        tree.collapse_everything()
        section = tree.nodes_by_id.get(topic.section) if topic is not None else None
        if section is not None:
            tree.move_cursor_to(section)

    def action_toggle_detail(self) -> None:
        if not self.has_class("detail-hidden") and self.detail.editing:
            # hiding the pane (from the palette) ends the edit: keep the note, back to the tree
            self.finish_editing()
            self.tree.focus()
        self.toggle_class("detail-hidden")

    def action_help(self) -> None:
        from roadmap_tui.tui.screens.dialogs import HelpScreen  # screens load when first shown

        self.app.push_screen(HelpScreen())

    def action_review(self) -> None:
        """Review the topics that are due, the longest overdue first."""
        from roadmap_tui.core.review import due, schedules

        now = self.now()
        found = schedules(self.session.entries, self.store.reviews(), self.session.entries)
        ids = [tid for tid in due(found, now) if tid in self.roadmap]
        if not ids:
            later = sorted(s.due for s in found.values())
            when = f" The next is due {later[0].astimezone():%Y-%m-%d}." if later else ""
            self.say(f"Nothing is due for review.{when} P practises the highlighted topic.")
            return
        self.open_review([(tid, False) for tid in ids])

    def action_practise(self) -> None:
        """Review the highlighted topic now, due or not (not due: practice, schedule kept)."""
        from roadmap_tui.core.review import schedules

        topic = self.cursor_topic()
        if topic is None or topic.is_section:
            self.say("Pick a topic first.", severity="warning")
            return
        found = schedules(self.session.entries, self.store.reviews(), [topic.id])
        practice = topic.id not in found or found[topic.id].due > self.now()
        self.open_review([(topic.id, practice)])

    def open_review(self, queue: list[tuple[str, bool]]) -> None:
        from roadmap_tui.core.review import question_for, questions_of
        from roadmap_tui.core.roadmap import Question
        from roadmap_tui.tui.saving import saving
        from roadmap_tui.tui.screens.review import Item, ReviewScreen

        items = []
        reviews = self.store.reviews()
        for tid, practice in queue:
            topic = self.roadmap[tid]
            review = reviews.get(tid)
            log = review.log if review is not None else ()
            asked = (
                question_for(questions_of(topic.questions, review), review)
                if review
                else (topic.questions[0] if topic.questions else None)
            )
            if asked is None:
                asked = Question(f"Explain {topic.title} in your own words.", topic.summary)
            entry = self.session.entry(tid)
            place = f"{self.roadmap[topic.section].title} > {topic.title}"
            items.append(Item(tid, place, asked, entry.note, practice, entry.completed, log))

        def rate(topic_id: str, rating: str, practice: bool) -> None:
            def operation(store):
                return store.rate(topic_id, rating, practice=practice)

            self.saves.submit("review", saving([topic_id], operation))

        self.app.push_screen(ReviewScreen(items, rate, now=self.now))

    # ------------------------------------------------------------------ own questions

    def question_topic(self) -> Topic | None:
        """The highlighted topic, if it can have questions (else say why not)."""
        topic = self.cursor_topic()
        if topic is None or topic.is_section:
            self.say(
                "Pick a topic first: sections have no self-check questions.", severity="warning"
            )
            return None
        return topic

    def own_question(self, topic_id: str, question_id: str):
        found = [q for q in self.store.review_of(topic_id).questions if q.id == question_id]
        if not found:
            self.say("That question is gone (deleted elsewhere?).", severity="warning")
            return None
        return found[0]

    def action_add_question(self) -> None:
        """Add a self-check question of the learner's own to the highlighted topic."""
        topic = self.question_topic()
        if topic is not None:
            self.ask_question(topic, f"A self-check question of your own on {topic.title}")

    def action_edit_question(self, question_id: str) -> None:
        topic = self.question_topic()
        if topic is None:
            return
        question = self.own_question(topic.id, question_id)
        if question is not None:
            heading = f"Your question on {topic.title}"
            self.ask_question(topic, heading, question.q, question.a, question_id)

    def ask_question(
        self, topic: Topic, heading: str, q: str = "", a: str = "", question_id: str = ""
    ) -> None:
        """The question form; what it gives is saved through the save queue."""
        from roadmap_tui.tui.saving import saving
        from roadmap_tui.tui.screens.question import QuestionScreen

        def given(result: tuple[str, str] | None) -> None:
            if result is None:
                return
            question, answer = result

            def operation(store):
                if question_id and not any(
                    item.id == question_id for item in store.review_of(topic.id).questions
                ):
                    question_id_now = ""  # deleted elsewhere meanwhile: keep it as a new one
                else:
                    question_id_now = question_id
                store.put_question(topic.id, question, answer, question_id_now)

            self.save_state = "saving…"
            self.saves.submit("question", saving([topic.id], operation))
            self.say("Question saved." if question_id else "Question added.", timeout=2)

        self.app.push_screen(QuestionScreen(heading, q, a), given)

    def action_delete_question(self, question_id: str) -> None:
        from roadmap_tui.tui.saving import saving

        topic = self.question_topic()
        if topic is None:
            return
        question = self.own_question(topic.id, question_id)
        if question is None:
            return

        def operation(store):
            if any(item.id == question_id for item in store.review_of(topic.id).questions):
                store.remove_question(topic.id, question_id)

        self.save_state = "saving…"
        self.saves.submit("question", saving([topic.id], operation))
        self.say(f"Deleted your question: {question.q}", timeout=3)

    def own_questions(self):
        """The learner's own questions of the highlighted topic (for the palette)."""
        topic = self.cursor_topic()
        if topic is None or topic.is_section:
            return ()
        return self.store.review_of(topic.id).questions

    # ------------------------------------------------------------------ review state

    def now(self) -> datetime:
        """The time by the progress file's clock (what its reviews are stamped with)."""
        return self.store.now()

    def recount_reviews(
        self, topic_ids: list[str] | None = None, show: bool = True, saved=None
    ) -> None:
        """Work out the review schedules again: of ``topic_ids`` (None: of every topic), with
        the ``saved`` entries as the store has them (their completion dates); then show what
        changed (the header's due count, the tree's ↺, the details)."""
        from roadmap_tui.core.review import schedules

        entries = {**self.session.entries, **(saved or {})}
        ids = list(entries) if topic_ids is None else topic_ids
        found = schedules(entries, self.store.reviews(), ids)
        before = {tid: self.review_schedules.get(tid) for tid in ids}
        self.reviews_counted = self.reviews_counted or topic_ids is None
        if topic_ids is None:
            self.review_schedules = found
        else:
            for tid in ids:
                if tid in found:
                    self.review_schedules[tid] = found[tid]
                else:
                    self.review_schedules.pop(tid, None)
        if not show:
            return
        changed = [tid for tid in ids if before[tid] != self.review_schedules.get(tid)]
        relabel = [
            tid
            for tid in changed
            if tid in self.roadmap
            and (getattr(before[tid], "relearn", False) or self.needs_relearning(tid))
        ]
        if relabel:
            self.tree.refresh_labels(relabel)
        self.render_header()
        cursor = self.tree.cursor_topic_id
        if cursor is not None and (cursor in ids or changed):
            # the topic's own review state, or the reminder beside the next topic
            self.show_detail(cursor, force=cursor not in ids)

    def due_count(self) -> int:
        now = self.now()
        return sum(
            1 for tid, s in self.review_schedules.items() if s.due <= now and tid in self.roadmap
        )

    def needs_relearning(self, topic_id: str) -> bool:
        found = self.review_schedules.get(topic_id)
        return found is not None and found.relearn

    def self_check(self, topic: Topic) -> tuple[list, str]:
        """The self-check part of a topic's details: its questions (question, the learner's
        own) and what its review says."""
        if topic.is_section:
            return [], ""
        own = self.store.review_of(topic.id).questions
        questions = [(q, False) for q in topic.questions] + [(q, True) for q in own]
        found = self.review_schedules.get(topic.id)
        if found is not None:
            from roadmap_tui.core.review import describe

            return questions, "Review: " + describe(found, self.now())
        if self.session.status_of(topic.id) == "done":
            return questions, "Review: starts once this is saved"
        return questions, "Review: enters review when marked done"

    def action_stats(self) -> None:
        from roadmap_tui.tui.screens.dialogs import StatsScreen  # screens load when first shown

        activity = dict(self.store.activity())
        today = getattr(self.app, "today", None)
        reviews = self.store.reviews()
        entries = self.session.entries
        time, goal = self.store.time(), self.store.goal()
        self.app.push_screen(
            StatsScreen.of(self.roadmap, entries, activity, today, reviews, time, goal)
        )

    # ---- plan and pace: study time, the timer, the goal ---------------------------------

    def studied_minutes(self, topic_id: str) -> int:
        """Minutes of study logged on the topic (a section: on the topics under it)."""
        time = self.store.time()
        prefix = topic_id + "/"
        return sum(
            sum(days.values())
            for tid, days in time.items()
            if tid == topic_id or tid.startswith(prefix)
        )

    def start_pace(self) -> None:
        """After the first frame: the header counts a running timer's minutes, and a timer
        left running for hours asks how much of it was study."""
        self.set_interval(30, self.tick_timer)
        timer = self.store.timer()
        if timer is not None and timer.minutes(self.store.now()) > LONG_TIMER_MINUTES:
            self.ask_timer_minutes()
        elif getattr(self.app, "show_today", False):
            self.show_today_once()

    def show_today_once(self) -> None:
        """Today, on its own, when reviews are due or a timer runs; at most once a day."""
        from roadmap_tui.storage.uistate import mark_today_shown, today_shown

        path = getattr(self.app, "state_path", None)
        view = self.today_view()
        day = self.store.now().astimezone().date().isoformat()
        if not view.worth_showing or path is None or today_shown(path, self.roadmap.id) == day:
            return
        mark_today_shown(path, self.roadmap.id, day)
        self.action_today()

    def tick_timer(self) -> None:
        if self.store.timer() is not None:
            self.render_header()

    def timer_label(self) -> str:
        timer = self.store.timer()
        if timer is None:
            return ""
        topic = self.roadmap.get(timer.topic)
        title = topic.title if topic is not None else timer.topic
        if len(title) > 24:
            title = title[:23] + "…"
        return f"◷ {title} {timer.minutes(self.store.now())}m"

    def week_label(self) -> str:
        goal = self.store.goal()
        if goal is None or goal.weekly_hours is None:
            return ""
        today = self.store.now().astimezone().date()
        hours = minutes_in_week(self.store.time(), today) / 60
        return f"this week {hours:.1f} / {goal.weekly_hours:g} h"

    def action_timer(self) -> None:
        """T: stop the running timer (a long one asks how much was study), else start one on
        the highlighted topic."""
        timer = self.store.timer()
        if timer is not None:
            if timer.minutes(self.store.now()) > LONG_TIMER_MINUTES:
                self.ask_timer_minutes()
            else:
                self.stop_timer(None)
            return
        topic = self.cursor_topic()
        if topic is None or topic.is_section:
            self.say("Pick a topic first: the timer runs on a topic, not a section.")
            return
        topic_id = topic.id
        if self.session.status_of(topic_id) == "todo":
            # through the session, as `i` does: the tree shows it at once and `u` undoes it
            self.apply_statuses([(topic_id, "in-progress")])
        self.saves.submit("timer", saving([topic_id], lambda store: store.start_timer(topic_id)))
        self.say(f"Timer started on {topic.title}; T stops it.")
        self.call_after_refresh(self.render_header)

    def stop_timer(self, minutes: int | None) -> None:
        timer = self.store.timer()
        if timer is None:
            return
        topic_id = timer.topic

        def stop(store) -> None:
            store.stop_timer(minutes)

        self.saves.submit("timer", saving([topic_id], stop))
        ran = timer.minutes(self.store.now()) if minutes is None else minutes
        topic = self.roadmap.get(topic_id)
        title = topic.title if topic is not None else topic_id
        said = f"logged {format_minutes(ran)}" if ran else "nothing logged"
        self.say(f"Timer stopped on {title}: {said}.")

    def ask_timer_minutes(self) -> None:
        from roadmap_tui.tui.screens.pace import TimerMinutesScreen

        timer = self.store.timer()
        if timer is None or isinstance(self.app.screen, TimerMinutesScreen):
            return
        topic = self.roadmap.get(timer.topic)
        title = topic.title if topic is not None else timer.topic

        def answered(minutes: int | None) -> None:
            if minutes is not None:
                self.stop_timer(minutes)

        self.app.push_screen(TimerMinutesScreen(title, timer.minutes(self.store.now())), answered)

    def action_log_time(self) -> None:
        """Log study time on the highlighted topic by hand (a small form)."""
        from roadmap_tui.tui.screens.pace import LogScreen

        topic = self.cursor_topic()
        if topic is None or topic.is_section:
            self.say("Pick a topic first: time is logged on a topic, not a section.")
            return
        topic_id, title = topic.id, topic.title

        def answered(minutes: int | None) -> None:
            if minutes is None:
                return
            self.saves.submit(
                "time", saving([topic_id], lambda store: store.log_time(topic_id, minutes))
            )
            self.say(f"Logged {format_minutes(minutes)} on {title}.")

        self.app.push_screen(LogScreen(title), answered)

    def action_goal(self) -> None:
        from roadmap_tui.tui.screens.pace import GoalScreen

        def answered(goal) -> None:
            if goal is None:
                return
            self.saves.submit("goal", saving([], lambda store: store.set_goal(goal)))
            self.say("Goal cleared." if goal.is_empty else "Goal saved.")

        today = self.store.now().astimezone().date()
        self.app.push_screen(GoalScreen(self.store.goal(), today), answered)

    def action_today(self) -> None:
        from roadmap_tui.tui.screens.pace import TodayScreen

        if isinstance(self.app.screen, TodayScreen):
            return
        self.app.push_screen(TodayScreen(today_lines(self.today_view(), app=True)))

    def today_view(self):
        from roadmap_tui.core.today import today

        upcoming = self.session.next_topic()
        now = self.now()
        due = self.due_count()
        relearn = [
            self.roadmap[tid].title
            for tid, s in self.review_schedules.items()
            if s.relearn and tid in self.roadmap
        ]
        timer = self.store.timer()
        topic = self.roadmap.get(timer.topic) if timer else None
        return today(
            due=due,
            relearn=relearn,
            upcoming=(upcoming.topic.id, upcoming.topic.title, upcoming.reason)
            if upcoming
            else None,
            time=self.store.time(),
            goal=self.store.goal(),
            timer=timer,
            timer_title=topic.title if topic else (timer.topic if timer else ""),
            activity=self.store.activity(),
            now=now,
        )
