"""comparer: put two articles about the same event side by side and show what only one has."""

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
