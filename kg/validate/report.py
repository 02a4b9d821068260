"""What validation found: one Violation per problem, gathered in a ValidationReport."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Violation:
    """One problem: where, on which path, what is wrong."""

    focus: str
    focus_label: str
    path: str
    message: str
    severity: str
    check: str  # "shacl" or the name of the qc query

    def as_dict(self) -> dict[str, str]:
        return {"focus": self.focus, "label": self.focus_label, "path": self.path,
                "message": self.message, "severity": self.severity, "check": self.check}


@dataclass
class ValidationReport:
    """All violations found; conform when there are none of severity Violation."""

    violations: list[Violation] = field(default_factory=list)
    checked_triples: int = 0
    engine: str = ""  # the SHACL engine that ran (kg.validate.shacl.ENGINES)
    # set when SHACL looked only at what changed since the last validation (kg.validate.incremental)
    shacl_scope: Any = None

    @property
    def conforms(self) -> bool:
        return not any(v.severity == "Violation" for v in self.violations)

    def as_dict(self) -> dict[str, Any]:
        scope = self.shacl_scope
        return {"conforms": self.conforms, "triples": self.checked_triples, "engine": self.engine,
                "shacl": "volledig" if scope is None else {
                    "gewijzigde_bestanden": scope.changed_files, "knopen": scope.focus_nodes,
                    "triples": scope.triples},
                "violations": [v.as_dict() for v in self.violations]}
