"""The user's settings (config.toml) as plain data: parsing, validation and precedence.

Pure: the file's text, the environment and the flags come in as arguments; ``storage.config``
reads the file. Precedence, lowest first: the defaults, the file, the environment, the flags. A
mistake in the file never stops anything: it becomes a ConfigWarning (file, line, key, what is
wrong) and the key keeps the value of the level below.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from roadmap_tui.core.roadmap import Problem

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DEFAULT_DATE_FORMAT = "%Y-%m-%d"
DEFAULT_DETAIL_SPLIT = 55  # the detail pane's share of the width today (the tree has 45%)
SPLIT_RANGE = (20, 80)
MAX_GOAL_HOURS = 168  # hours in a week

# which environment variables set which setting, first found wins
ENVIRONMENT: dict[str, tuple[str, ...]] = {
    "roadmap": ("ROADMAP_TUI_ROADMAP",),
    "editor": ("VISUAL", "EDITOR"),
}
# which command-line flag sets which setting
FLAGS: dict[str, str] = {"roadmap": "--roadmap"}

MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
# key names beside the printable characters and their Unicode names (`question_mark`)
SPECIAL_KEYS = frozenset(
    {
        "escape",
        "enter",
        "tab",
        "backspace",
        "delete",
        "insert",
        "home",
        "end",
        "pageup",
        "pagedown",
        "up",
        "down",
        "left",
        "right",
        "space",
        *(f"f{n}" for n in range(1, 25)),
    }
)


@dataclass(frozen=True)
class ConfigWarning:
    """A mistake in the config file: where, which key, what is wrong."""

    path: str
    line: int | None
    key: str
    message: str

    def __str__(self) -> str:
        return str(Problem(self.path, self.line, self.key, self.message))  # as a roadmap's


@dataclass(frozen=True)
class Settings:
    """The effective settings, and where each came from (``sources``: key -> "default",
    "file", "$NAME" of an environment variable or "--flag").

    ``theme``, ``editor`` and ``roadmap`` are None when nothing sets them (the app's own
    choice applies: the remembered theme, $VISUAL/$EDITOR or vi, the last roadmap opened).
    ``weekly_goal`` is hours a week (None: no default goal). ``detail_split`` is the share of
    the window, in percent, the detail pane takes beside the tree.
    """

    theme: str | None = None
    editor: str | None = None
    roadmap: str | None = None
    date_format: str = DEFAULT_DATE_FORMAT
    week_start: str = "monday"
    weekly_goal: float | None = None
    detail_split: int = DEFAULT_DETAIL_SPLIT
    keymap: Mapping[str, str] = field(default_factory=dict)
    sources: Mapping[str, str] = field(default_factory=dict)
    lines: Mapping[str, int] = field(default_factory=dict)  # dotted key -> its line in the file
    path: str = ""
    warnings: tuple[ConfigWarning, ...] = ()

    @property
    def week_start_day(self) -> int:
        """The first day of the week as ``date.weekday()`` counts it (Monday 0, Sunday 6)."""
        return WEEKDAYS.index(self.week_start)

    def format_date(self, day: date) -> str:
        """``day`` in the configured date format."""
        return day.strftime(self.date_format)

    def source(self, key: str) -> str:
        return self.sources.get(key, "default")

    def warning(self, key: str, message: str) -> ConfigWarning:
        """A warning about a key of the file (dotted: ``keymap.main.quit``) found only later:
        by the app, which knows the binding ids and themes, or by the commands."""
        return ConfigWarning(self.path, self.lines.get(key), key, message)


def parse(text: str, path: str) -> tuple[dict[str, object], dict[str, int], list[ConfigWarning]]:
    """The valid values of a config file, the line of each key (dotted: ``keymap.main.quit``)
    and the warnings for the rest. Bad TOML gives no values and one warning."""
    import tomli  # only with a config file: the commands without one never pay for it

    try:
        data = tomli.loads(text.removeprefix("\ufeff"))
    except tomli.TOMLDecodeError as exc:
        message = f"not TOML: {getattr(exc, 'msg', exc)}; using the defaults"
        return {}, {}, [ConfigWarning(path, getattr(exc, "lineno", None), "", message)]
    lines = key_lines(text)
    values: dict[str, object] = {}
    warnings: list[ConfigWarning] = []
    for key, value in data.items():
        if key not in KEYS:
            close = _close(key, KEYS)
            hint = f" (did you mean {close!r}?)" if close else f" (known: {', '.join(KEYS)})"
            warnings.append(ConfigWarning(path, lines.get(key), key, f"unknown key{hint}; ignored"))
            continue
        if key == "keymap":
            values[key] = _keymap(value, path, lines, warnings)
            continue
        try:
            values[key] = VALIDATORS[key](value)
        except ValueError as exc:
            warnings.append(ConfigWarning(path, lines.get(key), key, f"{exc}; using the default"))
    return values, lines, warnings


def resolve(
    file_values: Mapping[str, object],
    env: Mapping[str, str],
    flags: Mapping[str, str | None] | None = None,
    *,
    path: str = "",
    lines: Mapping[str, int] | None = None,
    warnings: tuple[ConfigWarning, ...] | list[ConfigWarning] = (),
) -> Settings:
    """The effective settings: the defaults, overridden by the file, then by the environment
    (``ENVIRONMENT``), then by the flags (``FLAGS``) given a value."""
    flags = flags or {}
    values: dict[str, object] = {}
    sources: dict[str, str] = {}
    for key in KEYS:
        if key in file_values:
            values[key], sources[key] = file_values[key], "file"
        for name in reversed(ENVIRONMENT.get(key, ())):
            if env.get(name):
                values[key], sources[key] = env[name], f"${name}"
        flag = FLAGS.get(key)
        if flag and flags.get(key):
            values[key], sources[key] = flags[key], flag
    return Settings(
        **values,
        sources=sources,
        lines=dict(lines or {}),
        path=path,
        warnings=tuple(warnings),
    )


# ---------------------------------------------------------------------- validators


def _text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"must be a string ({what}), not {_kind(value)}")
    if not value.strip():
        raise ValueError(f"must not be empty ({what})")
    return value.strip()


def _editor(value: object) -> str:
    import shlex

    text = _text(value, 'a command, such as "nvim" or "code --wait"')
    try:
        shlex.split(text)
    except ValueError as exc:
        raise ValueError(f"cannot read the command {text!r}: {exc}") from None
    return text


def _date_format(value: object) -> str:
    text = _text(value, 'a strftime format, such as "%d %b %Y"')
    if "%" not in text or len(text) > 64:
        raise ValueError(f'{text!r} is not a date format (such as "%d %b %Y")')
    try:
        date(2026, 12, 1).strftime(text)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a date format: {exc}") from None
    return text


def _week_start(value: object) -> str:
    text = _text(value, '"monday" to "sunday"').casefold()
    for day in WEEKDAYS:
        if text in (day, day[:3]):
            return day
    raise ValueError(f"{value!r} is not a day of the week (monday to sunday)")


def _weekly_goal(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"must be a number of hours a week, not {_kind(value)}")
    if not 0 < value <= MAX_GOAL_HOURS:
        raise ValueError(f"{value} is not between 0 and {MAX_GOAL_HOURS} hours a week")
    return float(value)


def _detail_split(value: object) -> int:
    low, high = SPLIT_RANGE
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"must be a whole percentage ({low} to {high}), not {_kind(value)}")
    if not low <= value <= high:
        raise ValueError(f"{value} is not between {low} and {high} (percent)")
    return value


VALIDATORS = {
    "theme": partial(_text, what='a theme name, such as "textual-light"'),
    "editor": _editor,
    "roadmap": partial(_text, what="a roadmap file or the id of a roadmap"),
    "date_format": _date_format,
    "week_start": _week_start,
    "weekly_goal": _weekly_goal,
    "detail_split": _detail_split,
}
# the settings in the order `roadmap-tui config` lists them (the keymap is checked key by key)
KEYS = (*VALIDATORS, "keymap")


def _keymap(
    value: object, path: str, lines: Mapping[str, int], warnings: list[ConfigWarning]
) -> dict[str, str]:
    """The [keymap] table as binding id -> keys; dotted keys (``main.quit = "x"``) and
    sub-tables ([keymap.main]) are read as the ids they spell."""
    if not isinstance(value, dict):
        message = f"must be a table, not {_kind(value)}; ignored"
        warnings.append(ConfigWarning(path, lines.get("keymap"), "keymap", message))
        return {}
    keymap: dict[str, str] = {}
    for binding_id, keys in _flatten(value):
        name = f"keymap.{binding_id}"
        problem = key_problem(keys)
        if problem:
            message = f"{problem}; the default key is kept"
            warnings.append(ConfigWarning(path, lines.get(name), name, message))
        else:
            keymap[binding_id] = ",".join(part.strip() for part in keys.split(","))
    return keymap


def _flatten(table: dict, prefix: str = "") -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    for key, value in table.items():
        if isinstance(value, dict):
            out += _flatten(value, f"{prefix}{key}.")
        else:
            out.append((f"{prefix}{key}", value))
    return out


def key_problem(keys: object) -> str:
    """What is wrong with a key string of the keymap ("" when it is fine): one key or several
    separated by commas, each with optional modifiers (``ctrl+x``, ``f5``, ``?``,
    ``question_mark``)."""
    if not isinstance(keys, str):
        return f'must be a key string such as "x" or "ctrl+x,f5", not {_kind(keys)}'
    parts = [part.strip() for part in keys.split(",")]
    if not keys.strip() or any(not part for part in parts):
        return f"{keys!r} is not a key (an empty key)"
    for part in parts:
        if len(part) == 1:
            if not part.isprintable():
                return f"{keys!r} holds a key that cannot be typed"
            continue
        *modifiers, name = part.split("+")
        for modifier in modifiers:
            if modifier.lower() not in MODIFIERS:
                return f"{part!r} is not a key: unknown modifier {modifier!r}"
        if not _key_name(name):
            return f'{part!r} is not a key name (such as "x", "ctrl+x", "f5", "escape")'
    return ""


def _key_name(name: str) -> bool:
    if len(name) == 1:
        return name.isprintable() and not name.isspace()
    if name.lower() in SPECIAL_KEYS:
        return True
    # Textual names a punctuation key by its Unicode name: question_mark, left_square_bracket
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        return False
    import unicodedata

    try:
        unicodedata.lookup(name.replace("_", " "))
    except KeyError:
        return False
    return True


# ---------------------------------------------------------------------- helpers


def key_lines(text: str) -> dict[str, int]:
    """The line of each key of a TOML text, by its dotted name (``keymap.main.quit``). A small
    scan of the lines (tomli gives values, not positions): table headers and ``key =`` lines."""
    lines: dict[str, int] = {}
    table = ""
    for number, line in enumerate(text.removeprefix("\ufeff").splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        header = re.fullmatch(r"\[\s*([^\[\]]+?)\s*\]\s*(#.*)?", stripped)
        if header:
            table = _dotted(header.group(1))
            lines.setdefault(table, number)
            continue
        name, equals, _ = stripped.partition("=")
        if equals and name.strip():
            full = f"{table}.{_dotted(name)}" if table else _dotted(name)
            lines.setdefault(full, number)
            # the tables a dotted key opens (`keymap.main.quit = ...` opens `keymap`)
            parts = full.split(".")
            for end in range(1, len(parts)):
                lines.setdefault(".".join(parts[:end]), number)
    return lines


def _dotted(name: str) -> str:
    """A TOML key (``main."quit"``, ``"main.quit"``) as plain dotted text."""
    return ".".join(
        part.strip().strip("\"'")
        for part in re.split(r"\.(?=(?:[^\"']*[\"'][^\"']*[\"'])*[^\"']*$)", name.strip())
    )


def _kind(value: object) -> str:
    for kind, name in ((bool, "true/false"), (dict, "a table"), (list, "a list")):
        if isinstance(value, kind):
            return name
    if isinstance(value, str):
        return f"the string {value!r}"
    return f"{type(value).__name__} {value!r}"


def _close(key: str, known: tuple[str, ...]) -> str | None:
    import difflib

    found = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return found[0] if found else None
