"""The declared checklist rules: one .rq file per criterion under queries/toets/, each with a
``# criterium: <IRI>`` header line naming the checklist element it judges."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import QueryError
from ..query.named import NamedQuery, load_named_queries

_CRITERION_RE = re.compile(r"^#\s*criterium\s*:\s*(\S+)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Rule:
    """A criterion's rule: the named query and the checklist element (ak:Principle) it judges."""

    query: NamedQuery
    criterion: str

    @property
    def name(self) -> str:
        return self.query.name

    def description(self, lang: str = "nl") -> str:
        return self.query.description.get(lang) or self.query.description.get("nl", "")


def load_rules(queries_dir: Path) -> tuple[Rule, ...]:
    """The rules in queries_dir/toets, each with its criterion; a file without the
    ``# criterium:`` line is an error naming the file."""
    out = []
    for q in load_named_queries(queries_dir / "toets").values():
        header = q.text.split("\nPREFIX", 1)[0]
        m = _CRITERION_RE.search(header)
        if not m:
            raise QueryError(f"{q.path}: header mist '# criterium: <IRI>'",
                             en=f"{q.path}: header lacks '# criterium: <IRI>'")
        out.append(Rule(q, m.group(1)))
    return tuple(out)


def support_queries(queries_dir: Path) -> dict[str, NamedQuery]:
    """The advice's own queries (kandidaten, zeef, versterkers-op-leefgebied)."""
    return load_named_queries(queries_dir / "advies")
