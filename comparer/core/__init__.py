"""comparer's core: pure functions from two documents to one Comparison. Never imports textual."""

from comparer.core.compare import compare
from comparer.core.document import from_string, load
from comparer.core.errors import ComparerError, InputError, OutputError
from comparer.core.model import (
    Article,
    Comparison,
    Detail,
    DetailKind,
    Document,
    Link,
    LinkKind,
    Nearest,
    Sentence,
    SentenceKind,
    Settings,
    Side,
    Span,
    Summary,
)

__all__ = [
    "Article",
    "ComparerError",
    "Comparison",
    "Detail",
    "DetailKind",
    "Document",
    "InputError",
    "Link",
    "LinkKind",
    "Nearest",
    "OutputError",
    "Sentence",
    "SentenceKind",
    "Settings",
    "Side",
    "Span",
    "Summary",
    "compare",
    "from_string",
    "load",
]
