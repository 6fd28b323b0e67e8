"""Make untrusted text (notes, roadmap descriptions) safe to show in a terminal.

Control characters are replaced with visible symbols so that an escape sequence in a note can
never move the cursor, change colours or retitle the terminal. Pure core: no Textual import.
"""

from __future__ import annotations

import re

# C0 (but tab and newline), DEL, C1, and the bidirectional embeddings, overrides and
# isolates (U+202A-U+202E, U+2066-U+2069): a terminal that lays out right-to-left text would
# reorder what follows one, so a title or a link could read as something else
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # U+2400 control pictures: ESC -> '␛'
    if code == 0x7F:
        return "\u2421"  # '␡'
    return "\ufffd"  # C1 controls and the bidirectional ones


def clean(text: str) -> str:
    """Replace terminal control characters (C0 except tab/newline, DEL, C1, bidirectional
    controls) with symbols.

    CR LF pairs become LF first, so a note written on Windows shows normally.
    """
    if not text:
        return text
    text = text.replace("\r\n", "\n")
    return _CONTROL_RE.sub(_visible, text)


_JSON_UNSAFE_RE = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def json_dumps(value: object, *, indent: int | None = 2) -> str:
    """JSON with non-ASCII text kept readable, but DEL, C1 and the bidirectional controls
    escaped as \\uXXXX (json escapes C0 itself), so printing it can never drive the terminal
    or reorder what it shows."""
    import json

    text = json.dumps(value, indent=indent, ensure_ascii=False)
    return _JSON_UNSAFE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
