"""Pilot test: an option of a choice still to make shows no empty count."""

from __future__ import annotations

from .helpers import SIZE, goto, label


async def test_an_option_with_parts_shows_no_zero_of_zero_before_the_choice(make_app, bundled):
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "language/javascript")
        row = label(app, "language/javascript")
        assert row.startswith("○ JavaScript / TypeScript alt"), row
        assert "0/0" not in row, row
