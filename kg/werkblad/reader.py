"""Werkbladen (YAML, or CSV for many interventions of one document) → checked records that
remember the file and line of every value, so that any later error can point at it."""

from __future__ import annotations

import csv
import datetime
import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import KgError
from ..query.resolve import normalise
from .mapping import Field, mapping

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_RANGE_RE = re.compile(r"^\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*$")
_YEAR_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
YES, NO = ("ja", "yes", "true", "waar"), ("nee", "no", "false", "onwaar")
LIST_SEP = ";"
# CSV columns that must be there (the others are optional)
CSV_REQUIRED = ("document.id", "naam", "locatie.sectie")

Path_ = tuple[str | int, ...]


class WerkbladError(KgError):
    """A werkblad that cannot be read or does not fit the mapping table."""


@dataclass(frozen=True)
class Where:
    """The file, line and field a value came from."""

    file: Path
    line: int
    path: str

    def __str__(self) -> str:
        return f"{self.file.name}:{self.line} {self.path}".rstrip()

    def fail(self, nl: str, en: str) -> WerkbladError:
        return WerkbladError(f"{self}: {nl}", en=f"{self}: {en}")


@dataclass
class Location:
    section: str
    pages: tuple[int, int] | None
    lines: tuple[int, int] | None
    at: Where


@dataclass
class Record:
    """One document, intervention or recognition: field name → checked value, and where each came from."""

    values: dict[str, Any]
    where: dict[str, Where]
    at: Where

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)


@dataclass
class Werkblad:
    path: Path
    document: Record
    interventions: list[Record] = field(default_factory=list)


def render_path(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def read(path: Path) -> Werkblad:
    """Read one werkblad: .csv as a table, anything else as YAML."""
    if not path.is_file():
        raise WerkbladError(f"{path}: bestand bestaat niet", en=f"{path}: file does not exist")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise WerkbladError(f"{path}: geen geldige UTF-8 ({exc.reason})", en=f"{path}: not valid UTF-8") from None
    raw, lines = _from_csv(path, text) if path.suffix.lower() == ".csv" else _from_yaml(path, text)
    return from_raw(path, raw, lines)


# -- YAML with line numbers ------------------------------------------------------------------

def _from_yaml(path: Path, text: str) -> tuple[Any, dict[Path_, int]]:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        why = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and start is not None and start.line + 1 != line:  # e.g. a quote opened far above
            why = f"{context}, vanaf regel {start.line + 1}: {why}"
        raise WerkbladError(f"{path.name}:{line}: geen geldige YAML ({why})",
                            en=f"{path.name}:{line}: not valid YAML ({why})") from None
    if node is None:
        raise WerkbladError(f"{path.name}:1: leeg werkblad", en=f"{path.name}:1: empty werkblad")
    lines: dict[Path_, int] = {}
    return _plain(path, node, lines, ()), lines


def _plain(path: Path, node: yaml.Node, lines: dict[Path_, int], at: Path_) -> Any:
    lines[at] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in out:
                line = key_node.start_mark.line + 1
                where = render_path((*at, key))
                raise WerkbladError(f"{path.name}:{line} {where}: sleutel staat er twee keer",
                                    en=f"{path.name}:{line} {where}: key given twice")
            out[key] = _plain(path, value_node, lines, (*at, key))
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_plain(path, v, lines, (*at, i)) for i, v in enumerate(node.value)]
    value = yaml.constructor.SafeConstructor().construct_object(node)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


# -- CSV -------------------------------------------------------------------------------------

