"""What a reader sets once and expects again next time (the theme, the export format), in a small
JSON file at ``$XDG_CONFIG_HOME/comparer/preferences.json`` (``~/.config/...`` by default).

Pure Python: the app reads it at start and writes it when the reader changes one. A missing file is
the defaults; a damaged one is the defaults too, with one warning, and is replaced at the next save.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

FILE_NAME = "preferences.json"


def default_path() -> Path:
    """Where the preferences live: under ``$XDG_CONFIG_HOME`` when it is set (and absolute, as the
    XDG spec asks), else under ``~/.config``."""
    base = os.environ.get("XDG_CONFIG_HOME", "")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".config"
    return root / "comparer" / FILE_NAME


@dataclass(frozen=True)
class Preferences:
    """The reader's choices; None means "not chosen": the built-in default applies."""

    theme: str | None = None
    """The Textual theme (``--theme``, or the one picked in the command palette)."""
    export_format: str | None = None
    """The format last chosen in the export dialog."""


@dataclass
class PreferenceFile:
    """The preferences and the file they are kept in (``path`` None: kept for this run only)."""

    path: Path | None
    preferences: Preferences = field(default_factory=Preferences)
    warning: str = ""
    """Why the file could not be read or written, for the screen to say once."""

    @classmethod
    def load(cls, path: Path | None) -> PreferenceFile:
        """The preferences in ``path``: the defaults when it does not exist, or cannot be read (then
        ``warning`` says why). Unknown keys and values of the wrong type are left out."""
        store = cls(path)
        if path is None:
            return store
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return store
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            store.warning = f"{path}: not read ({type(exc).__name__}); the defaults are used"
            return store
        if not isinstance(data, dict):
            store.warning = f"{path}: not a JSON object; the defaults are used"
            return store
        known = {f.name for f in fields(Preferences)}
        values = {k: v for k, v in data.items() if k in known and isinstance(v, str)}
        store.preferences = Preferences(**values)
        return store

    def set(self, **changes: str | None) -> None:
        """Change some preferences and write the file (atomically); a failure is kept in
        ``warning`` rather than raised: a preference not saved never stops the review."""
        updated = replace(self.preferences, **changes)
        if updated == self.preferences:
            return
        self.preferences = updated
        if self.path is None:
            return
        values = {k: v for k, v in asdict(updated).items() if v is not None}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".preferences-", suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as out:
                    json.dump(values, out, indent=2)
                    out.write("\n")
                os.replace(temporary, self.path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
        except OSError as exc:
            self.warning = f"{self.path}: preferences not saved ({exc.strerror or exc})"
