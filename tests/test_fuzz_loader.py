"""Fuzzing the loader (bounded): any bytes give a graph or one clean DataFileError — no other
exception, no hang."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph

from kg.errors import DataFileError
from kg.store.loader import parse_turtle_into

SEED = (Path(__file__).parent / "data" / "valid" / "versterker.ttl").read_bytes()


def _mutations() -> st.SearchStrategy[bytes]:
    def mutate(data: bytes, pos: int, junk: bytes, cut: bool) -> bytes:
        i = pos % (len(data) + 1)
        return data[:i] + junk if cut else data[:i] + junk + data[i:]

    return st.builds(mutate, st.just(SEED), st.integers(0, len(SEED)), st.binary(max_size=20), st.booleans())


@settings(max_examples=200, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=200), _mutations()),
       st.sampled_from([".ttl", ".nt", ".jsonld", ".rdf", ".trig", ".nq"]))
def test_any_bytes_load_or_fail_cleanly(tmp_path: Path, data: bytes, suffix: str) -> None:
    p = tmp_path / f"fuzz{suffix}"
    p.write_bytes(data)
    try:
        parse_turtle_into(Graph(), p)
    except DataFileError as exc:
        message = str(exc)
        assert message.startswith(str(p)) and "\n" not in message
