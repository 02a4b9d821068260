"""armoede-kg: the click application. Parses arguments, calls kg, formats output."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

import click

from kg.atomic import write_atomic
from kg.errors import EXIT_INTERNAL, EXIT_NOT_CONFORM, KgError
from kg.graph import KnowledgeGraph, load
from kg.paths import queries_dir
from kg.query.named import NamedQuery, load_named_queries
from kg.timeout import run_with_timeout

from .formatting import FORMATS, render, wrap_option
from .language import current_lang, lang_from_args, lang_option, root_lang_option, t

DATA_ENV = "ARMOEDE_KG_DATA"
BACKEND_ENV = "ARMOEDE_KG_BACKEND"
ENDPOINT_ENV = "ARMOEDE_KG_ENDPOINT"
CLI_BACKENDS = ("auto", "rdflib", "oxigraph")
# Commands whose modules are imported only when one of them runs (or --help lists them): the
# network and publishing code costs ~50 ms to import, which a named query should not pay.
LAZY_COMMANDS = {
    **dict.fromkeys(("pad", "vergelijkbaar", "centraal", "gemeenschappen", "graaf"), "network_cmds"),
    **dict.fromkeys(("site", "serve", "publish", "export"), "publish_cmds"),
    **dict.fromkeys(("toets", "advies"), "advies_cmds"),
    **dict.fromkeys(("show", "search", "stats"), "show_cmds"),
    **dict.fromkeys(("kopie", "sjabloon", "werkblad", "toevoegen", "diff", "release"), "werkblad_cmds"),
}


def resolve_backend(choice: str | None, endpoint: str | None = None) -> str:
    """auto → remote with an endpoint, else oxigraph when pyoxigraph is installed (same answers as
    rdflib, see tests/test_backends.py), else rdflib."""
    if choice in (None, "auto") and endpoint:
        return "remote"
    if choice in (None, "auto"):
        import importlib.util

        return "oxigraph" if importlib.util.find_spec("pyoxigraph") else "rdflib"
    return choice


class KgGroup(click.Group):
    """A group that turns KgError into a one-line message and its exit code, never a traceback."""

    lazy: dict[str, str] = {}  # command name → module in cli/ defining it (in its COMMANDS)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in self.lazy:
            import importlib

            module = importlib.import_module(f"{__package__}.{self.lazy[name]}")
            for command in module.COMMANDS:
                self.add_command(command)
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KgError as exc:
            click.echo(f"{t('fout', 'error')}: {exc.message(current_lang(ctx))}", err=True)
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            click.echo(t("afgebroken", "aborted"), err=True)
            ctx.exit(130)
        except BrokenPipeError:
            # the reader went away (e.g. `| head`): stop quietly, as Unix tools do
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(0)
        except Exception as exc:  # noqa: BLE001 - last line of defence: no traceback for users
            if os.environ.get("ARMOEDE_KG_DEBUG"):
                raise
            click.echo(f"{t('interne fout', 'internal error')}: {type(exc).__name__}: {exc}", err=True)
            ctx.exit(EXIT_INTERNAL)


class MainGroup(KgGroup):
    lazy = LAZY_COMMANDS


def format_options(f: Callable[..., Any]) -> Callable[..., Any]:
    f = lang_option(f)
    f = wrap_option(f)
    f = click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                     help="Uitvoerformaat (json = SPARQL 1.1 Query Results JSON).")(f)
    return f


def timeout_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--timeout", type=click.FloatRange(min=0), default=60.0, show_default=True,
                        help="Breek de query af na zoveel seconden (0 = geen limiet).")(f)


def output_options(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option("--force", is_flag=True, help="Overschrijf een bestaand uitvoerbestand.")(f)
    f = click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
                     help="Schrijf naar dit bestand (atomair) in plaats van naar stdout.")(f)
    return f


def emit(text: str, out: Path | None = None, force: bool = False) -> None:
    if out is None:
        click.echo(text)
    else:
        write_atomic(out, text + "\n", force=force)
        click.echo(f"{t('geschreven', 'written')}: {out}", err=True)


def graph(ctx: click.Context, lang: str) -> KnowledgeGraph:
    root = ctx.find_root().params
    kg = load(root.get("data"), lang=lang, backend=resolve_backend(root.get("backend"), root.get("endpoint")),
              endpoint=root.get("endpoint"))
    return kg


@click.group(cls=MainGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--data", type=click.Path(file_okay=False, path_type=Path), envvar=DATA_ENV, default=None,
              help="Map met ontologiebestanden (standaard: de meegeleverde graaf).")
@click.option("--backend", type=click.Choice(CLI_BACKENDS), envvar=BACKEND_ENV, default="auto",
              show_default=True,
              help="Waar de triples staan: rdflib (referentie), oxigraph (snel), auto = oxigraph als "
                   "pyoxigraph er is, anders rdflib.")
@click.option("--endpoint", metavar="URL", envvar=ENDPOINT_ENV, default=None,
              help="Bevraag een SPARQL 1.1-endpoint (bijv. http://127.0.0.1:7878/query) in plaats van "
                   "de meegeleverde bestanden.")
@root_lang_option
@click.version_option(package_name="armoede-kg")
def main(data: Path | None, backend: str, endpoint: str | None, lang: str) -> None:
    """armoede-kg: kennisgraaf over langdurige armoede, chronische stress en interventies."""


# -- query: one subcommand per named query ---------------------------------------------

class QueryGroup(KgGroup):
    """Subcommands generated from the .rq headers in queries/."""

    def _queries(self) -> dict[str, NamedQuery]:
        return load_named_queries(queries_dir())

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(n for n in self._queries() if not n.startswith("statistiek-"))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        q = self._queries().get(name)
        return _query_command(q) if q else None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The queries under the headings of their `# group@nl:` header (headings alphabetical)."""
        queries = self._queries()
        groups: dict[str, list[tuple[str, str]]] = {}
        for name in self.list_commands(ctx):
            q = queries[name]
            groups.setdefault(q.group_label("nl") or "Overig", []).append((name, q.title.get("nl", "")))
        for heading, rows in sorted(groups.items()):
            with formatter.section(heading):
                formatter.write_dl(rows)

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        name = args[0] if args else ""
        if args and self.get_command(ctx, name) is None and not name.startswith("-"):
            import difflib

            close = difflib.get_close_matches(name, self.list_commands(ctx), n=3)
            lang = lang_from_args(args) or current_lang(ctx)
            hint = f"; {t('bedoelde u', 'did you mean', lang)}: {', '.join(close)}?" if close else ""
            raise click.UsageError(f"{t('onbekende query', 'unknown query', lang)} '{name}'{hint}", ctx)
        return super().resolve_command(ctx, args)


