"""MainScreen's marks and choices: statuses (a branch asks first), pick-one choices,
undo and redo."""

from __future__ import annotations

from textual.widgets import Button

from roadmap_tui.core.choices import Choices, added_picks
from roadmap_tui.core.session import Change
from roadmap_tui.core.symbols import STATUS_LABEL
from roadmap_tui.core.textsafe import clean

NOTHING_TO_MARK = "Nothing to mark: no topic is shown."


class MarkActions:
    """The mark, choice, undo and redo actions of MainScreen."""

    def request_mark(self, topic_id: str, status: str) -> None:
        """Mark a topic; a branch asks first whether everything under it goes too (what
        counts: a topic not chosen, or waiting for a pick, is left as it is)."""
        topic = self.roadmap.get(topic_id)
        if topic is None:
            return
        mark = self.session.branch(topic_id, status)
        title = clean(topic.title)
        if topic.is_section and not mark.ids:
            self.say(
                f"Nothing to mark in {title}: {mark.left}. c on an option picks it."
                if mark.left
                else f"Nothing to mark in {title}: it has no topics."
            )
            return
        under = len(mark.ids) - (not topic.is_section)
        if not topic.is_section and not under:  # a leaf, or nothing under it that counts
            self.apply_statuses([(topic_id, status)])
            if mark.left:
                self.say(f"Only {title} marked: under it {mark.left_as_is}.")
            return
        from roadmap_tui.tui.screens.dialogs import ConfirmBranchScreen

        def chosen(choice: str | None) -> None:
            if choice == "all":
                now = self.session.branch(topic_id, status)  # a reload may have come between
                self.apply_statuses([(tid, status) for tid in now.ids])
                if now.left:
                    self.say(f"Under {title}: {now.left_as_is}.")
            elif choice == "one":
                self.apply_statuses([(topic_id, status)])

        label = STATUS_LABEL[status]
        section = topic.is_section
        dialog = ConfirmBranchScreen(title, label, under, section=section, left=mark.left_as_is)
        self.app.push_screen(dialog, chosen)

    def apply_statuses(self, changes: list[tuple[str, str]]) -> None:
        before = self.session.choices
        changed = self.session.set_statuses(changes)
        self.save_statuses(changed)
        if changed:
            ids = [tid for tid, _ in changed]
            self.refresh_topics(ids)
            self.say_added_picks(before, ids)

    def say_added_picks(self, before: Choices, ids: list[str], undo: str = "u undoes it; ") -> None:
        """Say each option a change of status picked beyond what its choice asks for."""
        for line in added_picks(before, self.session.choices, ids):
            self.say(f"{line}. {undo}c on one option keeps that one alone.")

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
        before = self.session.choices
        statuses, notes, picks = self.session.restore(change)
        self.save_statuses(statuses, undo)
        for topic_id, text, base in notes:
            self.save_note(topic_id, text, base, undo)
        self.save_picks(picks)
        ids = change.ids
        self.refresh_topics(ids)
        what = self.title_of(ids[0]) if len(ids) == 1 else f"{len(ids)} topics"
        self.say(f"{done}: {what}", timeout=2)
        # an undo of a take-back, or a redo, can pick an option again by its status
        self.say_added_picks(before, [tid for tid, _ in statuses], "" if undo else "u undoes it; ")
