"""The review screen: the due topics one by one, a question each, the answer on request, and a
rating (again, hard, good, easy) saved at once; a summary at the end."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from roadmap_tui.core.review import RATINGS, Review, describe, schedule
from roadmap_tui.core.roadmap import Question
from roadmap_tui.core.textsafe import clean


@dataclass(frozen=True)
class Item:
    """One topic to review: what to ask, and what the schedule needs."""

    topic_id: str
    place: str  # "Section > Topic"
    question: Question
    note: str
    practice: bool  # not due: the rating is logged but does not move the schedule
    completed: datetime | None
    log: tuple[Review, ...] = ()


Rate = Callable[[str, str, bool], None]  # (topic id, rating, practice): save it


class ReviewScreen(Screen[None]):
    """Review ``items`` in order; ``rate`` saves each rating as it is given."""

    DEFAULT_CSS = """
    ReviewScreen { align: center top; }
    #review-count { height: 1; padding: 0 1; background: $panel; width: 100%; }
    #review-card { max-width: 90; padding: 1 2; height: 1fr; }
    #review-place { color: $text-muted; margin-bottom: 1; }
    #review-question { text-style: bold; margin-bottom: 1; }
    #review-buttons { height: 3; width: auto; max-width: 90; padding: 0 2; }
    #review-buttons Button { margin-right: 1; min-width: 10; }
    """

    BINDINGS = [
        Binding("escape", "dismiss", "Leave", id="review.leave"),
        Binding("space,enter", "reveal", "Show answer", id="review.reveal"),
        Binding("1", "rate('again')", "Again", id="review.again"),
        Binding("2", "rate('hard')", "Hard", id="review.hard"),
        Binding("3", "rate('good')", "Good", id="review.good"),
        Binding("4", "rate('easy')", "Easy", id="review.easy"),
    ]

    def __init__(self, items: list[Item], rate: Rate, now: Callable[[], datetime]):
        super().__init__()
        self.items = items
        self.rate = rate
        self.now = now
        self.index = 0
        self.revealed = False
        self.ratings: list[str] = []
        self.next_due: list[datetime] = []

    def compose(self) -> ComposeResult:
        yield Static(id="review-count")
        with VerticalScroll(id="review-card"):
            yield Static(id="review-place")
            yield Static(id="review-question")
            yield Static(id="review-answer")
        with Horizontal(id="review-buttons"):
            for n, rating in enumerate(RATINGS, start=1):
                yield Button(f"{n} {rating.capitalize()}", id=f"rate-{rating}")
        yield Footer()

    def on_mount(self) -> None:
        self.show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The footer offers what applies now: the answer before it is shown, the ratings
        after, only leaving at the end."""
        if action == "reveal":
            return not self.finished and not self.revealed
        if action == "rate":
            return not self.finished and self.revealed
        return True

    @property
    def finished(self) -> bool:
        return self.index >= len(self.items)

    def show(self) -> None:
        count = self.query_one("#review-count", Static)
        place = self.query_one("#review-place", Static)
        question = self.query_one("#review-question", Static)
        answer = self.query_one("#review-answer", Static)
        buttons = self.query_one("#review-buttons")
        if self.finished:
            count.update(Text(f"Review finished: {len(self.ratings)} reviewed", style="bold"))
            place.update("")
            question.update(Text(self.summary()))
            answer.update(Text("esc to leave", style="dim"))
            buttons.display = False
            self.refresh_bindings()
            return
        item = self.items[self.index]
        left = len(self.items) - self.index
        what = f"Review: {left} left" + ("  (practice: not due)" if item.practice else "")
        count.update(Text(what, style="bold"))
        place.update(Text(clean(item.place), style="bold"))
        question.update(Text(clean(item.question.q)))
        if self.revealed:
            body = Text()
            body.append("Answer\n", style="bold")
            body.append(clean(item.question.a))
            if item.note.strip():
                body.append("\n\nYour note\n", style="bold")
                body.append(clean(item.note.strip()))
            body.append("\n\nHow well did you recall it? 1 again, 2 hard, 3 good, 4 easy", "dim")
            answer.update(body)
        else:
            answer.update(Text("space or enter shows the answer and your note", style="dim"))
        buttons.display = self.revealed
        self.refresh_bindings()

    def summary(self) -> str:
        again = self.ratings.count("again")
        text = f"Reviewed {len(self.ratings)}, {again} again"
        if len(self.ratings) < len(self.items):
            text += f", {len(self.items) - len(self.ratings)} left for later"
        if self.next_due:
            text += f". Next due: {min(self.next_due).astimezone():%Y-%m-%d}"
        return text + "."

    def action_reveal(self) -> None:
        if not self.finished and not self.revealed:
            self.revealed = True
            self.show()

    def action_rate(self, rating: str) -> None:
        if self.finished or not self.revealed:
            return
        item = self.items[self.index]
        self.rate(item.topic_id, rating, item.practice)
        self.ratings.append(rating)
        if not item.practice and item.completed is not None:
            s = schedule(item.completed, (*item.log, Review(self.now(), rating)))
            self.next_due.append(s.due)
            said = f": {describe(s, self.now())}"
        else:
            said = " (practice: the schedule is unchanged)"
        self.notify(f"{rating.capitalize()}{said}", markup=False, timeout=3)
        self.index += 1
        self.revealed = False
        self.show()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id and event.button.id.startswith("rate-"):
            self.action_rate(event.button.id.removeprefix("rate-"))
