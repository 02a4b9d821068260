"""Write files so that a reader never sees half a file: temp file in the same folder, then rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import OutputError


def current_umask() -> int:
    """The process's umask (reading it means setting it: set it straight back)."""
    umask = os.umask(0)
    os.umask(umask)
    return umask


def write_atomic(path: Path | str, data: str | bytes, force: bool = False) -> Path:
    """Write data to path atomically. An existing file is only replaced with force=True."""
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{target}: is een map, geen bestand",
                          en=f"{target}: is a directory, not a file")
    if target.exists() and not force:
        raise OutputError(f"{target}: bestaat al (gebruik --force of force=True om te overschrijven)",
                          en=f"{target}: exists already (use --force or force=True to overwrite)")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{target}: map {folder} bestaat niet",
                          en=f"{target}: folder {folder} does not exist")
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"{target}: kan niet schrijven ({exc.strerror})",
                          en=f"{target}: cannot write ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp creates 0600; give the file the mode an ordinary open() would (umask applies)
        os.chmod(tmp, 0o666 & ~current_umask())
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"{target}: schrijven mislukt ({exc.strerror})",
                              en=f"{target}: writing failed ({exc.strerror})") from None
        raise
    return target
