"""The README's Commands table lists every command that ``roadmap-tui --help`` lists."""

from __future__ import annotations

import re
from pathlib import Path

from roadmap_tui.cli.parser import COMMANDS

README = Path(__file__).resolve().parents[1] / "README.md"


def parser_commands() -> set[str]:
    """The commands `roadmap-tui --help` lists: the parser makes one for each of COMMANDS."""
    return set(COMMANDS)


def table_commands() -> set[str]:
    """The command of every row of the table under "## Commands"."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("\n## Commands\n") :]
    section = section[: section.index("\n## ", 1)]
    table = section[section.index("| Command |") :].split("\n\n")[0]
    return set(re.findall(r"^\| `roadmap-tui ([a-z][a-z-]*)", table, flags=re.MULTILINE))


def test_the_commands_table_lists_every_command_of_the_parser():
    missing = parser_commands() - table_commands()
    assert not missing, f"not in the README's Commands table: {sorted(missing)}"
    assert not table_commands() - parser_commands()  # and nothing that is no command
