"""comparer: put two articles about the same event side by side and show what only one has.

The core's public API is imported on first use, not with the package: the ``comparer`` command
must take its signals (``comparer.signals``) before the core's imports (NLTK, about 0.1 s) run.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from comparer.core import (
        ComparerError,
        Comparison,
        Document,
        Link,
        LinkKind,
        Sentence,
        Settings,
        Side,
        compare,
        from_string,
        load,
    )

__version__ = "0.1.0"

__all__ = [
    "ComparerError",
    "Comparison",
    "Document",
    "Link",
    "LinkKind",
    "Sentence",
    "Settings",
    "Side",
    "__version__",
    "compare",
    "from_string",
    "load",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module("comparer.core"), name)
    raise AttributeError(f"module 'comparer' has no attribute {name!r}")
