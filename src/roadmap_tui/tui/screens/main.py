"""The main screen: the roadmap tree beside the topic details; every change saved at once.

The screen owns the session (what the user edits), the save queue (the thread that writes the
progress file) and the widgets; the widgets post messages, the screen asks the session and
renders what it says. Its actions are grouped by concern in mixins beside this module
(main_marks, main_notes, main_review, main_saves, main_search); the message handlers declared
with ``@on`` stay here, since Textual collects those from the screen's own class.
"""

from __future__ import annotations

import time
from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Input, Static, TextArea, Tree

from roadmap_tui.core.roadmap import Roadmap, Topic
from roadmap_tui.core.session import Session
from roadmap_tui.core.studytime import subtree_minutes
from roadmap_tui.core.textsafe import clean
from roadmap_tui.storage.progress import ProgressStore, TopicProgress
from roadmap_tui.storage.uistate import ViewState
from roadmap_tui.tui.keys import MAIN_BINDINGS, FittingFooter
from roadmap_tui.tui.saving import SaveQueue
from roadmap_tui.tui.screens.main_marks import MarkActions
from roadmap_tui.tui.screens.main_notes import NoteActions
from roadmap_tui.tui.screens.main_pace import PaceActions
from roadmap_tui.tui.screens.main_review import ReviewActions
from roadmap_tui.tui.screens.main_saves import SaveHandlers
from roadmap_tui.tui.screens.main_search import SearchActions
from roadmap_tui.tui.screens.practice import PracticeActions
from roadmap_tui.tui.split import STEP, tree_columns
from roadmap_tui.tui.widgets.header import ProgressHeader
from roadmap_tui.tui.widgets.roadmap_tree import RoadmapTree
from roadmap_tui.tui.widgets.search_box import SearchBox
from roadmap_tui.tui.widgets.topic_view import Jump, Link, NoteEditor, TopicView

NARROW_WIDTH = 100
EXPAND_ALL_LIMIT = 600  # a filtered tree is shown fully expanded up to this many lines
SEARCH_DETAIL_DELAY = 0.15  # while a search is typed, the details follow when typing pauses


