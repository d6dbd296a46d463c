"""Writing reports to files safely: atomically, only over a regular file, never over an existing
one unless asked, and never leaving a temporary file behind, whatever ends the write."""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator

from comparer.core.errors import OutputError

_unfinished: set[str] = set()
"""Temporary files being written: removed when the write fails, at exit and on a signal."""
_lock = threading.RLock()
"""Reentrant: a signal handler that removes the files may run while this thread holds it."""
_SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


def remove_unfinished() -> None:
    """Remove every temporary report still being written (at exit, or when a signal ends the
    process: ``comparer.signals`` calls this)."""
    with _lock:
        for temporary in list(_unfinished):
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            _unfinished.discard(temporary)


atexit.register(remove_unfinished)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold the signals that end comparer while a temporary file is made or renamed, so that it
    is never on disk without being listed in ``_unfinished``."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _mode_for(path: str) -> int:
    """The permission bits a report written to ``path`` should have."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0o022)  # reading the umask means setting it; put it straight back
        os.umask(umask)
        return 0o666 & ~umask


def _check_target(path: str, force: bool) -> None:
    """Refuse a target that is not a regular file (a directory, a device such as /dev/null, a
    pipe, a socket), and an existing file unless ``force``."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"{path}: cannot write there ({exc.strerror or exc})") from None
    if stat.S_ISDIR(mode):
        raise OutputError(f"{path}: is a directory")
    if not stat.S_ISREG(mode):
        raise OutputError(f"{path}: is not a regular file (a device, pipe or socket); not replaced")
    if not force:
        raise OutputError(f"{path}: already exists; use --force to replace it")


def write_atomic(path: str, text: str, *, force: bool = False) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename.

    Refuses to replace an existing file unless ``force``, and anything but a regular file at all;
    on any error, or any exception or signal, nothing half-written is left behind, and an
    OutputError says what went wrong. Characters UTF-8 cannot hold (the lone surrogates a file
    name that is not UTF-8 decodes to) are written as backslash escapes.
    """
    _check_target(path, force)
    folder = os.path.dirname(os.path.abspath(path))
    data = text.encode("utf-8", errors="backslashreplace")
    try:
        with _signals_held():
            handle, temporary = tempfile.mkstemp(prefix=".comparer-", suffix=".tmp", dir=folder)
            with _lock:
                _unfinished.add(temporary)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write there ({exc.strerror or exc})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
            if os.fstat(stream.fileno()).st_size != len(data):
                raise OSError(28, "the report was cut short")
        # mkstemp makes the file private (0600); the report should have the mode the user's
        # files get, or keep the mode of the file it replaces.
        os.chmod(temporary, _mode_for(path))
        _check_target(path, force)
        with _signals_held(), _lock:
            os.replace(temporary, path)
            _unfinished.discard(temporary)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    finally:
        with _lock:
            if temporary in _unfinished:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                _unfinished.discard(temporary)
