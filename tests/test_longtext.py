"""How much of a long text is shown at once."""

from __future__ import annotations

from roadmap_tui.core.longtext import LIMIT, head, size_label


def test_a_text_up_to_the_limit_is_shown_whole():
    text = "word " * (LIMIT // 5)
    assert len(text) <= LIMIT
    assert head(text) == text


def test_a_long_text_is_cut_at_the_end_of_a_paragraph_within_the_limit():
    paragraph = "A sentence that goes on for a while.\n" * 3 + "\n"
    text = paragraph * (3 * LIMIT // len(paragraph))
    shown = head(text)
    assert len(shown) <= LIMIT
    assert len(shown) > LIMIT // 2
    assert text.startswith(shown)
    assert text[len(shown) : len(shown) + 2] == "\n\n"  # the cut is between paragraphs


def test_a_text_without_line_breaks_is_cut_at_the_limit():
    text = "x" * (LIMIT * 3)
    assert head(text) == "x" * LIMIT


def test_sizes_read_as_kilobytes_and_megabytes():
    assert size_label(8_000) == "8 KB"
    assert size_label(9_600_000) == "9.6 MB"
    assert size_label(10) == "1 KB"
