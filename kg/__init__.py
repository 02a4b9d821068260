"""armoede-kg: a knowledge graph of Dutch research on long-term poverty, chronic stress and
the interventions that help.

>>> import kg
>>> graph = kg.load()
>>> [r["versterkerLabel"].value for r in graph.query("versterkers", interventie="Krachtwerk",
...     leefgebied="financiën")][:2]
['8TING', 'Budgetcursus']
"""

from .errors import (
    AmbiguousLabelError,
    DataFileError,
    KgError,
    KgLookupError,
    KgValueError,
    QueryError,
    UnknownLabelError,
    WrongKindError,
)
from .graph import KnowledgeGraph, Statement, load
from .query.results import Cell, ResultTable, Row

__all__ = [
    "AmbiguousLabelError",
    "Cell",
    "DataFileError",
    "KgError",
    "KgLookupError",
    "KgValueError",
    "KnowledgeGraph",
    "QueryError",
    "ResultTable",
    "Row",
    "Statement",
    "UnknownLabelError",
    "WrongKindError",
    "load",
]

__version__ = "0.1.0"
