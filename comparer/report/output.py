"""Writing reports to files safely: atomically, and never over an existing file unless asked."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile

from comparer.core.errors import OutputError


def _mode_for(path: str) -> int:
    """The permission bits a report written to ``path`` should have."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0o022)  # reading the umask means setting it; put it straight back
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: str, text: str, *, force: bool = False) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename.

    Refuses to replace an existing file unless ``force``; on any error nothing half-written is
    left behind and an OutputError says what went wrong.
    """
    if os.path.isdir(path):
        raise OutputError(f"{path}: is a directory")
    if os.path.exists(path) and not force:
        raise OutputError(f"{path}: already exists; use --force to replace it")
    folder = os.path.dirname(os.path.abspath(path))
    try:
        handle, temporary = tempfile.mkstemp(prefix=".comparer-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write there ({exc.strerror or exc})") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file private (0600); the report should have the mode the user's
        # files get, or keep the mode of the file it replaces.
        os.chmod(temporary, _mode_for(path))
        if not force and os.path.exists(path):
            raise OutputError(f"{path}: already exists; use --force to replace it")
        os.replace(temporary, path)
    except OutputError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
