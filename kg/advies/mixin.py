"""KnowledgeGraph.assess / advise / compare: the checklist judgement and the advice as typed
objects. The modules doing the work are imported on first call, so `import kg` stays cheap."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

from rdflib import URIRef

if TYPE_CHECKING:
    from .judge import Judge
    from .model import Advice, Assessment


class AdviesMixin:
    """kg.assess(intervention), kg.advise(domains=…, level=…, …), kg.compare([…])."""

    if TYPE_CHECKING:
        def resolve(self, label: str, kind: str | None = None) -> URIRef: ...

    @cached_property
    def judge(self) -> Judge:
        """The checklist judge for this graph: its rules read once, its answers memoised."""
        from .judge import Judge

        return Judge(self)  # type: ignore[arg-type]

    def _intervention(self, thing: Any) -> URIRef:
        iri = getattr(thing, "iri", thing)
        return iri if isinstance(iri, URIRef) else self.resolve(str(iri), "interventie")

    def assess(self, intervention: Any) -> Assessment:
        """The intervention judged against the checklist for fitting support (001 l. 25–42):
        a verdict per criterion with its evidence, and the blanket claim (001 l. 44) apart.

        >>> import kg
        >>> a = kg.load().assess("Krachtwerk")
        >>> [(j.rule, j.verdict) for j in a.judgements][:2]
        [('integraal', 'voldoet'), ('sensitief', 'deels')]
        """
        from .memo import remembered

        iri = self._intervention(intervention)
        return remembered(self, "toets", str(iri), lambda: self.judge.assess(iri))  # type: ignore[arg-type]

    def compare(self, interventions: Sequence[Any]) -> list[Assessment]:
        """The assessments of several interventions, in the order given (the checklist matrix)."""
        from .memo import remembered

        iris = [self._intervention(i) for i in interventions]
        found = remembered(self, "matrix", [str(i) for i in iris], lambda: self.judge.assess_all(iris))  # type: ignore[arg-type]
        return [found[i] for i in iris]

    def advise(self, domains: Sequence[str | URIRef] = (), level: str | None = None, recognised: bool = False,
               recognition: str | None = None, applied_in_netherlands: bool = False,
               experience_experts: bool = False, target_group: str | None = None,
               strength_based: bool = False, stress_sensitive: bool = False) -> Advice:
        """The integral interventions that pass the filters, ranked by a documented rule.

        >>> import kg
        >>> kg.load().advise(domains=["financiën"], level="B").labels()[0]
        'Krachtwerk'
        """
        from .advise import advise
        from .memo import remembered

        args = (tuple(str(d) for d in domains), level, recognised, recognition, applied_in_netherlands,
                experience_experts, target_group, strength_based, stress_sensitive)
        return remembered(self, "advies", args, lambda: advise(  # type: ignore[arg-type]
            self, domains, level, recognised, recognition, applied_in_netherlands,  # type: ignore[arg-type]
            experience_experts, target_group, strength_based, stress_sensitive, judge=self.judge))
