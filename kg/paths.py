"""Where the shipped Turtle and query files live, in a checkout and in an installed wheel."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def _package_dir(package: str, fallback: str) -> Path:
    # Installed (wheel or editable): setuptools maps ontologie/ and queries/ to kg.ontologie
    # and kg.queries. Running from a bare checkout: the folders next to kg/.
    try:
        path = Path(str(resources.files(package)))
        if path.is_dir():
            return path
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parent.parent / fallback


def ontology_dir() -> Path:
    """The folder with kern.ttl, vormen.ttl, bronnen.ttl, schemas/ and kennis/."""
    return _package_dir("kg.ontologie", "ontologie")


def queries_dir() -> Path:
    """The folder with the named .rq queries (and qc/ with the quality checks)."""
    return _package_dir("kg.queries", "queries")
