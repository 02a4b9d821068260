"""Shared fixtures: the real shipped graph (loaded once) and a CLI runner."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from kg.cli.main import main

import kg

DATA = Path(__file__).parent / "data"

# the site and a live `armoede-kg serve` for the publication tests
pytest_plugins = ["publish_support"]


@pytest.fixture(scope="session")
def graph() -> kg.KnowledgeGraph:
    """The real graph from the shipped Turtle files, in memory (rdflib)."""
    return kg.load()


@pytest.fixture(scope="session")
def graph_en() -> kg.KnowledgeGraph:
    return kg.load(lang="en")


@pytest.fixture
def run_cli() -> Callable[..., Result]:
    """Run the armoede-kg CLI in-process; returns click's Result (exit_code, output, stderr)."""
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Result:
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    return run