class MainScreen(
    PaceActions,
    PracticeActions,
    ReviewActions,
    NoteActions,
    MarkActions,
    SearchActions,
    SaveHandlers,
    Screen,
):
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
        self.clearable = False  # whether esc has a search or a filter to clear (the footer)
        self.search_widget: SearchBox | None = None  # mounted on the first `/`
        self.review_schedules: dict = {}  # topic id -> core.review.Schedule (see recount)
        self.reviews_counted = False
        self.repo_infos = {}  # local link -> what git says of it, None while git is asked
        self.tree_width = view_state.tree_width  # the split the user chose (0: automatic)

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
        yield FittingFooter()

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
            if upcoming is not None and upcoming.topic.is_section and start in tree.nodes_by_id:
                section = tree.nodes_by_id[start]  # a choice to make: its options shown
                tree.ensure_children(section)
                section.expand()
        if not (start and tree.reveal(start)) and tree.root.children:
            tree.move_cursor_to_line(0)
        # the cursor's topic in the pane now: the first frame shows it (Tree.NodeHighlighted
        # would come after that frame, and the pane a frame later)
        self.show_detail(tree.cursor_topic_id)
        self.set_focus(tree)  # now: keys typed from the first frame on find it focused
        self.narrow = self.size.width < NARROW_WIDTH
        self.apply_split()
        self.render_header()
        # the review schedules (the due count, the ↺ markers) after the first frame
        self.call_after_refresh(self.recount_reviews)
        # the details follow the cursor in the same frame as the cursor itself
        self.watch(tree, "cursor_line", self.cursor_moved, init=False)
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

    def title_of(self, topic_id: str) -> str:
        """The topic's title; its id when the roadmap has no such topic (any more)."""
        topic = self.roadmap.get(topic_id)
        return topic.title if topic is not None else topic_id

    def picked_topic(self, refusal: str, severity: str = "warning") -> Topic | None:
        """The highlighted topic; None when there is none or it is a section (``refusal`` says
        why not)."""
        topic = self.cursor_topic()
        if topic is None or topic.is_section:
            self.say(refusal, severity=severity)
            return None
        return topic

    def say(self, message: str, **kwargs) -> None:
        self.app.say(message, **kwargs)  # shown as text: no markup, no control characters

    # ------------------------------------------------------------------ the view

    def on_resize(self, event) -> None:
        self.narrow = event.size.width < NARROW_WIDTH
        self.apply_split()
        editor = self.detail.editor
        if self.detail.editing and editor is not None:
            # the new layout may have moved the note being typed out of view: bring it back
            self.call_after_refresh(editor.scroll_visible, animate=False)

    def apply_split(self) -> None:
        """Side by side, the pane gets what the tree leaves (split.py); below it, the CSS."""
        detail = self.detail
        window = self.size.width
        if self.narrow or not window:
            detail.styles.width = None
            return
        detail.styles.width = window - tree_columns(
            window, self.chosen_width(), self.tree.needed_width()
        )

    def chosen_width(self) -> int:
        """The tree's width the user chose: with { and } (the view state), else through
        config.toml's detail_split (the pane's share of the window); 0: automatic."""
        settings = self.app.settings
        if self.tree_width or settings.source("detail_split") == "default":
            return self.tree_width
        return round(self.size.width * (100 - settings.detail_split) / 100)

    def action_resize_tree(self, direction: int) -> None:
        """{ and }: the tree STEP columns narrower or wider; remembered in the view state."""
        window = self.size.width
        if self.narrow:
            self.say("The tree and the details are side by side from 100 columns on.")
            return
        now = tree_columns(window, self.chosen_width(), self.tree.needed_width())
        self.tree_width = tree_columns(window, now + direction * STEP, 0)
        self.apply_split()

    def watch_narrow(self, narrow: bool) -> None:
        self.set_class(narrow, "narrow")

    def watch_save_state(self) -> None:
        self.render_header()

    def render_header(self) -> None:
        session = self.session
        self.query_one(ProgressHeader).render_header(
            self.roadmap.title,
            session.tally(),
            filters=tuple(session.filter_words()),
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
        reason = session.next_reason(topic.id)
        if reason and (review := self.review_reminder()):
            reason = f"{reason}; also {review}"
        questions, review_state = self.self_check(topic)
        counts, hours = session.branch_figures(topic.id) if topic.children else (None, None)
        detail.show(
            topic,
            session.entry(topic.id),
            session.status_of,
            counts,
            reason,
            choice_note=session.choice_note(topic.id),
            questions=questions,
            review_state=review_state,
            hours=hours,
            work=self.practice_work(topic),
            studied=subtree_minutes(self.store.time(), topic.id),  # a section: all under it
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
        shown_id = self.detail.topic_id
        if view.shown is not None and shown_id is not None and shown_id not in view.shown:
            # the pane's topic is filtered out: the pane follows the cursor now (while a
            # search is typed it would follow only when typing pauses)
            self.show_detail(tree.cursor_topic_id)
        self.render_header()
        self.show_match_count()
        if tree.root.children:
            self.cursor_before_empty = None
        elif cursor:
            self.cursor_before_empty = cursor
        self.show_empty_state()
        # "esc Clear" shows in the footer only while there is something to clear (check_action):
        # Textual redraws the footer's keys when told, so tell it when that changes
        clearable = bool(self.check_action("clear_view", ()))
        if clearable != self.clearable:
            self.clearable = clearable
            self.refresh_bindings()

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
            tree_width=self.tree_width,
        )

    # ------------------------------------------------------------------ the widgets' messages

    def typing_search(self) -> bool:
        return self.focused is not None and self.focused.id == "search"

    @on(Tree.NodeHighlighted, "#tree")
    def highlighted(self, event: Tree.NodeHighlighted) -> None:
        """While typing a search the cursor jumps with every key: let the tree answer each
        keystroke at once and show the details when typing pauses. (Otherwise cursor_moved
        has shown them already, in the cursor's own frame.)"""
        if self.typing_search():
            if self.detail_timer is not None:
                self.detail_timer.stop()
            show = partial(self.show_detail, event.node.data)
            self.detail_timer = self.set_timer(SEARCH_DETAIL_DELAY, show)

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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        typing = isinstance(self.focused, (Input, TextArea))
        if action in ("edit_note", "search"):
            # while an input has focus, n and / are typed into it: not in the footer. Straight
            # after a refused edit, the key goes on to on_key, which drops it
            return not (typing or time.monotonic() < self.drop_keys_until)
        if action == "clear_view":  # esc: only when there is a search or a filter to clear
            search = self.search_box()
            searching = search is not None and bool(search.display)
            return searching or self.session.filters.on
        return True

    @on(Input.Submitted, "#search")
    def search_submitted(self, event: Input.Submitted) -> None:
        if self.matches:
            self.tree.reveal(self.matches[0])
        self.tree.focus()
        if not event.value and (search := self.search_box()) is not None:
            search.display = False

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

    # ------------------------------------------------------------------ actions

    def action_toggle_focus_mode(self) -> None:
        focus_mode = self.session.toggle_focus_mode()
        self.apply_view()
        on = "Focus mode: core topics and those most roadmaps list."
        self.say(on if focus_mode else "Focus mode off: every topic.", timeout=2)

    def action_next_topic(self) -> None:
        upcoming = self.session.next_topic()
        if upcoming is None:
            self.say("Nothing left to learn: every topic is done or skipped.")
            return
        self.jump_to(upcoming.topic.id)
        review = self.review_reminder()
        also = f". Also {review}" if review else ""
        self.say(f"Next: {upcoming.topic.title} ({upcoming.reason}){also}", timeout=3)

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

    def action_copy(self, what: str) -> None:
        """y, Y, N: copy the topic's id, its first link, its note (see tui/clipboard.py)."""
        from roadmap_tui.tui.clipboard import copy_topic

        topic = self.cursor_topic()
        note = self.session.entry(topic.id).note if topic is not None else ""
        message, severity = copy_topic(self.app, topic, what, note)
        self.say(message, severity=severity, timeout=4)

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

    def action_stats(self) -> None:
        from roadmap_tui.tui.screens.dialogs import StatsScreen  # screens load when first shown

        activity = dict(self.store.activity())
        today = getattr(self.app, "today", None)
        reviews = self.store.reviews()
        entries = self.session.entries
        time, goal = self.store.time(), self.goal_in_force()
        first_weekday = self.app.settings.week_start_day
        self.app.push_screen(
            StatsScreen.of(
                self.roadmap, entries, activity, today, reviews, time, goal, first_weekday
            )
        )
