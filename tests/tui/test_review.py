"""The review screen: R opens the due topics, space reveals the answer and the note, 1-4 (or a
click) rate, every rating is in the saved file at once, esc leaves, a summary at the end."""

from __future__ import annotations

import pytest

from roadmap_tui.core.loader import parse
from roadmap_tui.tui.screens.main import MainScreen
from roadmap_tui.tui.screens.review import ReviewScreen

from .conftest import MINI_TOML, read_progress, seed_progress, wait_for
from .helpers import SIZE, main, messages, screen_text

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


def log_of(path, topic_id):
    data = read_progress(path)
    return data["roadmaps"]["mini"].get("review", {}).get(topic_id, {}).get("log", [])


async def test_review_every_key_and_the_saved_file(make_app, quiz, progress_path):
    # finished on 5 January 2026 (the fixture's clock): due long since
    seed_progress(
        progress_path,
        "mini",
        {"basics/intro": "done", "web/html": "done"},
        notes={"basics/intro": "my own words"},
    )
    app = make_app(quiz)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R")
        assert isinstance(app.screen, ReviewScreen)
        text = screen_text(app)
        assert "Review: 2 left" in text and "Why start with an introduction?" in text
        assert "It names the parts" not in text  # hidden until asked
        await pilot.press("3")  # a rating before the answer is shown does nothing
        assert log_of(progress_path, "basics/intro") == []
        await pilot.press("space")
        text = screen_text(app)
        assert "It names the parts before you study them." in text and "my own words" in text
        await pilot.press("3")
        assert await wait_for(pilot, lambda: len(log_of(progress_path, "basics/intro")) == 1)
        assert log_of(progress_path, "basics/intro")[0].endswith(" good")
        assert "Review: 1 left" in screen_text(app)
        assert "Explain HTML in your own words." in screen_text(app)  # no questions: explain it
        await pilot.press("enter", "1")
        assert await wait_for(pilot, lambda: len(log_of(progress_path, "web/html")) == 1)
        assert log_of(progress_path, "web/html")[0].endswith(" again")
        text = screen_text(app)
        assert "Reviewed 2, 1 again" in text and "Next due:" in text
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_the_buttons_rate_with_the_mouse(make_app, quiz, progress_path):
    seed_progress(progress_path, "mini", {"basics/intro": "done"})
    app = make_app(quiz)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R", "space")
        await pilot.click("#rate-easy")
        assert await wait_for(pilot, lambda: len(log_of(progress_path, "basics/intro")) == 1)
        assert log_of(progress_path, "basics/intro")[0].endswith(" easy")


async def test_leaving_early_keeps_the_ratings_given(make_app, quiz, progress_path):
    seed_progress(progress_path, "mini", {"basics/intro": "done", "web/html": "done"})
    app = make_app(quiz)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R", "space", "2", "escape")
        assert isinstance(app.screen, MainScreen)
        assert await wait_for(pilot, lambda: len(log_of(progress_path, "basics/intro")) == 1)
        await pilot.pause(0.2)
        assert log_of(progress_path, "web/html") == []


async def test_nothing_due_says_so(make_app, quiz, progress_path):
    app = make_app(quiz)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R")
        assert isinstance(app.screen, MainScreen)
        assert any("Nothing is due for review" in m for m in messages(app))


async def test_practise_the_highlighted_topic_keeps_the_schedule(make_app, quiz, progress_path):
    app = make_app(quiz)
    async with app.run_test(size=SIZE) as pilot:
        main(app).tree.focus()
        await pilot.pause()
        topic = main(app).cursor_topic()
        await pilot.press("P")
        if topic is None or topic.is_section:
            assert any("Pick a topic first" in m for m in messages(app))
            return
        assert "(practice: not due)" in screen_text(app)
        await pilot.press("space", "4")
        assert await wait_for(pilot, lambda: len(log_of(progress_path, topic.id)) == 1)
        assert log_of(progress_path, topic.id)[0].endswith(" easy practice")


async def test_the_footer_offers_only_the_keys_that_apply_now(make_app, quiz, progress_path):
    seed_progress(progress_path, "mini", {"basics/intro": "done"})
    app = make_app(quiz)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "Show answer" in footer and "Good" not in footer, footer
        await pilot.press("space")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "Show answer" not in footer and "Good" in footer, footer
        await pilot.press("3")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]  # finished: only leaving is left
        assert "Show answer" not in footer and "Good" not in footer and "Leave" in footer, footer
