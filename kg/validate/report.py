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

    @property
    def conforms(self) -> bool:
        return not any(v.severity == "Violation" for v in self.violations)

    def as_dict(self) -> dict[str, Any]:
        return {"conforms": self.conforms, "triples": self.checked_triples, "engine": self.engine,
                "violations": [v.as_dict() for v in self.violations]}
