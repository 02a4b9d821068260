"""Every public member of the public API says what it does (a docstring), as Brick's
conformance checks ask: what a notebook user reaches from `import kg`, the objects the
KnowledgeGraph methods return, and the network, table and picture helpers of docs/api.md."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from functools import cached_property
from types import ModuleType

import kg
from kg import errors, table
from kg.model import entities, links
from kg.network import analyses, drawing, keys
from kg.query import results

PUBLIC: dict[ModuleType, tuple[str, ...]] = {
    kg: tuple(kg.__all__),
    errors: tuple(n for n, v in vars(errors).items() if inspect.isclass(v) and issubclass(v, Exception)),
    entities: ("Entity", "Intervention", "Theory", "LifeDomain", "Source", "Principle", "Role", "Recognition",
               "Complement", "Results", "kind_key", "kind_label", "checked_kind", "role_key"),
    links: ("Link", "Links"),
    analyses: ("Network", "Path", "Step", "Fact", "Similarity", "Centrality", "Community", "Feature",
               "target_words", "view_key"),
    drawing: ("draw", "draw_paths", "neighbourhood", "path_picture", "to_dot", "render", "image_format"),
    keys: ("iri_key", "IriGraph", "IriDiGraph", "IriMultiGraph", "IriMultiDiGraph"),
    results: ("Cell", "Row", "ResultTable"),
    table: ("TableMixin", "shorten", "flat_value", "columns_of"),
}


def _members(cls: type) -> Iterator[tuple[str, object]]:
    """Public functions and properties a class defines or takes from a kg class."""
    seen: set[str] = set()
    for base in cls.__mro__:
        if not base.__module__.startswith("kg"):
            continue
        for name, value in vars(base).items():
            if name.startswith("_") or name in seen:
                continue
            if isinstance(value, property):
                value = value.fget
            elif isinstance(value, (classmethod, staticmethod)):
                value = value.__func__
            elif isinstance(value, cached_property):
                value = value.func
            elif not inspect.isfunction(value):
                continue  # dataclass fields and constants: described in the class docstring
            seen.add(name)
            yield name, value


def undocumented() -> list[str]:
    missing = []
    for module, names in PUBLIC.items():
        for name in names:
            obj = getattr(module, name)
            if not (inspect.getdoc(obj) or "").strip():
                missing.append(f"{module.__name__}.{name}")
            if inspect.isclass(obj):
                for member, value in _members(obj):
                    if not (getattr(value, "__doc__", None) or "").strip():
                        missing.append(f"{module.__name__}.{name}.{member}")
    return sorted(set(missing))


def test_every_public_member_has_a_docstring():
    assert undocumented() == []


def test_the_check_sees_members_of_mixins_and_properties():
    names = dict(_members(kg.KnowledgeGraph))
    assert {"query", "interventions", "to_networkx", "catalog", "network"} <= set(names)
    assert "theories" in dict(_members(entities.Intervention))  # a property
    assert "to_df" in dict(_members(results.ResultTable))  # from the shared table mixin
