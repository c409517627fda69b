"""One naming of flags across commands: the same thing has the same flag in every ``--help``.

The commands are read from the ``herald`` group itself, so a command added later is held to
the same names without this file changing.
"""

from __future__ import annotations

from collections import defaultdict

import click
import pytest

from herald.cli.app import cli

# What a parameter holds (its name in the command's function) -> the flags that say it.
CONCEPTS = {
    "db": ("--db",),
    "output": ("--output", "-o"),
    "fmt": ("--format",),
    "limit": ("--limit",),
    "every": ("--all",),
    "processes": ("--processes", "-j"),
    "quiet": ("--quiet", "-q"),
    "since": ("--since",),
    "until": ("--until",),
    "type": ("--type",),
    "actor": ("--actor",),
    "published": ("--published",),
}
# Other spellings of those things that no visible flag may use.
SYNONYMS = {
    "--to", "--as", "--out", "--fmt", "--database", "--jobs", "--workers", "--date",
    "--output-format", "--from", "--event-type", "--max", "--n",
}  # fmt: skip


def commands() -> list[tuple[str, click.Command]]:
    return sorted(cli.commands.items())


def visible_options(command: click.Command) -> list[click.Option]:
    return [p for p in command.params if isinstance(p, click.Option) and not p.hidden]


def help_text(name: str, command: click.Command) -> str:
    with click.Context(
        command, info_name=name, parent=click.Context(cli, info_name="herald")
    ) as ctx:
        return command.get_help(ctx)


@pytest.mark.parametrize(("name", "command"), commands())
def test_each_thing_has_its_one_flag(name: str, command: click.Command):
    shown = help_text(name, command)
    for option in visible_options(command):
        if option.name in CONCEPTS:
            assert sorted(option.opts) == sorted(CONCEPTS[option.name]), (name, option.opts)
        for flag in option.opts:
            assert flag not in SYNONYMS, (name, flag)
            assert flag in shown, (name, flag)


def test_a_flag_means_one_thing_everywhere():
    uses: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for _name, command in commands():
        for option in visible_options(command):
            for flag in option.opts:
                uses[flag].add(tuple(sorted(option.opts)))
    assert {flag: forms for flag, forms in uses.items() if len(forms) > 1} == {}


def test_the_reading_commands_share_the_event_filters():
    readers = ("events", "export", "stories")
    flags = [
        {flag for option in visible_options(cli.commands[name]) for flag in option.opts}
        for name in readers
    ]
    shared = set.intersection(*flags)
    for flag in ("--type", "--quad", "--mode", "--modality", "--actor", "--recipient",
                 "--participant", "--sector", "--place", "--text", "--min-confidence",
                 "--since", "--until", "--db", "--output", "--format"):  # fmt: skip
        assert flag in shared, flag
