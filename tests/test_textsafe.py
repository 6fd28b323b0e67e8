"""Text made safe for a terminal, and the JSON the commands print."""

from __future__ import annotations

import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap_tui.core.textsafe import clean, json_dumps


def reference(value: object, indent: int | None = 2) -> str:
    """What json_dumps promises: the json module's text, with DEL, C1 and bidi controls escaped."""
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    return re.sub(
        r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069]", lambda m: f"\\u{ord(m.group()):04x}", text
    )


scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
    | st.sampled_from(
        ["\x7f", "\x9b[31m", "é ✓ 漢字", "tab\there", "\x1b]0;title\x07", "\u202eRLO", ""]
    )
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None)
@given(json_values)
def test_json_is_the_json_module_text_with_terminal_controls_escaped(value):
    text = json_dumps(value)
    assert text == reference(value)
    assert not re.search(r"[\x00-\x1f\x7f-\x9f]", text.replace("\n", ""))


@given(json_values)
def test_other_indents_and_non_string_keys(value):
    assert json_dumps(value, indent=None) == reference(value, None)
    assert json_dumps({1: value, "k": [value]}) == reference({1: value, "k": [value]})


def test_a_topic_list_prints_as_indented_json():
    rows = [{"id": "a/b", "title": "Café \x9b", "status": "done", "note": "line\nDEL\x7f"}]
    assert json_dumps(rows) == (
        "[\n  {\n"
        '    "id": "a/b",\n'
        '    "title": "Café \\u009b",\n'
        '    "status": "done",\n'
        '    "note": "line\\nDEL\\u007f"\n'
        "  }\n]"
    )
    assert json.loads(json_dumps(rows)) == rows


def test_clean_makes_controls_visible():
    assert clean("a\x1b[31mb\x7f\x9bc\r\nd\te") == "a␛[31mb␡\ufffdc\nd\te"
    # bidirectional overrides, embeddings and isolates reorder what follows them on screen;
    # the marks (LRM, RLM) and right-to-left text itself stay
    bidi = "".join(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))
    assert clean(f"x{bidi}y") == "x" + "\ufffd" * 9 + "y"
    assert clean("שלום \u200fok\u200e") == "שלום \u200fok\u200e"
