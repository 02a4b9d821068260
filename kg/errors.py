"""Errors a user can cause, each with the exit code the CLI maps it to.

Exit codes follow pySHACL's convention where it applies: 0 ok, 1 validation failed,
2 usage or input error (bad file, unknown label, bad query), 3 internal error.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_NOT_CONFORM = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3


class KgError(Exception):
    """Base class: a one-line, user-facing message, in Dutch and (where given) in English.

    ``str(exc)`` is the Dutch text (Dutch is the default output language); ``exc.message("en")``
    the English one. Raise as ``KgError("onbekende soort 'x'", en="unknown kind 'x'")``.
    """

    exit_code = EXIT_INPUT

    def __init__(self, nl: str = "", *args: object, en: str | None = None) -> None:
        super().__init__(nl, *args)
        self.nl = nl
        self.en = en

    def message(self, lang: str = "nl") -> str:
        """The message in `lang` ("nl" or "en"); the Dutch text where no English one was given."""
        if lang == "en" and self.en:
            return self.en
        return self.nl or str(self)


class DataFileError(KgError):
    """A data file is missing, unreadable or not valid RDF."""


class KgValueError(KgError, ValueError):
    """A bad argument value in the library (an unknown backend, language, role, kind, view,
    measure or image format)."""


class KgLookupError(KgError, LookupError):
    """Something asked for by label or name is not there (or not only once)."""


# The kinds a label may be asked for (query parameters, --soort) by their English names.
KINDS_EN = {"interventie": "intervention", "theorie": "theory", "leefgebied": "life domain", "bron": "source",
            "gemeente": "municipality", "instrument": "instrument", "niveau": "level",
            "erkenning": "recognition", "entiteit": "entity", "text": "text", "integer": "integer"}


KINDS_FROM_EN = {en: nl for nl, en in KINDS_EN.items()}


def kind_nl(kind: str | None) -> str | None:
    """The kind by its Dutch key, for a kind given in English ("intervention" → "interventie")."""
    return KINDS_FROM_EN.get(kind, kind) if kind else kind


def kind_en(kind: str | None) -> str:
    """The English name of a kind (the Dutch word where none is known)."""
    return KINDS_EN.get(kind or "", kind or "")


class UnknownLabelError(KgLookupError):
    """No resource carries the label the user gave."""

    def __init__(self, label: str, kind: str | None, suggestions: list[str]) -> None:
        self.label = label
        self.kind = kind
        self.suggestions = suggestions
        where = f" (soort: {kind})" if kind else ""
        hint = f"; bedoelde u: {', '.join(suggestions)}?" if suggestions else ""
        where_en = f" (kind: {kind_en(kind)})" if kind else ""
        hint_en = f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"onbekend label '{label}'{where}{hint}", en=f"unknown label '{label}'{where_en}{hint_en}")


class AmbiguousLabelError(KgLookupError):
    """More than one resource carries the label: the user must choose."""

    def __init__(self, label: str, candidates: list[tuple[str, str]], more: int = 0) -> None:
        self.label = label
        self.candidates = candidates
        listed = "; ".join(f"{lab} <{iri}>" for iri, lab in candidates)
        rest, rest_en = (f"; en {more} meer", f"; and {more} more") if more else ("", "")
        super().__init__(f"label '{label}' is niet eenduidig; kandidaten: {listed}{rest}",
                         en=f"label '{label}' is ambiguous; candidates: {listed}{rest_en}")


class WrongKindError(KgLookupError):
    """The label names a resource, but not of the kind the parameter asks for."""


class MissingDependencyError(KgError):
    """An optional package or program (pandas, Graphviz' dot) is needed but not installed."""


class QueryError(KgError):
    """Unknown named query, bad parameters, invalid or forbidden SPARQL."""


class UnknownQueryError(QueryError, KgLookupError):
    """No named query has the name asked for."""


class QueryParameterError(QueryError, KgValueError):
    """A named query was given a parameter it does not declare, a value of the wrong form,
    or not all the parameters it needs."""


class QueryTimeoutError(QueryError):
    """A query ran longer than its time limit."""


class UpdateNotAllowedError(QueryError):
    """SPARQL UPDATE sent where only queries are allowed (the endpoint answers 403)."""


class OutputError(KgError):
    """An output file cannot be written."""