def _query_command(q: NamedQuery) -> click.Command:
    @format_options
    @output_options
    @timeout_option
    @click.pass_context
    def run(ctx: click.Context, /, fmt: str, lang: str, out: Path | None, force: bool, timeout: float,
            **params: Any) -> None:
        kg = graph(ctx, lang)
        table = run_with_timeout(lambda: kg.query(q.name, **params), timeout)
        emit(render(table, fmt, q.unstated), out, force)

    # help in the call's language (a --lang before the command or ARMOEDE_KG_LANG)
    lang = current_lang()
    cmd = click.command(name=q.name, help=_help(q, lang), short_help=q.title.get(lang) or q.title.get("nl"))(run)
    for p in q.params:
        helptext = (p.help.get(lang) or p.help.get("nl", "")) + f" [{t('soort', 'kind', lang)}: {p.kind}]"
        choice = click.Choice(p.choices) if p.choices else None
        cmd.params.append(click.Option([f"--{p.name}"], required=p.required, help=helptext, type=choice))
    return cmd


def _help(q: NamedQuery, lang: str = "nl") -> str:
    other = "en" if lang == "nl" else "nl"
    parts = [q.title.get(lang) or q.title.get("nl", q.name)]
    if other in q.title:
        parts.append(f"({q.title[other]})")
    description = q.description.get(lang) or q.description.get("nl")
    if description:
        parts.append("\n\n" + description)
    return " ".join(parts[:2]) + "".join(parts[2:])


