"""The one exception family for what a user can cause; the CLI turns it into exit code 2."""

from __future__ import annotations


class ComparerError(Exception):
    """Something the user can fix: shown as one line, ``comparer: error: <message>``."""


class InputError(ComparerError):
    """An input could not be read as text."""


class OutputError(ComparerError):
    """A report could not be written where the user asked."""
