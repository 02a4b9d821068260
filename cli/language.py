"""The output language of one command-line call: labels, headers, footers and messages.

Where it comes from, first found wins: the command's own ``--lang`` (``armoede-kg query erkend
--lang en``), the ``--lang`` before the command (``armoede-kg --lang en query erkend``), the
environment variable ARMOEDE_KG_LANG, else Dutch. It is kept in the click context's meta (one
dict shared by the whole call), so formatting and the error printer can read it too."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

import click

from kg.graph import LANGS

LANG_ENV = "ARMOEDE_KG_LANG"
_META = "armoede_kg.lang"


def current_lang(ctx: click.Context | None = None) -> str:
    """The language of this call (see the module doc); "nl" outside a command."""
    ctx = ctx or click.get_current_context(silent=True)
    if ctx is not None and ctx.meta.get(_META) in LANGS:
        return str(ctx.meta[_META])
    env = os.environ.get(LANG_ENV, "")
    return env if env in LANGS else "nl"


def t(nl: str, en: str, lang: str | None = None) -> str:
    """nl or en, in the language of this call (or the one given)."""
    return en if (lang or current_lang()) == "en" else nl


def headers(nl: Sequence[str], en: Sequence[str], lang: str | None = None) -> list[str]:
    return list(en if (lang or current_lang()) == "en" else nl)


def lang_from_args(args: Sequence[str]) -> str | None:
    """A --lang value among raw arguments not yet parsed (an error found before click parses them)."""
    for i, arg in enumerate(args):
        value = arg.partition("=")[2] if arg.startswith("--lang=") else \
            args[i + 1] if arg == "--lang" and i + 1 < len(args) else None
        if value in LANGS:
            return value
    return None


def _remember(ctx: click.Context, _param: click.Parameter, value: str | None) -> str:
    if value:
        ctx.meta[_META] = value
    return current_lang(ctx)


def lang_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """--lang for a command: given, it wins; absent, the call's language (see the module doc)."""
    return click.option("--lang", "lang", type=click.Choice(LANGS), default=None, callback=_remember,
                        help=f"Taal van labels, kopjes en meldingen (nl, en); standaard de --lang vóór de "
                             f"opdracht, anders ${LANG_ENV}, anders nl.")(f)


def root_lang_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """--lang before the command: the language of every command in the call."""
    return click.option("--lang", "lang", type=click.Choice(LANGS), envvar=LANG_ENV, default=None,
                        callback=_remember, is_eager=True,
                        help=f"Taal van alle uitvoer (nl, en; ook via ${LANG_ENV}); standaard nl.")(f)
