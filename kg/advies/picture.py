"""The checklist matrix as a picture: interventions down, criteria across, one coloured cell
per verdict, the blanket claim (001 l. 44) in its own column apart, and a legend.

SVG is written directly (fixed, rounded coordinates: same bytes for the same matrix); PNG
goes through Graphviz (an HTML-like table in DOT), the converter the network pictures use.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..atomic import write_atomic
from ..errors import OutputError
from .model import CONTRADICTORY, DOES_NOT_MEET, MEETS, NOT_MENTIONED, PARTLY, Assessment, verdict_text

COLOURS = {MEETS: "#1a9850", PARTLY: "#fee08b", CONTRADICTORY: "#9e4fa8", DOES_NOT_MEET: "#d73027",
           NOT_MENTIONED: "#e6e6e6"}
INK = {MEETS: "#ffffff", CONTRADICTORY: "#ffffff", DOES_NOT_MEET: "#ffffff"}
BLANKET = "#cfe2f3"
NAME_W, CELL_W, CELL_H, HEAD_H = 230, 118, 30, 64


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _columns(rows: Sequence[Assessment], lang: str) -> list[str]:
    crit = [j.criterion_label for j in rows[0].judgements] if rows else []
    return crit + (["zeef (001 l. 44)"] if lang == "en" else ["zeef (001 r. 44)"])


def to_svg(rows: Sequence[Assessment], lang: str = "nl") -> str:
    cols = _columns(rows, lang)
    width = NAME_W + CELL_W * len(cols) + 20
    legend_y = HEAD_H + CELL_H * len(rows) + 24
    height = legend_y + 60
    title = "Checklist voor passende ondersteuning" if lang == "nl" else "Checklist for fitting support"
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11" role="img">',
           f"<title>{_esc(title)}</title>",
           f'<text x="10" y="18" font-size="14" font-weight="bold">{_esc(title)}</text>']
    for i, c in enumerate(cols):
        x = NAME_W + i * CELL_W + CELL_W // 2
        words = _short(c, 60).split()
        lines, cur = [], ""
        for w in words:
            if len(cur) + len(w) + 1 > 19 and cur:
                lines.append(cur)
                cur = w
            else:
                cur = f"{cur} {w}".strip()
        lines.append(cur)
        for k, line in enumerate(lines[:3]):
            out.append(f'<text x="{x}" y="{30 + k * 12}" text-anchor="middle" font-weight="bold">{_esc(line)}</text>')
    for r, a in enumerate(rows):
        y = HEAD_H + r * CELL_H
        out.append(f'<text x="10" y="{y + 19}">{_esc(_short(a.label, 34))}</text>')
        for i, j in enumerate(a.judgements):
            x = NAME_W + i * CELL_W
            out.append(f'<rect x="{x + 1}" y="{y + 1}" width="{CELL_W - 2}" height="{CELL_H - 2}" '
                       f'fill="{COLOURS[j.verdict]}"><title>{_esc(a.label)} – {_esc(j.criterion_label)}: '
                       f'{_esc(verdict_text(j.verdict, lang))}</title></rect>')
            out.append(f'<text x="{x + CELL_W // 2}" y="{y + 19}" text-anchor="middle" '
                       f'fill="{INK.get(j.verdict, "#000000")}">{_esc(verdict_text(j.verdict, lang))}</text>')
        x = NAME_W + len(a.judgements) * CELL_W
        shown = ("yes (group)" if lang == "en" else "ja (groep)") if a.blanket else "—"
        out.append(f'<rect x="{x + 1}" y="{y + 1}" width="{CELL_W - 2}" height="{CELL_H - 2}" '
                   f'fill="{BLANKET if a.blanket else "#ffffff"}" stroke="#6a8caf" stroke-dasharray="4 2"/>')
        out.append(f'<text x="{x + CELL_W // 2}" y="{y + 19}" text-anchor="middle">{_esc(shown)}</text>')
    x = 10
    for v in (MEETS, PARTLY, CONTRADICTORY, DOES_NOT_MEET, NOT_MENTIONED):
        out.append(f'<rect x="{x}" y="{legend_y}" width="14" height="14" fill="{COLOURS[v]}" stroke="#999999"/>')
        out.append(f'<text x="{x + 19}" y="{legend_y + 11}">{_esc(verdict_text(v, lang))}</text>')
        x += 24 + 7 * len(verdict_text(v, lang)) + 14
    note = ("dashed column: blanket claim about the eight as a group, not evidence per criterion" if lang == "en"
            else "gestippelde kolom: algemene uitspraak over de acht als groep, geen bewijs per criterium")
    out.append(f'<text x="10" y="{legend_y + 36}" fill="#444444">{_esc(note)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def to_dot(rows: Sequence[Assessment], lang: str = "nl") -> str:
    """The same matrix as a Graphviz HTML-like table (for PNG)."""

    def cell(text: str, colour: str, bold: bool = False) -> str:
        body = _esc(text)
        return f'<TD BGCOLOR="{colour}">{"<B>" + body + "</B>" if bold else body}</TD>'

    head = "<TR>" + cell("", "#ffffff") + "".join(cell(c, "#ffffff", True) for c in _columns(rows, lang)) + "</TR>"
    body = []
    for a in rows:
        cells = [cell(a.label, "#ffffff")]
        cells += [cell(verdict_text(j.verdict, lang), COLOURS[j.verdict]) for j in a.judgements]
        cells.append(cell(("yes (group)" if lang == "en" else "ja (groep)") if a.blanket else "—",
                          BLANKET if a.blanket else "#ffffff"))
        body.append("<TR>" + "".join(cells) + "</TR>")
    legend = "<TR>" + "".join(cell(verdict_text(v, lang), COLOURS[v]) for v in COLOURS) + "</TR>"
    return ('digraph matrix {\n  node [shape=plaintext fontname="sans-serif" fontsize=11];\n'
            '  m [label=<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="6">'
            f'{head}{"".join(body)}</TABLE>>];\n'
            f'  legend [label=<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="2">{legend}</TABLE>>];\n'
            "  m -> legend [style=invis];\n}\n")


def save(rows: Sequence[Assessment], out: Path | str, lang: str = "nl", force: bool = False) -> Path:
    """Write the matrix picture as .svg (direct) or .png (through Graphviz), atomically."""
    target = Path(out)
    suffix = target.suffix.lower()
    if suffix == ".svg":
        data: bytes = to_svg(rows, lang).encode("utf-8")
    elif suffix == ".png":
        from ..network.drawing import render

        data = render(to_dot(rows, lang), "png")
    else:
        raise OutputError(f"{target}: onbekend beeldformaat '{suffix}' (gebruik .svg of .png)",
                          en=f"{target}: unknown image format '{suffix}' (use .svg or .png)")
    return write_atomic(target, data, force=force)
