"""Review in the main screen: the detail pane's self-check (questions, answers on request, the
review's state), the header's due count, and the tree's ↺ for a topic that needs relearning."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.command import CommandPalette
from textual.widgets import Input

from roadmap_tui.core.loader import parse
from roadmap_tui.storage.progress import ProgressStore
from roadmap_tui.tui.screens.main import MainScreen
from roadmap_tui.tui.screens.question import QuestionScreen
from roadmap_tui.tui.screens.review import ReviewScreen

from .conftest import FIXED_NOW, MINI_TOML, read_progress, seed_progress, wait_for
from .helpers import SIZE, detail_text, goto, header, label, main, messages, saved, screen_text

QUESTIONS = """questions = [
  { q = "Why start with an introduction?", a = "It names the parts before you study them." },
  { q = "What would you skip here?", a = "Nothing: it is two hours." },
]
"""


@pytest.fixture
def quiz():
    text = MINI_TOML.replace(
        'sources = ["s1", "s2", "s3"]\n', 'sources = ["s1", "s2", "s3"]\n' + QUESTIONS, 1
    )
    return parse(text)


def rate_later(path, topic_id: str, *ratings: str) -> None:
    """Ratings given by an earlier run, a day apart after the fixture's completion date."""
    for day, rating in enumerate(ratings, start=1):
        store = ProgressStore(path, "mini", clock=lambda d=day: FIXED_NOW + timedelta(days=d))
        store.load()
        store.rate(topic_id, rating)


async def test_self_check_lists_questions_and_shows_an_answer_on_request(
    make_app, quiz, progress_path
):
    store = ProgressStore(progress_path, "mini", clock=lambda: FIXED_NOW)
    store.load()
    store.put_question("basics/intro", "Which part comes first?", "The introduction.")
    app = make_app(quiz, clock=lambda: FIXED_NOW)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "basics/intro")
        text = detail_text(app)
        assert "Self-check" in text
        assert "? Why start with an introduction?" in text
        assert "? Which part comes first?  mine" in text  # the learner's own, marked
        assert "It names the parts" not in text and "The introduction." not in text
        assert "Review: enters review when marked done" in text
        # tab reaches the questions like the pane's other boxes; enter shows an answer
        for _ in range(20):
            if app.focused is not None and app.focused.id == "selfcheck-lines":
                break
            await pilot.press("tab")
        assert app.focused is not None and app.focused.id == "selfcheck-lines"
        await pilot.press("enter")
        text = detail_text(app)
        assert "It names the parts before you study them." in text
        assert "Nothing: it is two hours." not in text  # only the one asked
        await pilot.press("down", "down", "enter")
        assert "The introduction." in detail_text(app)
        await pilot.press("enter")  # again: hidden again
        assert "The introduction." not in detail_text(app)
        # a click on a question shows its answer too
        await pilot.press("escape")
        lines = main(app).detail.query_one("#selfcheck-lines")
        lines.scroll_visible(animate=False, immediate=True)
        await pilot.pause()
        await pilot.click("#selfcheck-lines", offset=(4, 2))
        assert "Nothing: it is two hours." in detail_text(app)


async def test_marking_done_puts_the_topic_in_review(make_app, quiz, progress_path):
    app = make_app(quiz, clock=lambda: FIXED_NOW)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "basics/intro")
        await pilot.press("space")
        await saved(pilot)
        assert await wait_for(pilot, lambda: "not reviewed yet" in detail_text(app))
        text = detail_text(app)
        assert "Review: next review in" in text or "Review: next review tomorrow" in text
        assert "due" not in header(app)  # due later, not now


async def test_header_counts_the_due_topics_and_follows_each_rating(make_app, quiz, progress_path):
    # finished on 5 January 2026; the app's clock a year later: both due
    seed_progress(progress_path, "mini", {"basics/intro": "done", "web/html": "done"})
    later = FIXED_NOW + timedelta(days=365)
    app = make_app(quiz, clock=lambda: later)
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: "2 due" in header(app))
        await goto(pilot, "basics/intro")
        assert "Review: due now, not reviewed yet" in detail_text(app)
        await pilot.press("R", "space", "3")
        await saved(pilot)
        await pilot.press("escape")
        assert await wait_for(pilot, lambda: "1 due" in header(app))
        assert "Review: next review in" in detail_text(app)
        assert "reviewed once" in detail_text(app)


async def test_header_count_follows_a_reload(make_app, quiz, progress_path):
    seed_progress(progress_path, "mini", {"basics/intro": "done"})
    later = FIXED_NOW + timedelta(days=365)
    app = make_app(quiz, clock=lambda: later, poll_interval=0.05)
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: "1 due" in header(app))
        seed_progress(progress_path, "mini", {"web/html": "done"})
        assert await wait_for(pilot, lambda: "2 due" in header(app)), header(app)


