"""The checklist on the published site (a card per intervention page, the matrix page of the
eight) and `serve`'s /advies answering the advice for query-string filters, over real HTTP."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def test_every_intervention_page_has_a_checklist_card(published_site: Path):
    kw = (published_site / "id/interventie/krachtwerk.html").read_text(encoding="utf-8")
    card = kw.split('id="checklist"', 1)[1].split("</div>", 1)[0]
    assert "Checklist voor passende ondersteuning" in card
    # Integraal: voldoet, stated in 000 l. 67 and 001 l. 81 (see tests/test_advies_matrix.py)
    integraal = card.split("<tr>")[1]
    assert "voldoet" in integraal and "000</a> r. 67" in integraal and "001</a> r. 81" in integraal
    assert "001</a> r. 44" in card  # the blanket claim, apart from the rows
    # a versterker gets the card too: every criterion "niet vermeld", and no blanket claim
    bc = (published_site / "id/interventie/budgetcursus.html").read_text(encoding="utf-8")
    bc_card = bc.split('id="checklist"', 1)[1].split("</div>", 1)[0]
    assert bc_card.count("niet vermeld") == 5 and "r. 44" not in bc_card


def test_the_matrix_page_of_the_eight(published_site: Path):
    page = (published_site / "checklist.html").read_text(encoding="utf-8")
    rows = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("<tr>")[1:]
    names = [r.split("</a>", 1)[0].rsplit(">", 1)[1] for r in rows]
    # 000 Tabel 1 (l. 41–48), by level A, B, C
    assert names == ["De Geweldige Wijk", "Kansrijk Oost", "Bind-Kracht in Armoede", "Krachtwerk",
                     "Mobility Mentoring®", "Pathway of Hope", "Financiën in de Spreekkamer",
                     "Samen Sportief in Beweging"]
    assert "tegenstrijdig" in rows[-1]  # Samen Sportief in Beweging, Integraal (000 l. 67)
    assert "<svg" in page and "Hoe er geoordeeld wordt" in page and "Telt als bewijs" in page


def _get(url: str, accept: str = "application/json") -> tuple[int, str, str]:
    req = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read().decode("utf-8")


def test_serve_answers_the_advice_for_query_string_filters(live_server):
    q = "advies?leefgebied=financi%C3%ABn&leefgebied=ervaren%20gezondheid&niveau=B"
    status, ctype, body = _get(live_server.url(q))
    assert status == 200 and ctype.startswith("application/json")
    data = json.loads(body)
    assert [c["label"] for c in data["candidates"]][0] == "Krachtwerk"
    assert {c["label"] for c in data["candidates"]} == {"Krachtwerk", "Bind-Kracht in Armoede",
                                                         "Mobility Mentoring®", "Pathway of Hope"}
    status, ctype, page = _get(live_server.url(q), accept="text/html")
    assert status == 200 and ctype.startswith("text/html") and "1. <a" in page and "Krachtwerk" in page
    status, _, body = _get(live_server.url("advies?erkend=1&format=json"))
    assert [c["label"] for c in json.loads(body)["candidates"]] == ["Krachtwerk", "Samen Sportief in Beweging"]


def test_serve_advice_errors_are_one_line_400s(live_server):
    status, _, body = _get(live_server.url("advies?leefgebied=gezondhied"))
    assert status == 400 and "bedoelde u: Ervaren gezondheid, fysieke gezondheid?" in body
    # several domains are called "gezondheid": the answer names them, on one line
    status, _, body = _get(live_server.url("advies?leefgebied=gezondheid"))
    assert status == 400 and "niet eenduidig" in body and "Ervaren gezondheid" in body
    assert body.strip().count("\n") == 0
    status, _, body = _get(live_server.url("advies?niveau=D&lang=en"))
    assert status == 400 and "did you mean: A, B, C?" in body
    status, _, body = _get(live_server.url("advies?drop=table"))
    assert status == 400 and "onbekende parameter(s): drop" in body
    status, _, body = _get(live_server.url("advies?niveau=C&ervaringsdeskundigen=1"), accept="text/html")
    assert status == 200 and "Het filter dat de meeste kandidaten wegnam: --niveau (6 van 8)." in body
