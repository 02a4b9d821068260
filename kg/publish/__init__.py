"""Publishing the graph as linked data: a static site, content negotiation, VoID/DCAT, a
JSON-LD context, exports, and pushing named graphs to a SPARQL 1.1 Graph Store.

The names below are imported on first use: importing a small module of this package (the
vocabulary's prefixes, say) must not load the site builder."""

from __future__ import annotations

from typing import Any

__all__ = ["EXPORT_FORMATS", "SiteReport", "serialize_dataset", "write_site"]


def __getattr__(name: str) -> Any:
    if name in ("EXPORT_FORMATS", "serialize_dataset"):
        from . import rdfio

        return rdfio.FORMATS if name == "EXPORT_FORMATS" else rdfio.serialize_dataset
    if name in ("SiteReport", "write_site"):
        from . import site

        return getattr(site, name)
    raise AttributeError(name)
