"""Where the shipped Turtle and query files live, in a checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_KG = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    # An installed wheel puts ontologie/ and queries/ inside the kg package (setuptools
    # package-dir); a checkout (or an editable install) has them next to kg/.
    inside = _KG / name
    return inside if inside.is_dir() else _KG.parent / name


def ontology_dir() -> Path:
    """The folder with kern.ttl, vormen.ttl, bronnen.ttl, schemas/ and kennis/."""
    return _data_dir("ontologie")


def queries_dir() -> Path:
    """The folder with the named .rq queries (and qc/ with the quality checks)."""
    return _data_dir("queries")
