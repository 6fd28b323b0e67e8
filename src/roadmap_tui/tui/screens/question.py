"""The form of one of the learner's own self-check questions: the question and its answer."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from roadmap_tui.core.textsafe import clean
from roadmap_tui.tui.screens.dialogs import FormScreen


class QuestionScreen(FormScreen[tuple[str, str] | None]):
    """Ask for a question and its answer; dismissed with (question, answer), or None when
    cancelled. Enter in the question goes on to the answer, enter in the answer saves."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=True, id="question.cancel")]

    def __init__(self, heading: str, question: str = "", answer: str = "") -> None:
        super().__init__()
        self.heading = heading
        self.question = question
        self.answer = answer

    def compose(self) -> ComposeResult:
        with Vertical(id="question-form", classes="form"):
            yield Static(Text(clean(self.heading), style="bold"))
            yield Label("Question")
            yield Input(self.question, id="question-q", placeholder="what to ask yourself")
            yield Label("Answer")
            yield Input(self.answer, id="question-a", placeholder="the answer you expect")
            yield Static(id="question-error", classes="form-error")
            with Horizontal(classes="form-buttons"):
                yield Button("Save", id="question-save", variant="primary")
                yield Button("Cancel", id="question-cancel", classes="form-cancel")

    @on(Input.Submitted, "#question-q")
    def question_submitted(self) -> None:
        self.query_one("#question-a", Input).focus()

    @on(Input.Submitted, "#question-a")
    @on(Button.Pressed, "#question-save")
    def save(self) -> None:
        question = self.query_one("#question-q", Input).value.strip()
        answer = self.query_one("#question-a", Input).value.strip()
        if not question:
            self.error("The question cannot be empty: write one, or esc to cancel.")
            self.query_one("#question-q", Input).focus()
            return
        self.dismiss((question, answer))
