"""End to end in a real terminal (tmux): the rough edges a new user hits first."""

from __future__ import annotations

import time

import pytest
from test_e2e_tmux import TMUX, TOPIC, Terminal

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")


@pytest.mark.parametrize(
    ("editor", "says"),
    [("/nonexistent/editor", "Could not run the editor"), ("false", "exited with status 1")],
)
def test_a_missing_or_failing_editor_resumes_the_app_and_says_why(tmp_path, editor, says):
    term = Terminal(tmp_path, editor=editor, cursor=TOPIC)
    try:
        term.wait_for("How the Internet Works")
        term.keys("e")
        screen = term.wait_for(says)
        assert editor in screen
        # the app is back: it draws itself and answers keys
        term.keys("space")
        screen = term.wait_for("1 done")
        assert "● How the Internet Works" in screen
    finally:
        term.close()


@pytest.mark.parametrize(
    ("content", "says"), [(None, "no longer exists"), ("[roadmap", "has problems")]
)
def test_a_last_roadmap_that_is_gone_or_broken_is_replaced_with_a_notice(tmp_path, content, says):
    last = tmp_path / "mine.toml"
    if content is not None:
        last.write_text(content, encoding="utf-8")
    state = tmp_path / "state.toml"
    state.write_text(f'theme = ""\nlast_roadmap = "{last}"\n', encoding="utf-8")
    term = Terminal(tmp_path)
    try:
        screen = term.wait_for(says)
        assert "Backend Developer" in screen  # the bundled roadmap, opened instead
    finally:
        term.close()


def test_text_typed_fast_after_n_on_a_section_marks_nothing(tmp_path):
    term = Terminal(tmp_path, width=80, height=24, cursor="internet")  # on a section
    try:
        term.wait_for("Internet and the Web")
        term.keys("nsay hello", literal=True)  # one burst, as a fast typist or a paste sends it
        term.wait_for("sections have no")
        time.sleep(0.5)
        screen = term.screen()
        assert "Mark " not in screen  # no branch dialog came up
        assert "0 done" in screen and "0%" in screen
        assert not term.progress.exists()  # nothing was saved
    finally:
        term.close()