@main.group(cls=QueryGroup)
def query() -> None:
    """Voer een benoemde query uit (zie de lijst hieronder)."""


# -- free SPARQL --------------------------------------------------------------------------

@main.command()
@click.argument("source", type=click.File("r", encoding="utf-8"), default="-")
@click.option("--allow-service", is_flag=True, help="Sta SERVICE (federatie) toe; standaard geweigerd.")
@format_options
@output_options
@timeout_option
@click.pass_context
def sparql(ctx: click.Context, source: Any, allow_service: bool, fmt: str, lang: str,
           out: Path | None, force: bool, timeout: float) -> None:
    """Voer een alleen-lezen SPARQL-query uit FILE (of - voor stdin) uit."""
    text = source.read()
    kg = graph(ctx, lang)
    table = run_with_timeout(lambda: kg.sparql(text, allow_service=allow_service), timeout)
    emit(render(table, fmt), out, force)


# -- validate -----------------------------------------------------------------------------

@main.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@lang_option
@click.option("--engine", type=click.Choice(["auto", "pyshacl", "turbo", "rudof"]), default="auto", show_default=True,
              help="SHACL-engine: pyshacl (referentie), turbo (pyshacl-turbo, Rust), rudof; auto = turbo indien "
                   "geïnstalleerd.")
@click.option("--volledig", "full", is_flag=True,
              help="SHACL over alles, ook wat sinds de vorige validatie van deze map niet veranderde.")
@click.pass_context
def validate(ctx: click.Context, files: tuple[Path, ...], fmt: str, lang: str, engine: str, full: bool) -> None:
    """Valideer de graaf met SHACL en de kwaliteitscontroles (exit 0 conform, 1 niet, 2 fout).

    Zonder FILES: de hele meegeleverde graaf. Met FILES: alleen die Turtle-bestanden, samen
    met het vocabulaire (kern, bronnen, begrippenschema's) waarnaar ze verwijzen. SHACL kijkt
    alleen naar wat sinds de vorige validatie veranderde (met dezelfde uitkomst); --volledig
    controleert alles opnieuw."""
    kg = load(ctx.find_root().params.get("data"), lang=lang, files=list(files)) if files else graph(ctx, lang)
    report = kg.validate(engine, full=full)
    scope = report.shacl_scope
    if scope is not None and scope.changed_files and fmt == "text":  # unchanged: the verdict speaks for itself
        n = len(scope.changed_files)
        click.echo(f"SHACL alleen voor wat sinds de vorige validatie veranderde: {n} "
                   f"{'bestand' if n == 1 else 'bestanden'}, {scope.focus_nodes} knopen (--volledig: alles)"
                   if lang == "nl" else
                   f"SHACL only for what changed since the last validation: {n} file(s), "
                   f"{scope.focus_nodes} nodes (--volledig: everything)", err=True)
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    elif report.conforms:
        click.echo("conform" if lang == "nl" else "conforms")
    else:
        for v in report.violations:
            who = v.focus_label or v.focus
            path = f" {v.path}:" if v.path else ""
            click.echo(f"{who} <{v.focus}>:{path} {v.message} [{v.check}]")
        n = len(report.violations)
        click.echo(f"niet conform: {n} {'overtreding' if n == 1 else 'overtredingen'}" if lang == "nl"
                   else f"does not conform: {n} violation(s)")
    if not report.conforms:
        ctx.exit(EXIT_NOT_CONFORM)


def entry() -> None:
    """The console script: main(), then an exit without the interpreter's teardown. Freeing
    the graph's objects one by one takes 10-20 ms that the user waits for and nobody needs;
    exit handlers still run and the output is flushed first."""
    import atexit

    try:
        main()
        code = 0
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:  # sys.exit("message"): print it, exit 1, as Python does
            print(exc.code, file=sys.stderr)
            code = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):  # the reader went away, or the stream was closed
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    entry()
