"""The working copy of the data: `toevoegen` and `release` write only there, never into the
installed package. `kopie` makes one from the shipped data."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import KgError
from ..paths import ontology_dir

# what an empty copy keeps: the vocabulary and the shapes, no document knowledge
VOCABULARY = ("kern.ttl", "vormen.ttl", "schemas", "MODELLERING.md")
HOW = "maak een werkkopie met `armoede-kg kopie MAP` en geef die aan met `armoede-kg --data MAP …`"
HOW_EN = "make a working copy with `armoede-kg kopie DIR` and pass it as `armoede-kg --data DIR …`"


class WorkingCopyError(KgError):
    """No writable working copy of the data."""


def writable_copy(data: Path | None) -> Path:
    """data, checked to be a working copy one may write into; else a one-line error saying how."""
    if data is None:
        raise WorkingCopyError(f"geen werkkopie van de data opgegeven; {HOW}",
                               en=f"no working copy of the data given; {HOW_EN}")
    root = data.resolve()
    shipped = ontology_dir().resolve()
    if root == shipped or shipped in root.parents:
        raise WorkingCopyError(
            f"{data}: dit is de meegeleverde data van het pakket, daar wordt niet in geschreven; {HOW}",
            en=f"{data}: this is the data shipped with the package, which is never written; {HOW_EN}")
    if not (root / "kern.ttl").is_file():
        raise WorkingCopyError(f"{data}: geen datamap (kern.ttl ontbreekt); {HOW}",
                               en=f"{data}: not a data folder (kern.ttl is missing); {HOW_EN}")
    if not os.access(root, os.W_OK) or not os.access(root / "kern.ttl", os.W_OK):
        raise WorkingCopyError(f"{data}: niet schrijfbaar; {HOW}", en=f"{data}: not writable; {HOW_EN}")
    return root


def copy_data(target: Path, empty: bool = False, source: Path | None = None) -> Path:
    """Copy the shipped data (or source) into target, which must not exist or be empty. With
    empty=True only the vocabulary and the shapes: a folder to add documents to from scratch."""
    src = (source or ontology_dir()).resolve()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise KgError(f"{target}: bestaat al en is niet leeg; kies een nieuwe map",
                      en=f"{target}: exists and is not empty; choose a new folder")
    parent = target.resolve().parent
    if not parent.is_dir():
        raise KgError(f"{target}: map {parent} bestaat niet", en=f"{target}: folder {parent} does not exist")
    with staged_folder(target) as tmp:
        names = VOCABULARY if empty else sorted(p.name for p in src.iterdir() if p.name != "__pycache__")
        for name in names:
            item = src / name
            if item.is_dir():
                shutil.copytree(item, tmp / name, ignore=shutil.ignore_patterns("__pycache__"))
            elif item.is_file():
                shutil.copy2(item, tmp / name)
        if empty:
            (tmp / "kennis").mkdir()
    return target


def warm_caches(root: Path) -> None:
    """Parse a new working copy once into the dataset cache (the oxigraph store `toevoegen`
    and the other commands read, and its label index), so that the first `toevoegen` into it
    is as quick as the next ones."""
    from ..store.cache import open_backend
    from ..store.loader import data_files

    backend, labels = open_backend("oxigraph", data_files(root.resolve()))
    labels(backend)


@contextmanager
def staged_folder(target: Path) -> Iterator[Path]:
    """A temporary folder beside target, filled by the caller, then renamed to target (which may
    exist only as an empty folder): a reader never sees a half-written folder."""
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.resolve().parent))
    try:
        yield tmp
        if target.exists():
            target.rmdir()
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