def _from_csv(path: Path, text: str) -> tuple[Any, dict[Path_, int]]:
    try:
        first = next((ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")), "")
        dialect = csv.Sniffer().sniff(first, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    # lines starting with '#' are comments (a note above the table); line numbers still count them
    reader = csv.reader(io.StringIO(text), dialect)
    rows = ((reader.line_num, cells) for cells in reader if not (cells and cells[0].lstrip().startswith("#")))
    header_line, header = next(rows, (1, None))
    if not header:
        raise WerkbladError(f"{path.name}:1: lege CSV", en=f"{path.name}:1: empty CSV")
    header = [h.strip() for h in header]
    missing = [c for c in CSV_REQUIRED if c not in header]
    if missing:
        raise WerkbladError(f"{path.name}:{header_line}: kolom ontbreekt: {', '.join(missing)}",
                            en=f"{path.name}:{header_line}: missing column: {', '.join(missing)}")
    document: dict[str, Any] = {}
    lines: dict[Path_, int] = {("document",): header_line + 1}
    entries: list[dict[str, Any]] = []
    for line, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            raise WerkbladError(f"{path.name}:{line}: {len(cells)} cellen, de kop heeft {len(header)} kolommen",
                                en=f"{path.name}:{line}: {len(cells)} cells, the header has {len(header)} columns")
        i = len(entries)
        entry: dict[str, Any] = {}
        lines[("interventies", i)] = line
        for col, cell in zip(header, cells):
            value = cell.strip()
            if not value:
                continue
            group, _, key = col.partition(".")
            if group == "document":
                lines[("document", key)] = line
                if document.get(key, value) != value:
                    raise WerkbladError(f"{path.name}:{line} document.{key}: '{value}' verschilt van de rij erboven "
                                        f"('{document[key]}'); een CSV beschrijft één document",
                                        en=f"{path.name}:{line} document.{key}: '{value}' differs from an earlier "
                                           f"row ('{document[key]}'); a CSV describes one document")
                document[key] = _csv_value("document", key, value)
            elif key:
                lines[("interventies", i, group, key)] = line
                entry.setdefault(group, {})[key] = _csv_value(group, key, value)
            else:
                lines[("interventies", i, group)] = line
                entry[group] = _csv_value("interventie", group, value)
        entries.append(entry)
    return {"document": document, "interventies": entries}, lines


def _csv_value(section: str, key: str, value: str) -> Any:
    f = mapping().field(section, key) if section in ("document", "interventie", "locatie", "erkenning") else None
    if f is not None and f.many and f.kind not in ("locatie", "erkenning"):
        return [v.strip() for v in value.split(LIST_SEP) if v.strip()]
    return value


# -- checking against the mapping table ------------------------------------------------------

def from_raw(path: Path, raw: Any, lines: dict[Path_, int]) -> Werkblad:
    """A werkblad from parsed YAML (or an export): checked against the mapping table; lines
    maps each key path to its line in path, for the messages."""

    def where(at: Path_) -> Where:
        probe = at
        while probe and probe not in lines:
            probe = probe[:-1]
        return Where(path, lines.get(probe, 1), render_path(at))

    if not isinstance(raw, dict):
        raise where(()).fail("een werkblad is een lijst van sleutels (document:, interventies:)",
                             "a werkblad is a mapping of keys (document:, interventies:)")
    _no_unknown(raw, ("document", "interventies"), where, ())
    if "document" not in raw or raw["document"] in (None, {}):
        raise where(()).fail("document ontbreekt (document: met id, titel, …)",
                             "document is missing (document: with id, titel, …)")
    doc = _record("document", raw["document"], where, ("document",))
    items = raw.get("interventies") or []
    if not isinstance(items, list):
        raise where(("interventies",)).fail("verwacht een lijst van interventies", "expected a list of interventions")
    entries = [_record("interventie", item, where, ("interventies", i)) for i, item in enumerate(items)]
    seen: dict[str, Record] = {}
    for e in entries:
        key = normalise(str(e.values["naam"]))
        if key in seen:
            raise e.where["naam"].fail(
                f"naam '{e.values['naam']}' staat al in dit werkblad (regel {seen[key].at.line})",
                f"name '{e.values['naam']}' is already in this werkblad (line {seen[key].at.line})")
        seen[key] = e
    return Werkblad(path, doc, entries)


def _no_unknown(raw: dict[str, Any], known: tuple[str, ...], where: Any, at: Path_) -> None:
    for key in raw:
        if key not in known:
            close = difflib.get_close_matches(str(key), known, n=1)
            hint_nl = f"; bedoelde u '{close[0]}'?" if close else f" (bekend: {', '.join(known)})"
            hint_en = f"; did you mean '{close[0]}'?" if close else f" (known: {', '.join(known)})"
            raise where((*at, key)).fail(f"onbekend veld '{key}'{hint_nl}", f"unknown field '{key}'{hint_en}")


def _record(section: str, raw: Any, where: Any, at: Path_) -> Record:
    if not isinstance(raw, dict):
        raise where(at).fail("verwacht velden (sleutel: waarde)", "expected fields (key: value)")
    fields = mapping().section(section)
    _no_unknown(raw, tuple(f.name for f in fields), where, at)
    values: dict[str, Any] = {}
    wheres: dict[str, Where] = {}
    for f in fields:
        w = where((*at, f.name))
        value = raw.get(f.name)
        if value is None or value == "" or value == []:
            if f.required:
                raise w.fail(f"verplicht veld '{f.name}' ontbreekt ({f.help})",
                             f"required field '{f.name}' is missing")
            continue
        values[f.name] = _value(f, value, where, (*at, f.name))
        wheres[f.name] = w
        if f.many and isinstance(value, list):  # each element where it stands: 'leefgebieden[1]'
            wheres.update((f"{f.name}[{i}]", where((*at, f.name, i))) for i in range(len(value)))
    return Record(values, wheres, where(at))


def _value(f: Field, value: Any, where: Any, at: Path_) -> Any:
    if f.kind == "locatie":
        items = value if isinstance(value, list) else [value]
        locs = [_location(v, where, (*at, i) if isinstance(value, list) else at) for i, v in enumerate(items)]
        return locs if f.many else locs[0]
    if f.kind == "erkenning":
        items = value if isinstance(value, list) else [value]
        return [_record("erkenning", v, where, (*at, i) if isinstance(value, list) else at)
                for i, v in enumerate(items)]
    if f.many:
        items = value if isinstance(value, list) else [value]
        return [_scalar(f, v, where((*at, i) if isinstance(value, list) else at)) for i, v in enumerate(items)]
    if isinstance(value, list):
        raise where(at).fail("verwacht één waarde, geen lijst", "expected one value, not a list")
    return _scalar(f, value, where(at))


def _scalar(f: Field, value: Any, w: Where) -> Any:
    if isinstance(value, (dict, list)):
        if f.kind == "bestaand-of-nieuw" and isinstance(value, dict) and set(value) == {"nieuw"}:
            return "nieuw: " + str(value["nieuw"]).strip()
        raise w.fail("verwacht een enkele waarde", "expected a single value")
    if f.kind == "janee":
        text = str(value).strip().casefold()
        if value is True or text in YES:
            return True
        if value is False or text in NO:
            return False
        raise w.fail(f"verwacht ja of nee, niet '{value}'", f"expected ja or nee, not '{value}'")
    if isinstance(value, bool):
        raise w.fail(f"verwacht tekst, niet {'ja' if value else 'nee'} (zet de waarde tussen aanhalingstekens)",
                     "expected text, not a yes/no value (quote the value)")
    text = str(value).strip()
    if f.kind == "jaar" and not _YEAR_RE.match(text):
        raise w.fail(f"verwacht een jaar (bijv. 2024), niet '{text}'", f"expected a year (e.g. 2024), not '{text}'")
    if f.kind in ("url", "adres") and not re.match(r"^https?://\S+$", text):
        raise w.fail(f"verwacht een webadres (https://…), niet '{text}'", f"expected a web address, not '{text}'")
    if f.kind == "bereik":
        m = _RANGE_RE.match(text)
        if not m or int(m.group(1)) < 1:
            raise w.fail(f"verwacht een getal of een bereik als '12-14', niet '{text}'",
                         f"expected a number or a range like '12-14', not '{text}'")
        start, end = int(m.group(1)), int(m.group(2) or m.group(1))
        if start > end:
            raise w.fail(f"bereik '{text}' loopt achteruit", f"range '{text}' runs backwards")
        return (start, end)
    if f.kind == "id" and f.section == "document" and not SLUG_RE.match(text):
        raise w.fail(f"ongeldig id '{text}': gebruik kleine letters, cijfers en streepjes (bijv. 'jansen-2024')",
                     f"invalid id '{text}': use lower-case letters, digits and hyphens (e.g. 'jansen-2024')")
    if f.kind == "documentsoort" and text not in mapping().document_kinds:
        kinds = ", ".join(mapping().document_kinds)
        raise w.fail(f"onbekende soort '{text}' (kies uit {kinds})", f"unknown kind '{text}' (choose from {kinds})")
    return text


def _location(raw: Any, where: Any, at: Path_) -> Location:
    rec = _record("locatie", raw, where, at)
    pages, lines = rec.get("paginas"), rec.get("regels")
    if pages is None and lines is None:
        raise where(at).fail("een locatie noemt paginas of regels",
                             "a location names pages (paginas) or lines (regels)")
    return Location(rec.values["sectie"], pages, lines, rec.at)