async def test_needs_relearning_shows_in_the_tree_and_the_details(make_app, quiz, progress_path):
    seed_progress(progress_path, "mini", {"basics/intro": "done", "web/html": "done"})
    rate_later(progress_path, "basics/intro", "again", "again")
    rate_later(progress_path, "web/html", "again", "good")
    app = make_app(quiz, clock=lambda: FIXED_NOW + timedelta(days=3))
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "web/html")
        await goto(pilot, "basics/intro")
        assert await wait_for(pilot, lambda: label(app, "basics/intro").endswith(" ↺"))
        assert "↺" not in label(app, "web/html")  # again once, then recalled
        assert "needs relearning" in detail_text(app)


def own_questions(path, topic_id: str) -> list[dict]:
    data = read_progress(path)
    review = data.get("roadmaps", {}).get("mini", {}).get("review", {})
    return review.get(topic_id, {}).get("questions", [])


async def palette(pilot, query: str, prompt: str) -> None:
    """Run the palette's entry that shows ``prompt`` for ``query``."""
    app = pilot.app
    await pilot.press("ctrl+p")
    assert await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
    await pilot.press(*query)
    assert await wait_for(pilot, lambda: prompt in screen_text(app))
    await pilot.press("enter")
    assert await wait_for(pilot, lambda: not isinstance(app.screen, CommandPalette))


async def test_add_edit_and_delete_an_own_question(make_app, quiz, progress_path):
    app = make_app(quiz)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "basics/intro")
        await pilot.press("a")
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("enter", "enter")  # an empty question is refused, nothing saved
        assert isinstance(app.screen, QuestionScreen)
        assert "The question cannot be empty" in screen_text(app)
        await pilot.press(*"Who reads [b]this[/b]?", "enter", *"You do.", "enter")
        assert isinstance(app.screen, MainScreen)
        assert await wait_for(pilot, lambda: len(own_questions(progress_path, "basics/intro")))
        (saved_question,) = own_questions(progress_path, "basics/intro")
        assert saved_question["q"] == "Who reads [b]this[/b]?"
        assert saved_question["a"] == "You do."
        await saved(pilot)
        # shown as typed (never as markup), marked as the learner's own
        assert await wait_for(pilot, lambda: "Who reads [b]this[/b]?  mine" in detail_text(app))

        await palette(pilot, "edit my", "Edit my question: Who reads [b]this[/b]?")
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.query_one("#question-a", Input).value == "You do."
        await pilot.click("#question-a")
        await pilot.press("end", *" And you.", "enter")
        assert await wait_for(
            pilot,
            lambda: (
                [q["a"] for q in own_questions(progress_path, "basics/intro")]
                == ["You do. And you."]
            ),
        )
        await saved(pilot)

        await palette(pilot, "delete my", "Delete my question: Who reads [b]this[/b]?")
        assert await wait_for(pilot, lambda: own_questions(progress_path, "basics/intro") == [])
        await saved(pilot)
        assert await wait_for(pilot, lambda: "Who reads" not in detail_text(app))
        assert "? Why start with an introduction?" in detail_text(app)  # the roadmap's stay


async def test_cancelling_the_form_saves_nothing(make_app, quiz, progress_path):
    app = make_app(quiz)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "basics/intro")
        await pilot.press("a", *"Half a thought", "escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.pause(0.2)
        assert own_questions(progress_path, "basics/intro") == []
        await goto(pilot, "basics")
        await pilot.press("a")  # a section has no questions: said, no form
        assert isinstance(app.screen, MainScreen)
        assert any("sections have no self-check questions" in m for m in messages(app))


async def test_palette_reviews_the_due_topics_and_practises_this_one(make_app, quiz, progress_path):
    seed_progress(progress_path, "mini", {"basics/intro": "done"})
    app = make_app(quiz, clock=lambda: FIXED_NOW + timedelta(days=365))
    async with app.run_test(size=SIZE) as pilot:
        await palette(pilot, "review due", "Review due topics")
        assert isinstance(app.screen, ReviewScreen)
        assert "Review: 1 left" in screen_text(app)
        await pilot.press("escape")
        await goto(pilot, "web/html")
        await palette(pilot, "practise this", "Practise this topic")
        assert isinstance(app.screen, ReviewScreen)
        assert "(practice: not due)" in screen_text(app)


async def test_questions_from_the_file_are_shown_as_text(make_app, quiz, progress_path):
    store = ProgressStore(progress_path, "mini", clock=lambda: FIXED_NOW)
    store.load()
    store.put_question("basics/intro", "[bold]Loud[/bold] \x1b[31mred?", "[link=x]no[/link]")
    app = make_app(quiz)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "basics/intro")
        assert "? [bold]Loud[/bold] ␛[31mred?  mine" in detail_text(app)
        main(app).detail.query_one("#selfcheck-lines").focus()
        await pilot.press("down", "down", "enter")
        assert "[link=x]no[/link]" in detail_text(app)
        await palette(pilot, "edit my", "Edit my question: [bold]Loud[/bold] ␛[31mred?")
        assert isinstance(app.screen, QuestionScreen)
