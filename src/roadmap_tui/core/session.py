"""What the app edits, without widgets: the entries, counts, filters, search, undo and redo.

The screen asks a :class:`Session` what to show and tells it what the user changed; the session
answers with the ids that changed, and the screen repaints those. Pure: stdlib and our core.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Generic, Protocol, Self, TypeVar

from roadmap_tui.core.roadmap import Roadmap, Topic
from roadmap_tui.core.stats import Tally, branch_counts, next_topic

STATUSES = ("todo", "in-progress", "done", "skipped")
COMPLETE = frozenset({"done", "skipped"})  # as the progress file counts them
FILTERS = ("all", *STATUSES)


class Entry(Protocol):
    """The progress of one topic, as the session needs it (the store's TopicProgress is one)."""

    @property
    def status(self) -> str: ...

    @property
    def note(self) -> str: ...

    def _replace(self, **changes: str) -> Self: ...


E = TypeVar("E", bound=Entry)


def is_essential(topic: Topic) -> bool:
    """Focus mode keeps core topics and those most source roadmaps agree on."""
    return topic.kind == "core" or len(topic.sources) >= 3


@dataclass(frozen=True)
class Change:
    """One step of undo: the status and the note of some topics before it (None: unchanged),
    and the notes as the step left them (``after``, topic id -> note): going back merges
    against those, so a later change of the note made elsewhere is kept."""

    before: tuple[tuple[str, str | None, str | None], ...]
    after: tuple[tuple[str, str], ...] = ()


@dataclass
class View:
    """What the tree shows: ``shown`` None for everything, else these ids (matches and their
    ancestors); ``matches`` the matching topics in roadmap order."""

    shown: set[str] | None = None
    matches: list[str] = field(default_factory=list)


class Session(Generic[E]):
    """The entries of one roadmap and what the user is looking at."""

    def __init__(self, roadmap: Roadmap, entries: Mapping[str, E], empty: E) -> None:
        self.roadmap = roadmap
        self.empty = empty
        self.status_filter = "all"
        self.search_text = ""
        self.focus_mode = False
        self.undo_stack: list[Change] = []
        self.redo_stack: list[Change] = []
        self.entries: dict[str, E] = {}
        self.replace(entries)

    # ------------------------------------------------------------------ entries and counts

    def replace(self, entries: Mapping[str, E]) -> list[str]:
        """Take these entries (at start and when the file changed on disk); the ids changed."""
        old = self.entries
        changed = [
            tid
            for tid in set(entries) | set(old)
            if entries.get(tid, self.empty) != old.get(tid, self.empty)
        ]
        self.entries = dict(entries)
        self.counts = {
            tid: list(pair) for tid, pair in branch_counts(self.roadmap, self.status_of).items()
        }
        self.totals = dict.fromkeys(STATUSES, 0)
        for topic in self.roadmap.topics():
            self.totals[self.status_of(topic.id)] += 1
        self._haystacks: list[tuple[Topic, str]] | None = None
        self._next: tuple | None = None
        return changed

    def entry(self, topic_id: str) -> E:
        return self.entries.get(topic_id) or self.empty

    def status_of(self, topic_id: str) -> str:
        entry = self.entries.get(topic_id)
        return entry.status if entry is not None else "todo"

    def counts_of(self, topic_id: str) -> tuple[int, int]:
        """(complete, total) of the topics under a branch."""
        complete, total = self.counts.get(topic_id, (0, 0))
        return complete, total

    def tally(self) -> Tally:
        totals = self.totals
        return Tally(
            total=sum(totals.values()),
            done=totals["done"],
            in_progress=totals["in-progress"],
            skipped=totals["skipped"],
            todo=totals["todo"],
        )

    def put(self, topic_id: str, entry: E) -> None:
        """Take a newer entry of one topic (a save's result, or a change), counts kept current."""
        old_status = self.status_of(topic_id)
        if self.entry(topic_id).note != entry.note:
            self._haystacks = None
        self.entries[topic_id] = entry
        new_status = entry.status
        if old_status == new_status:
            return
        self._next = None
        topic = self.roadmap.get(topic_id)
        if topic is not None and not topic.is_section:
            self.totals[old_status] -= 1
            self.totals[new_status] += 1
        if (old_status in COMPLETE) != (new_status in COMPLETE):
            delta = 1 if new_status in COMPLETE else -1
            for tid in self.roadmap.ancestor_ids(topic_id):
                self.counts.setdefault(tid, [0, 0])[0] += delta

    # ------------------------------------------------------------------ changes

    def targets(self, topic_id: str, everything: bool) -> list[str]:
        """The topics a mark of ``topic_id`` applies to: the topic, or every topic under it."""
        topic = self.roadmap[topic_id]
        if not everything:
            return [] if topic.is_section else [topic_id]
        return [t.id for t in topic.walk() if not t.is_section]

    def set_statuses(self, changes: Iterable[tuple[str, str]], undoable: bool = True) -> list:
        """Set statuses; the (id, status) pairs that changed (to be saved)."""
        changed = [(tid, s) for tid, s in changes if self.status_of(tid) != s]
        if changed and undoable:
            self._did(Change(tuple((tid, self.status_of(tid), None) for tid, _ in changed)))
        for tid, status in changed:
            self.put(tid, self.entry(tid)._replace(status=status))
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
        target.append(
            Change(
                tuple(
                    (
                        tid,
                        None if status is None else self.status_of(tid),
                        None if note is None else after.get(tid, self.entry(tid).note),
                    )
                    for tid, status, note in change.before
                ),
                tuple((tid, note) for tid, _, note in change.before if note is not None),
            )
        )
        return change

    def restore(
        self, change: Change
    ) -> tuple[list[tuple[str, str]], list[tuple[str, str, str | None]]]:
        """Put back what a step recorded: the (id, status) pairs to save, and the (id, note,
        base) triples: save the note, merged against base (the note as the step left it)."""
        after = dict(change.after)
        statuses = [(tid, s) for tid, s, _ in change.before if s is not None]
        statuses = self.set_statuses(statuses, undoable=False)
        notes = [
            (tid, note, after.get(tid))
            for tid, _, note in change.before
            if note is not None and self.set_note(tid, note, undoable=False)
        ]
        return statuses, notes

    # ------------------------------------------------------------------ what is shown

    def cycle_filter(self) -> str:
        self.status_filter = FILTERS[(FILTERS.index(self.status_filter) + 1) % len(FILTERS)]
        return self.status_filter

    @property
    def filtering(self) -> bool:
        return self.focus_mode or self.status_filter != "all" or bool(self.search_text.strip())

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

    def passes(self, topic: Topic) -> bool:
        """Whether a topic passes focus mode and the status filter."""
        if self.focus_mode and not is_essential(topic):
            return False
        return self.status_filter == "all" or self.status_of(topic.id) == self.status_filter

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
        self.status_filter = "all"
        self.search_text = ""
        self.focus_mode = False

    # ------------------------------------------------------------------ where to go

    def next_topic(self):
        """The next topic to learn and why (None: everything is done or skipped); kept until a
        status or focus mode changes."""
        if self._next is None:
            started = [tid for tid, e in self.entries.items() if e.status == "in-progress"]
            only = is_essential if self.focus_mode else None
            self._next = (next_topic(self.roadmap, self.status_of, only=only, in_progress=started),)
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
        nor skipped and is shown, wrapping around; None when there is none."""
        order = list(self.roadmap.topics())
        if direction < 0:
            order.reverse()
        ids = [t.id for t in order]
        start = ids.index(current) + 1 if current in ids else 0
        for topic_id in ids[start:] + ids[:start]:
            if self.status_of(topic_id) not in COMPLETE and (shown is None or topic_id in shown):
                return topic_id
        return None
