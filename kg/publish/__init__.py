"""Publishing the graph as linked data: a static site, content negotiation, VoID/DCAT, a
JSON-LD context, exports, and pushing named graphs to a SPARQL 1.1 Graph Store."""

from .rdfio import FORMATS as EXPORT_FORMATS
from .rdfio import serialize_dataset
from .site import SiteReport, write_site

__all__ = ["EXPORT_FORMATS", "SiteReport", "serialize_dataset", "write_site"]
