"""The command-line output shown in docs/api.md is what the commands print today: each
`$ armoede-kg …` line of a code block (those that draw a picture aside) is run and its
output compared with the lines that follow it."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs" / "api.md"


def shown_runs() -> list[tuple[str, str]]:
    runs = []
    for block in re.findall(r"```\n(\$ armoede-kg .*?)```", DOCS.read_text(encoding="utf-8"), flags=re.S):
        parts = re.split(r"^\$ ", block, flags=re.M)[1:]
        for part in parts:
            command, _, output = part.partition("\n")
            if "--out" not in command:
                runs.append((command, output.rstrip("\n")))
    return runs


RUNS = shown_runs()


def test_docs_show_command_output():
    assert len(RUNS) >= 6


@pytest.mark.parametrize(("command", "output"), RUNS, ids=[c for c, _ in RUNS])
def test_command_output_in_docs_is_real(run_cli, command, output):
    args = shlex.split(command)
    assert args[0] == "armoede-kg"
    result = run_cli(*args[1:])
    assert (result.output.rstrip("\n")) == output
