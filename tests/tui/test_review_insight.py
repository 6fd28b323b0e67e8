"""Review in the app's statistics (t), in `w` and in the detail pane's next line."""

from __future__ import annotations

from datetime import timedelta

from roadmap_tui.storage.progress import ProgressStore

from .conftest import FIXED_NOW, seed_progress
from .helpers import SIZE, detail_text, messages, stats_text


def rate(path, topic_id: str, *ratings: str) -> None:
    """Ratings given a day apart after the seeded completion, by another store."""
    for n, rating in enumerate(ratings, start=1):
        store = ProgressStore(path, "mini", clock=lambda n=n: FIXED_NOW + timedelta(days=n))
        store.load()
        store.rate(topic_id, rating)


async def test_statistics_without_reviews_say_so(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        text = stats_text(app)
        assert "Reviews, last 26 weeks" in text
        assert "No reviews yet. Topics you mark done come up for review here." in text


async def test_statistics_show_reviews_and_relearning(make_app, mini, progress_path):
    seed_progress(progress_path, "mini", {"basics/intro": "done", "basics/tools": "done"})
    rate(progress_path, "basics/intro", "again", "again")
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        text = stats_text(app)
        assert "2 reviews in all; 2 topics in review." in text
        # the reviews were given in January: none in the last 30 days
        assert "Retention: no reviews in the last 30 days." in text
        assert "Due, next 7 days: today 2" in text  # both long overdue
        assert "Needs relearning (1): Introduction" in text


async def test_next_mentions_relearning_without_changing_the_next_topic(
    make_app, mini, progress_path
):
    seed_progress(progress_path, "mini", {"basics/intro": "done"})
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        await pilot.pause()
        before = messages(app)[-1]
        assert before.startswith("Next: HTTP (") and "1 topic due for review" in before
        assert "relearning" not in before
    rate(progress_path, "basics/intro", "again", "again")
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        await pilot.pause()
        text = messages(app)[-1]
        assert text.startswith("Next: HTTP (")  # the same topic is next
        assert (
            "Also 1 topic needs relearning: Introduction; 1 topic due for review; R reviews" in text
        )
        assert "needs relearning: Introduction" in detail_text(app)
