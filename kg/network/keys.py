"""networkx graphs keyed by IRIs of one type: rdflib URIRef, the type of every `.iri` of the
API. A node (or an edge key) can also be looked up by the IRI as a plain str or by a domain
object, so that `g.nodes[entity]`, `g.edges[a.iri, b.iri]` and `g.edges["https://…", "https://…"]`
all find the same thing.

rdflib's URIRef hashes like its str but is not equal to it, so a dict keyed by one does not find
the other: the dictionaries below turn every key into the URIRef before looking it up.

>>> from rdflib import URIRef
>>> g = IriDiGraph()
>>> g.add_edge("https://example.org/a", URIRef("https://example.org/b"), weight=2)
>>> [type(n).__name__ for n in g]
['URIRef', 'URIRef']
>>> g.edges[URIRef("https://example.org/a"), "https://example.org/b"]["weight"]
2
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import networkx as nx
from rdflib import URIRef

_IRI_SCHEMES = ("http://", "https://", "urn:")


def iri_key(key: Any) -> Any:
    """The URIRef for a domain object, a URIRef or an IRI as str; any other key as it is."""
    iri = getattr(key, "iri", None)
    if isinstance(iri, URIRef):
        return iri
    if type(key) is str and key.startswith(_IRI_SCHEMES):
        return URIRef(key)
    return key


class IriKeyDict(dict[Any, Any]):
    """A dict whose keys go through iri_key on every access."""

    __slots__ = ()

    def __getitem__(self, key: Any) -> Any:
        return super().__getitem__(iri_key(key))

    def __setitem__(self, key: Any, value: Any) -> None:
        super().__setitem__(iri_key(key), value)

    def __delitem__(self, key: Any) -> None:
        super().__delitem__(iri_key(key))

    def __contains__(self, key: object) -> bool:
        return super().__contains__(iri_key(key))

    def get(self, key: Any, default: Any = None) -> Any:
        return super().get(iri_key(key), default)

    def pop(self, key: Any, *default: Any) -> Any:
        return super().pop(iri_key(key), *default)

    def setdefault(self, key: Any, default: Any = None) -> Any:
        return super().setdefault(iri_key(key), default)

    def update(self, *args: Any, **kwargs: Any) -> None:
        for k, v in dict(*args, **kwargs).items():
            self[k] = v


class _IriKeys:
    """The dictionaries networkx keeps nodes, neighbours and edge keys in, keyed by URIRef."""

    node_dict_factory = IriKeyDict
    adjlist_outer_dict_factory = IriKeyDict
    adjlist_inner_dict_factory = IriKeyDict
    edge_key_dict_factory = IriKeyDict

    def nbunch_iter(self, nbunch: Any = None) -> Iterator[Any]:
        """networkx's nbunch_iter, yielding the URIRef keys (subgraph() and friends build
        sets of what it yields, and a set of str does not contain the URIRef)."""
        me: Any = self  # a networkx graph: the mixin comes first in the class bases below
        if nbunch is not None and nbunch not in me and isinstance(nbunch, Iterable):
            nbunch = [iri_key(n) for n in nbunch]
        return super().nbunch_iter(iri_key(nbunch))  # type: ignore[misc, no-any-return]


class IriGraph(_IriKeys, nx.Graph):  # type: ignore[misc]
    """An undirected networkx Graph keyed by URIRef (see the module)."""

    def to_directed_class(self) -> type[nx.DiGraph]:
        """to_directed() makes an IriDiGraph, keyed the same way."""
        return IriDiGraph


class IriDiGraph(_IriKeys, nx.DiGraph):  # type: ignore[misc]
    """A networkx DiGraph keyed by URIRef (see the module)."""

    def to_undirected_class(self) -> type[nx.Graph]:
        """to_undirected() makes an IriGraph, keyed the same way."""
        return IriGraph


class IriMultiGraph(_IriKeys, nx.MultiGraph):  # type: ignore[misc]
    """An undirected networkx MultiGraph keyed by URIRef; edge keys too (see the module)."""

    def to_directed_class(self) -> type[nx.MultiDiGraph]:
        """to_directed() makes an IriMultiDiGraph, keyed the same way."""
        return IriMultiDiGraph


class IriMultiDiGraph(_IriKeys, nx.MultiDiGraph):  # type: ignore[misc]
    """A networkx MultiDiGraph keyed by URIRef; edge keys (predicates) too (see the module)."""

    def to_undirected_class(self) -> type[nx.MultiGraph]:
        """to_undirected() makes an IriMultiGraph, keyed the same way."""
        return IriMultiGraph
