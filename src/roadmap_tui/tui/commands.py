"""Command palette (ctrl+p): jump to any topic, run any action."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.markup import escape

from roadmap_tui.core.symbols import STATUS_LABEL
from roadmap_tui.core.textsafe import clean

# (name, help, action, keys): the keys are shown after the name, as the help screen lists them
ACTIONS = (
    ("Mark done", "Mark the highlighted topic done", "screen.mark('done')", "space"),
    (
        "Mark in progress",
        "Mark the highlighted topic in progress",
        "screen.mark('in-progress')",
        "i",
    ),
    ("Mark skipped", "Mark the highlighted topic skipped", "screen.mark('skipped')", "s"),
    ("Mark to do", "Set the highlighted topic back to to do", "screen.mark('todo')", "r"),
    ("Edit note", "Edit the note of the highlighted topic in place", "screen.edit_note", "n"),
    ("Edit note in $EDITOR", "Edit the note in your editor", "screen.edit_external", "e"),
    (
        "Choose this option",
        "Pick the highlighted option of its choice; the other options are not chosen",
        "screen.choose('only')",
        "c",
    ),
    (
        "Choose this option too",
        "Pick the highlighted option without unpicking the others",
        "screen.choose('also')",
        "",
    ),
    (
        "Clear this choice",
        "Forget the picks of the highlighted choice (started options stay chosen)",
        "screen.choose('clear')",
        "",
    ),
    ("Search", "Filter the tree by title, description and note", "screen.search", "/"),
    (
        "Next status filter",
        "all, to do, in progress, done, skipped, not chosen",
        "screen.cycle_filter",
        "f",
    ),
    (
        "Previous status filter",
        "Back one in the status filter's cycle",
        "screen.cycle_filter(-1)",
        "",
    ),
    (
        "Filter menu",
        "Filter by status, kind, level, section or note (combined, and with the search)",
        "screen.filter_menu",
        "m",
    ),
    ("Clear every filter", "Show every topic again (the search stays)", "screen.clear_filter", ""),
    ("Next topic to learn", "Jump to the next topic to learn", "screen.next_topic", "w"),
    ("Next unfinished topic", "Jump to the next unfinished topic", "screen.unfinished(1)", "]"),
    (
        "Previous unfinished topic",
        "Jump to the previous unfinished topic",
        "screen.unfinished(-1)",
        "[",
    ),
    (
        "Open first resource",
        "Open the topic's first link in the browser",
        "screen.open_resource",
        "o",
    ),
    ("Copy the topic's id", "To the clipboard (the notice shows it too)", "screen.copy('id')", "y"),
    (
        "Copy the first link",
        "The first resource's URL, to the clipboard (the notice shows it too)",
        "screen.copy('link')",
        "Y",
    ),
    ("Copy the note", "To the clipboard (the notice shows its start)", "screen.copy('note')", "N"),
    ("Undo", "Undo the last change of status or note", "screen.undo", "u"),
    ("Redo", "Redo the change last undone", "screen.redo", "ctrl+y"),
    ("Expand all", "Expand every branch", "screen.expand_all", "E"),
    ("Collapse all", "Collapse every branch", "screen.collapse_all", "C"),
    (
        "Toggle focus mode",
        "Show only core topics and those most roadmaps list",
        "screen.toggle_focus_mode",
        "F",
    ),
    ("Toggle detail pane", "Show or hide the detail pane", "screen.toggle_detail", "d"),
    ("Review due topics", "Review the finished topics that are due", "screen.review", "R"),
    (
        "Practise this topic",
        "Review the highlighted topic now, due or not",
        "screen.practise",
        "P",
    ),
    (
        "Add a self-check question",
        "A question of your own, with its answer, on the highlighted topic",
        "screen.add_question",
        "a",
    ),
    (
        "Link your work",
        "Link the highlighted topic to your work: a local repository or a URL",
        "screen.link_work",
        "L",
    ),
    (
        "Checklist",
        "Tick the items the highlighted project must include",
        "screen.checklist",
        "x",
    ),
    (
        "Statistics",
        "Progress, hours, activity heatmap, streaks and forecast",
        "screen.stats",
        "t",
    ),
    (
        "Start or stop the study timer",
        "Time your study of the highlighted topic; stopping logs the minutes",
        "screen.timer",
        "T",
    ),
    ("Log study time", "Log time studied today on the highlighted topic", "screen.log_time", ""),
    (
        "Set your goal",
        "Hours a week and a target date for the core path or all",
        "screen.goal",
        "",
    ),
    (
        "Today",
        "Reviews due, the next topic, this week against the goal, the timer, the streak",
        "screen.today",
        "D",
    ),
    ("Help", "Keys and symbols", "screen.help", "?"),
)


# the team view: a screen of its own, not an action of the main screen
TEAM = ("Team view", "A study group's progress side by side, from a folder of progress files")


def _highlight(matcher: Matcher, text: str) -> Content:
    """``text`` as it is, with the letters the query matched highlighted. (The palette reads a
    plain string, and ``Matcher.highlight``'s input, as markup: a title with ``[link=...]`` or
    ``[/]`` in it would style the palette, emit a hyperlink or raise.)"""
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if score:
        for offset in offsets:
            if not text[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def _with_keys(name: Content, keys: str) -> Content:
    """A palette entry: its name, then (dimmed) the key that does the same."""
    return name + Content.styled(f"  {keys}", "dim") if keys else name


def _help(text: str) -> str:
    """Help text for a hit: the palette reads it as markup, so escape what is in it."""
    return escape(clean(text))


class RoadmapCommands(Provider):
    """Every topic (fuzzy jump) and every action of the main screen."""

    def _screen(self):
        """The app's main screen, or None while it is not up (the app registers the provider:
        no import of the app)."""
        return self.app.main_screen()

    def _commands(self, screen):
        """(name, keys, callback, help) of every command but the topics, in the palette's
        order: the actions, the learner's own questions, the team view, removing each link of
        the highlighted topic, the other roadmaps."""
        from roadmap_tui.storage.catalog import discover

        topic = screen.cursor_topic()
        own = topic is not None and not topic.is_section  # a section has neither
        questions = screen.store.review_of(topic.id).questions if own else ()
        links = screen.store.practice_of(topic.id).links if own else ()
        for name, help_text, action, keys in ACTIONS:
            yield name, keys, partial(screen.run_action, action.removeprefix("screen.")), help_text
        for question in questions:
            text = clean(question.q)
            short = text if len(text) <= 50 else text[:49] + "…"
            answer = clean(question.a) or "(no answer)"
            edit = partial(screen.action_edit_question, question.id)
            yield f"Edit my question: {short}", "", edit, answer
            delete = partial(screen.action_delete_question, question.id)
            yield f"Delete my question: {short}", "", delete, answer
        yield TEAM[0], "", self._team, TEAM[1]
        for link in links:
            unlink = partial(screen.action_unlink, link)
            yield f"Remove link: {clean(link)}", "", unlink, "Remove this link to your work"
        app = self.app
        current = app.roadmap_path.resolve() if app.roadmap_path else None
        for entry in discover():
            if entry.roadmap is not None and entry.path.resolve() != current:
                name = f"Switch roadmap: {clean(entry.roadmap.title)}"
                yield name, "", partial(app.switch_roadmap, entry.path), str(entry.path)

    def _team(self) -> None:
        from roadmap_tui.tui.screens.team import TeamScreen

        self.app.push_screen(TeamScreen(self.app.roadmap))

    async def discover(self) -> Hits:
        screen = self._screen()
        if screen is None:
            return
        for name, keys, callback, help_text in self._commands(screen):
            prompt = _with_keys(Content(name), keys)
            yield DiscoveryHit(prompt, callback, text=name, help=_help(help_text))

    async def search(self, query: str) -> Hits:
        screen = self._screen()
        if screen is None:
            return
        matcher = self.matcher(query)
        for name, keys, callback, help_text in self._commands(screen):
            score = matcher.match(name)
            if score > 0:
                prompt = _with_keys(_highlight(matcher, name), keys)
                yield Hit(score, prompt, callback, text=name, help=_help(help_text))
        for topic in self.app.roadmap.nodes():
            text = f"Go to {clean(topic.title)}"
            score = matcher.match(text)
            if score > 0:
                where = topic.id
                if not topic.is_section:
                    where += f"  ({STATUS_LABEL[screen.session.status_of(topic.id)]})"
                jump = partial(screen.jump_to, topic.id)
                yield Hit(score, _highlight(matcher, text), jump, text=text, help=_help(where))
