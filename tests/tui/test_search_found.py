"""Pilot tests: the search says how many topics it found, highlights the typed words in the
titles and moves between its matches."""

from __future__ import annotations

from rich.text import Text

from .helpers import SIZE, cursor, main, messages, screen_text


def highlighted(app, topic_id: str) -> list[str]:
    """The parts of a topic's tree label drawn in the search highlight (the only underline)."""
    label: Text = main(app).tree.nodes_by_id[topic_id].label
    return [
        label.plain[span.start : span.end]
        for span in label.spans
        if not isinstance(span.style, str) and span.style.underline
    ]


async def test_the_match_count_follows_the_typing(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", "g", "o")
        await pilot.pause()
        assert "1 match " in screen_text(app)  # Gopher
        await pilot.press("backspace")
        await pilot.pause()
        count = len(main(app).matches)
        assert count > 1
        assert f"{count} matches" in screen_text(app)
        await pilot.press(*"zzz")
        await pilot.pause()
        assert "no match" in screen_text(app)


async def test_the_typed_words_are_highlighted_in_matching_titles(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"GOPH")
        await pilot.pause()
        assert highlighted(app, "web/protocols/gopher") == ["Goph"]
        await pilot.press("backspace", "backspace")
        await pilot.pause()
        # the same tree, other words: the label follows
        assert highlighted(app, "web/protocols/gopher") == ["Go"]
        await pilot.press("escape")
        await pilot.pause()
        main(app).tree.reveal("web/protocols/gopher")  # the whole tree again: no highlight
        assert highlighted(app, "web/protocols/gopher") == []


async def test_two_words_are_each_highlighted(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"ph go")
        await pilot.pause()
        assert sorted(highlighted(app, "web/protocols/gopher")) == ["Go", "ph"]


async def test_greater_and_less_than_go_through_the_matches_and_wrap(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"ht", "enter")  # HTTP and HTML (and their section's blurb)
        matches = list(main(app).matches)
        assert cursor(app) == matches[0]
        seen = [cursor(app)]
        for _ in matches:
            await pilot.press("greater_than_sign")
            seen.append(cursor(app))
        assert seen == [*matches, matches[0]]  # past the last: the first again
        await pilot.press("less_than_sign")
        assert cursor(app) == matches[-1]
        assert app.focused is main(app).tree


async def test_greater_than_without_a_search_says_how_to_search(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        before = cursor(app)
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert cursor(app) == before
        assert any(m.startswith("No search: / searches") for m in messages(app))
