"""The static site's search: an index of labels and texts written at build time, and the script
that searches it in the browser. Both are plain script files (no fetch), so the search works
without a server and from disk (file://), where browsers refuse to fetch JSON.
"""

from __future__ import annotations

import json
from typing import Any

from rdflib import URIRef

from ..query.textsearch import texts_of, weight
from ..terms import AK
from .model import SiteModel, rel_path

INDEX_FILE = "search-index.js"
SCRIPT_FILE = "search.js"
GLOBAL = "ARMOEDE_KG_SEARCH"


def search_entries(model: SiteModel) -> list[dict[str, Any]]:
    """One entry per published resource (mentions left out: they only say where something is
    written): label, kind, page (relative to the site root) and its texts as
    [field name, text, weight] with weight 3 label, 2 definition, 1 other text."""
    d = model.describer
    idx = d.idx
    out = []
    for iri in model.published:
        types = idx.types.get(iri, frozenset())
        if AK.Mention in types or iri not in idx.out:
            continue
        cls = idx.main_class(iri)
        # labels first, then definitions, then the rest; in a fixed order, not the order the
        # store handed the triples out in (which differs between a parsed and a cached graph)
        found = sorted(((d.relation(p), text, weight(p)) for p, text, _lang in texts_of(idx.out[iri])),
                       key=lambda t: (-t[2], t[0], t[1]))
        texts = [list(t) for t in found]
        out.append({"l": idx.label(iri, model.lang), "k": d.name(cls) if isinstance(cls, URIRef) else "",
                    "h": rel_path(iri) + ".html", "t": texts})
    return out


def index_script(model: SiteModel) -> str:
    """search-index.js: the entries as one global, loaded by search.js on first use."""
    data = json.dumps({"lang": model.lang, "entries": search_entries(model)}, ensure_ascii=False,
                      separators=(",", ":"))
    return f"window.{GLOBAL} = {data};\n"


def search_script(lang: str) -> str:
    """search.js, with the messages in lang."""
    nothing, loading = ("Niets gevonden", "Laden…") if lang == "nl" else ("Nothing found", "Loading…")
    return (_SCRIPT.replace("__GLOBAL__", GLOBAL).replace("__INDEX__", INDEX_FILE)
            .replace("__NOTHING__", json.dumps(nothing)).replace("__LOADING__", json.dumps(loading)))


def search_form(root: str, script_href: str, lang: str) -> str:
    """The search box in the page header; root is the relative way to the site root."""
    label = "Zoeken in labels en teksten" if lang == "nl" else "Search labels and texts"
    placeholder = "Zoeken…" if lang == "nl" else "Search…"
    return (f'<form class="search" role="search" onsubmit="return false">'
            f'<input type="search" id="kg-search" autocomplete="off" placeholder="{placeholder}" '
            f'aria-label="{label}" aria-controls="kg-search-results">'
            f'<ol id="kg-search-results" hidden></ol></form>'
            f'<script src="{script_href}" data-root="{root}" defer></script>')


# Same folding as kg.query.resolve.normalise: case, accents, ®/™, runs of spaces and punctuation.
_SCRIPT = r"""(function () {
  "use strict";
  var me = document.currentScript;
  var root = (me && me.dataset.root) || "";
  var entries = null, pending = null;
  function fold(s) {
    return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[®™]/g, "").toLowerCase()
      .replace(/[\s\-_\/,.;:'"()]+/g, " ").trim();
  }
  function load(then) {
    if (entries) { then(); return; }
    if (pending) { pending.push(then); return; }
    pending = [then];
    var s = document.createElement("script");
    s.src = root + "__INDEX__";
    s.onload = function () {
      entries = (window.__GLOBAL__ || {entries: []}).entries;
      entries.forEach(function (e) { e.t.forEach(function (t) { t.push(fold(t[1])); }); });
      var todo = pending; pending = null; todo.forEach(function (f) { f(); });
    };
    document.head.appendChild(s);
  }
  function snippet(text, needle) {
    var flat = text.replace(/\s+/g, " ");
    var at = fold(flat).indexOf(needle);
    if (flat.length <= 120 || at < 0) return flat.length <= 120 ? flat : flat.slice(0, 117) + "…";
    var lo = Math.max(0, at - 50), hi = Math.min(flat.length, at + needle.length + 50);
    return (lo > 0 ? "…" : "") + flat.slice(lo, hi) + (hi < flat.length ? "…" : "");
  }
  function search(q) {
    var needle = fold(q), hits = [];
    if (!needle) return hits;
    entries.forEach(function (e) {
      var best = null;
      e.t.forEach(function (t) {
        if (t[3].indexOf(needle) < 0) return;
        var score = t[2] + needle.length / Math.max(t[3].length, 1) + (t[3] === needle ? 1 : 0);
        if (!best || score > best.score) best = {score: score, field: t[0], text: t[1]};
      });
      if (best) hits.push({e: e, score: best.score, field: best.field, text: best.text});
    });
    hits.sort(function (a, b) { return b.score - a.score || a.e.l.localeCompare(b.e.l); });
    return hits;
  }
  function show(list, q) {
    list.textContent = "";
    var hits = search(q);
    if (!fold(q)) { list.hidden = true; return; }
    if (!hits.length) {
      var none = document.createElement("li"); none.className = "none"; none.textContent = __NOTHING__;
      list.appendChild(none);
    }
    hits.slice(0, 20).forEach(function (h) {
      var li = document.createElement("li"), a = document.createElement("a"), meta = document.createElement("div");
      a.href = root + h.e.h; a.textContent = h.e.l;
      meta.className = "hit-meta";
      meta.textContent = h.e.k + " · " + h.field + ": " + snippet(h.text, fold(q));
      li.appendChild(a); li.appendChild(meta); list.appendChild(li);
    });
    list.hidden = false;
  }
  function start() {
    var box = document.getElementById("kg-search"), list = document.getElementById("kg-search-results");
    if (!box || !list) return;
    function run() {
      if (!entries) { list.textContent = __LOADING__; list.hidden = false; }
      load(function () { show(list, box.value); });
    }
    box.addEventListener("input", run);
    box.addEventListener("focus", function () { load(function () {}); });
    box.addEventListener("keydown", function (ev) { if (ev.key === "Escape") { box.value = ""; list.hidden = true; } });
    if (box.value) run();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
"""
