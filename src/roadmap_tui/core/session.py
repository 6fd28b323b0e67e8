"""What the app edits, without widgets: the entries, counts, filters, search, undo and redo.

The screen asks a :class:`Session` what to show and tells it what the user changed; the session
answers with the ids that changed, and the screen repaints those. Pure: stdlib and our core.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from roadmap_tui.core.choices import BranchMark, Choices, Pick, branch_mark
from roadmap_tui.core.progress import TopicProgress
from roadmap_tui.core.roadmap import KINDS, LEVELS, Roadmap, Topic
from roadmap_tui.core.stats import Tally, branch_counts, branch_figures, next_topic
from roadmap_tui.core.symbols import COMPLETE, STATUS_LABEL, STATUSES

NOT_CHOSEN = "not-chosen"  # the filter value for topics a choice left out
FILTERS = ("all", *STATUSES, NOT_CHOSEN)
FILTER_LABEL = {**STATUS_LABEL, NOT_CHOSEN: "not chosen"}


@dataclass
class Filters:
    """What the tree is narrowed to besides the search: a status (or "not chosen"), a kind,
    a level, a section, topics with a note. "all" / "" / False: not narrowed by that one.
    They combine: a topic must pass every one that is on."""

    status: str = "all"
    kind: str = ""
    level: str = ""
    section: str = ""
    has_note: bool = False

    @property
    def on(self) -> bool:
        return self != Filters()


def is_essential(topic: Topic) -> bool:
    """Focus mode keeps core topics and those most source roadmaps agree on."""
    return topic.kind == "core" or len(topic.sources) >= 3


@dataclass(frozen=True)
class Change:
    """One step of undo: the status and the note of some topics before it (None: unchanged),
    the notes as the step left them (``after``, topic id -> note): going back merges against
    those, so a later change of the note made elsewhere is kept; and the explicit picks of
    options before it."""

    before: tuple[tuple[str, str | None, str | None], ...]
    after: tuple[tuple[str, str], ...] = ()
    picks: tuple[Pick, ...] = ()

    @property
    def ids(self) -> list[str]:
        """The topics this step touches."""
        return list(
            dict.fromkeys([*(tid for tid, _, _ in self.before), *(t for t, _ in self.picks)])
        )


@dataclass
class View:
    """What the tree shows: ``shown`` None for everything, else these ids (matches and their
    ancestors); ``matches`` the matching topics in roadmap order."""

    shown: set[str] | None = None
    matches: list[str] = field(default_factory=list)


class Session:
    """The entries of one roadmap and what the user is looking at."""

    def __init__(
        self, roadmap: Roadmap, entries: Mapping[str, TopicProgress], empty: TopicProgress
    ) -> None:
        self.roadmap = roadmap
        self.empty = empty
        self.filters = Filters()
        self.search_text = ""
        self.focus_mode = False
        self.undo_stack: list[Change] = []
        self.redo_stack: list[Change] = []
        self.entries: dict[str, TopicProgress] = {}
        self.generation = 0  # counts the recounts (each may change many labels)
        self.replace(entries)

    # ------------------------------------------------------------------ entries and counts

    def replace(self, entries: Mapping[str, TopicProgress]) -> list[str]:
        """Take these entries (at start and when the file changed on disk); the ids changed."""
        old = self.entries
        changed = [
            tid
            for tid in set(entries) | set(old)
            if entries.get(tid, self.empty) != old.get(tid, self.empty)
        ]
        self.entries = dict(entries)
        self.recount()
        self._haystacks: list[tuple[Topic, str]] | None = None
        return changed

    def recount(self) -> None:
        """Evaluate the choices and count everything again (at start, and when a pick or an
        option's status changes what counts); ``generation`` tells the screen to relabel."""
        self.choices = Choices(self.roadmap, self.status_of, self.chosen_of)
        pairs = branch_counts(self.roadmap, self.status_of, self.choices)
        self.counts = {tid: list(pair) for tid, pair in pairs.items()}
        self.totals = dict.fromkeys(STATUSES, 0)
        for unit in self.choices.units():  # a choice not yet made counts as one to do
            self.totals[unit.status] += 1
        self._next: tuple | None = None
        self.generation += 1

    def entry(self, topic_id: str) -> TopicProgress:
        return self.entries.get(topic_id) or self.empty

    def status_of(self, topic_id: str) -> str:
        entry = self.entries.get(topic_id)
        return entry.status if entry is not None else "todo"

    def chosen_of(self, topic_id: str) -> bool | None:
        """The explicit pick of an option (None: the progress does not say)."""
        return self.entry(topic_id).chosen

    def choice_tag(self, topic_id: str) -> tuple[str, bool] | None:
        """What the tree shows after a topic about choices, and whether the topic is dimmed:
        ("not chosen", True) for an out topic, ("choose 1 of 3", False) for a choice still
        to make; None for anything else."""
        choices = self.choices
        if choices.is_out(topic_id):
            return "not chosen", True
        topic = self.roadmap.get(topic_id)
        if topic is not None and choices.pending(topic):
            return f"choose {topic.choose} of {len(topic.children)}", False
        return None

    def choice_note(self, topic_id: str) -> str | None:
        """What the detail pane says about choices: why a topic does not count, or what a
        choice still to make asks."""
        topic = self.roadmap.get(topic_id)
        if topic is None:
            return None
        if self.choices.pending(topic):
            options = len(topic.children)
            return f"a choice: pick {topic.choose} of the {options} options below (press c on one)"
        why = self.choices.why(topic_id)
        if why is not None:
            return why
        if topic.is_choice:
            picked = [o.title for o in topic.children if o.id in self.choices.chosen]
            return f"you picked {', '.join(picked)}" if picked else None
        return None

    def counts_of(self, topic_id: str) -> tuple[int, int]:
        """(complete, total) of the topics under a branch."""
        complete, total = self.counts.get(topic_id, (0, 0))
        return complete, total

    def branch_figures(self, topic_id: str) -> tuple[tuple[int, int], float]:
        """(complete, total) and hours of a branch, as its details show them (see
        :func:`~roadmap_tui.core.stats.branch_figures`)."""
        return branch_figures(self.roadmap[topic_id], self.choices)

    def tally(self) -> Tally:
        totals = self.totals
        return Tally(
            total=sum(totals.values()),
            done=totals["done"],
            in_progress=totals["in-progress"],
            skipped=totals["skipped"],
            todo=totals["todo"],
        )

    def put(self, topic_id: str, entry: TopicProgress) -> None:
        """Take a newer entry of one topic (a save's result, or a change), counts kept current."""
        old_status = self.status_of(topic_id)
        old_chosen = self.chosen_of(topic_id)
        if self.entry(topic_id).note != entry.note:
            self._haystacks = None
        self.entries[topic_id] = entry
        new_status = entry.status
        topic = self.roadmap.get(topic_id)
        parent = self.roadmap.get(topic.parent) if topic and topic.parent else None
        # an option: a pick, or a start or a reset, may change what counts everywhere
        if (
            parent is not None
            and parent.is_choice
            and (
                old_chosen is not self.chosen_of(topic_id)
                or (old_status == "todo") != (new_status == "todo")
            )
        ):
            self.recount()
            return
        if old_status == new_status:
            return
        self._next = None
        if not self.choices.is_counted(topic_id):
            return  # out or waiting for a choice: it counts nowhere
        if topic is not None and not topic.is_section:
            self.totals[old_status] -= 1
            self.totals[new_status] += 1
        if (old_status in COMPLETE) != (new_status in COMPLETE):
            delta = 1 if new_status in COMPLETE else -1
            for tid in self.roadmap.ancestor_ids(topic_id):
                self.counts.setdefault(tid, [0, 0])[0] += delta

    # ------------------------------------------------------------------ changes

    def branch(self, topic_id: str, status: str) -> BranchMark:
        """What a mark of ``topic_id`` and everything under it changes (see branch_mark)."""
        return branch_mark(self.choices, self.roadmap[topic_id], status)

    def set_statuses(self, changes: Iterable[tuple[str, str]], undoable: bool = True) -> list:
        """Set statuses; the (id, status) pairs that changed (to be saved)."""
        changed = [(tid, s) for tid, s in changes if self.status_of(tid) != s]
        if changed and undoable:
            self._did(Change(tuple((tid, self.status_of(tid), None) for tid, _ in changed)))
        for tid, status in changed:
            entry = self.entry(tid)._replace(status=status)
            if status != "todo" and entry.chosen is False:
                entry = entry._replace(chosen=None)  # starting an option picks it (as saved)
            self.put(tid, entry)
        return changed

    def set_picks(self, picks: Iterable[Pick], undoable: bool = True) -> list[Pick]:
        """Set explicit picks of options; the (id, chosen) pairs that changed (to be saved)."""
        changed = [(tid, c) for tid, c in picks if self.chosen_of(tid) is not c]
        if changed and undoable:
            self._did(Change((), picks=tuple((tid, self.chosen_of(tid)) for tid, _ in changed)))
        for tid, chosen in changed:
            self.put(tid, self.entry(tid)._replace(chosen=chosen))
        return changed

    def set_note(self, topic_id: str, text: str, undoable: bool = True) -> bool:
        """Set a note; whether it changed (to be saved)."""
        before = self.entry(topic_id).note
        if before == text:
            return False
        if undoable:
            self._did(Change(((topic_id, None, before),), ((topic_id, text),)))
        self.put(topic_id, self.entry(topic_id)._replace(note=text))
        return True

    def note_edited(self, topic_id: str, before: str) -> None:
        """A note edit (saved as it was typed, without undo steps) ended: one step of undo."""
        after = self.entry(topic_id).note
        if after != before:
            self._did(Change(((topic_id, None, before),), ((topic_id, after),)))

    def _did(self, change: Change) -> None:
        self.undo_stack.append(change)
        self.redo_stack.clear()

    def undo(self) -> Change | None:
        """Go back one step; the step (None: nothing to undo). Apply it with :meth:`restore`."""
        return self._step(self.undo_stack, self.redo_stack)

    def redo(self) -> Change | None:
        return self._step(self.redo_stack, self.undo_stack)

    def _step(self, source: list[Change], target: list[Change]) -> Change | None:
        if not source:
            return None
        change = source.pop()
        after = dict(change.after)
        # the way back of this step: its "after" notes are what that way goes back to
        back = []
        for tid, status, note in change.before:
            now_status = None if status is None else self.status_of(tid)
            now_note = None if note is None else after.get(tid, self.entry(tid).note)
            back.append((tid, now_status, now_note))
        notes = tuple((tid, note) for tid, _, note in change.before if note is not None)
        picks = tuple((tid, self.chosen_of(tid)) for tid, _ in change.picks)
        target.append(Change(tuple(back), notes, picks))
        return change

    def restore(
        self, change: Change
    ) -> tuple[list[tuple[str, str]], list[tuple[str, str, str | None]], list[Pick]]:
        """Put back what a step recorded: the (id, status) pairs to save, the (id, note, base)
        triples (save the note, merged against base: the note as the step left it) and the
        (id, chosen) pairs."""
        after = dict(change.after)
        statuses = [(tid, s) for tid, s, _ in change.before if s is not None]
        statuses = self.set_statuses(statuses, undoable=False)
        notes = [
            (tid, note, after.get(tid))
            for tid, _, note in change.before
            if note is not None and self.set_note(tid, note, undoable=False)
        ]
        picks = self.set_picks(change.picks, undoable=False)
        return statuses, notes, picks

    # ------------------------------------------------------------------ what is shown

    @property
    def status_filter(self) -> str:
        return self.filters.status

    @status_filter.setter
    def status_filter(self, value: str) -> None:
        self.filters.status = value

    def status_filters(self) -> tuple[str, ...]:
        """The values of the status filter: "not chosen" only where the roadmap has choices."""
        return FILTERS if self.choices.nodes else FILTERS[:-1]

    def cycle_filter(self, direction: int = 1) -> str:
        """The next (direction 1) or previous (-1) status filter, wrapping around."""
        filters = self.status_filters()
        index = filters.index(self.status_filter) if self.status_filter in filters else 0
        self.status_filter = filters[(index + direction) % len(filters)]
        return self.status_filter

    def filter_choices(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """What the filter menu offers, by group: (heading, [(choice, label)]); a choice is
        "name:value" for :meth:`choose_filter`. Only the kinds and levels the roadmap has."""
        topics = list(self.roadmap.topics())
        kinds = [k for k in KINDS if any(t.kind == k for t in topics)]
        levels = [v for v in LEVELS if any(t.level == v for t in topics)]
        return [
            (
                "Status",
                [("status:all", "all")]
                + [(f"status:{v}", FILTER_LABEL[v]) for v in self.status_filters()[1:]],
            ),
            ("Kind", [("kind:", "any kind")] + [(f"kind:{k}", k) for k in kinds]),
            ("Level", [("level:", "any level")] + [(f"level:{v}", v) for v in levels]),
            (
                "Section",
                [("section:", "every section")]
                + [(f"section:{s.id}", s.title) for s in self.roadmap.sections],
            ),
            ("Note", [("note:", "with or without a note"), ("note:yes", "has a note")]),
        ]

    def filter_chosen(self, choice: str) -> bool:
        """Whether a choice of the filter menu is the filter now in force."""
        name, _, value = choice.partition(":")
        now = {
            "status": self.filters.status,
            "kind": self.filters.kind,
            "level": self.filters.level,
            "section": self.filters.section,
            "note": "yes" if self.filters.has_note else "",
        }
        return now.get(name) == value

    def choose_filter(self, choice: str) -> None:
        """Set one filter from a choice of the menu ("kind:core", "note:yes", "section:"); the
        others stay as they are. "clear" clears every filter."""
        name, _, value = choice.partition(":")
        filters = self.filters
        if name == "clear":
            self.filters = Filters()
        elif name == "status" and value in self.status_filters():
            filters.status = value
        elif name == "kind" and value in ("", *KINDS):
            filters.kind = value
        elif name == "level" and value in ("", *LEVELS):
            filters.level = value
        elif name == "section" and (not value or value in self.roadmap):
            filters.section = value
        elif name == "note":
            filters.has_note = value == "yes"

    def filter_words(self) -> list[str]:
        """The filters in force, as the header names them ("in progress", "core", "Databases",
        "has a note")."""
        f = self.filters
        words = [FILTER_LABEL[f.status]] if f.status != "all" else []
        words += [w for w in (f.kind, f.level) if w]
        if f.section and f.section in self.roadmap:
            words.append(self.roadmap[f.section].title)
        if f.has_note:
            words.append("has a note")
        return words

    def clear_filter(self) -> None:
        """Every filter off (the search and focus mode stay)."""
        self.filters = Filters()

    @property
    def filtering(self) -> bool:
        return self.focus_mode or self.filters.on or bool(self.search_text.strip())

    def matches_text(self, query: str) -> list[Topic]:
        """The topics whose title, summary, description, aliases or note hold every word of
        ``query`` (case-insensitive), in roadmap order."""
        words = query.casefold().split()
        return [topic for topic, hay in self.haystacks() if all(w in hay for w in words)]

    def haystacks(self) -> list[tuple[Topic, str]]:
        """The searched text of each topic, lower-cased once (again after a note changes)."""
        if self._haystacks is None:
            self._haystacks = []
            for topic in self.roadmap.topics():
                parts = (topic.title, topic.summary, topic.description, " ".join(topic.aliases))
                hay = " ".join(parts)
                note = self.entry(topic.id).note
                if note:
                    hay = f"{hay}\n{note}"
                self._haystacks.append((topic, hay.casefold()))
        return self._haystacks

    def essential(self, topic: Topic) -> bool:
        """Focus mode's rule, with a chosen option ranked as its choice (a chosen language
        is core even though its kind is "alternative"); what a pick left out is not essential."""
        if self.choices.is_out(topic.id):
            return False
        return is_essential(topic) or self.choices.kind_of(topic) == "core"

    def passes(self, topic: Topic) -> bool:
        """Whether a topic passes focus mode and every filter in force."""
        if self.focus_mode and not self.essential(topic):
            return False
        f = self.filters
        for name in ("kind", "level", "section"):  # the filters a topic's own field meets
            wanted = getattr(f, name)
            if wanted and getattr(topic, name) != wanted:
                return False
        if f.has_note and not self.entry(topic.id).note.strip():
            return False
        if f.status == NOT_CHOSEN:
            return self.choices.is_out(topic.id)
        return f.status == "all" or self.status_of(topic.id) == f.status

    def view(self) -> View:
        """The topics the tree shows with the current filter, search and focus mode."""
        if not self.filtering:
            return View()
        if self.search_text.strip():
            pool: Iterable[Topic] = self.matches_text(self.search_text)
        else:
            pool = self.roadmap.topics()
        matches = [topic.id for topic in pool if self.passes(topic)]
        shown = set(matches)
        for topic_id in matches:
            shown.update(self.roadmap.ancestor_ids(topic_id))
        return View(shown, matches)

    def clear_filters(self) -> None:
        self.filters = Filters()
        self.search_text = ""
        self.focus_mode = False

    # ------------------------------------------------------------------ where to go

    def next_topic(self):
        """The next topic to learn and why (None: everything is done or skipped); kept until a
        status or focus mode changes."""
        if self._next is None:
            started = [tid for tid, e in self.entries.items() if e.status == "in-progress"]
            only = self.essential if self.focus_mode else None
            found = next_topic(
                self.roadmap, self.status_of, only=only, in_progress=started, choices=self.choices
            )
            self._next = (found,)
        return self._next[0]

    def toggle_focus_mode(self) -> bool:
        self.focus_mode = not self.focus_mode
        self._next = None
        return self.focus_mode

    def next_reason(self, topic_id: str) -> str | None:
        upcoming = self.next_topic()
        return upcoming.reason if upcoming and upcoming.topic.id == topic_id else None

    def unfinished(self, current: str | None, direction: int, shown: set[str] | None) -> str | None:
        """The next (direction 1) or previous (-1) topic after ``current`` that is neither done
        nor skipped nor left out by a choice and is shown, wrapping around; None when there is
        none."""
        ids = [t.id for t in self.roadmap.topics()]
        if direction < 0:
            ids.reverse()
        start = ids.index(current) + 1 if current in ids else 0
        for topic_id in ids[start:] + ids[:start]:
            if (
                self.status_of(topic_id) not in COMPLETE
                and (shown is None or topic_id in shown)
                and not self.choices.is_out(topic_id)
            ):
                return topic_id
        return None
