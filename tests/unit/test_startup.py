"""A lexical comparison imports only the two modules of NLTK it uses (normalize.load_nltk), and
NLTK imported whole afterwards is NLTK as usual."""

from __future__ import annotations

import subprocess
import sys


def _python(code: str) -> str:
    """What a fresh interpreter running ``code`` prints, stripped."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_a_lexical_comparison_imports_neither_nltk_whole_nor_numpy() -> None:
    code = (
        "import sys\n"
        "from comparer.core import compare, from_string\n"
        "from comparer.core.model import Settings\n"
        "a, b = from_string('Mr. Smith left. He was running.'), from_string('Mr. Smith left.')\n"
        "compare(a, b, Settings(lexical=True))\n"
        "print(sorted(m for m in sys.modules if m in ('nltk', 'nltk.corpus', 'numpy')))\n"
    )
    assert _python(code) == "[]"


def test_nltk_imported_whole_afterwards_is_nltk_as_usual() -> None:
    # The modules imported apart are not left behind for the whole NLTK to find half set up:
    # its packages would then lack them as attributes (nltk.stem.snowball, nltk.probability).
    code = (
        "from comparer.core import compare, from_string\n"
        "c = compare(from_string('Mr. Smith left. He was running.'), from_string('Mr. Smith left.'))\n"
        "import nltk\n"
        "from nltk.tokenize import RegexpTokenizer\n"
        "print(len(c.a.sentences), nltk.stem.snowball.SnowballStemmer('english').stem('running'),\n"
        "      nltk.probability.FreqDist('aab')['a'],\n"
        "      nltk.tokenize.punkt.PunktSentenceTokenizer().tokenize('A b. C d.'),\n"
        "      RegexpTokenizer(r'\\w+').tokenize('a b'))\n"
    )
    assert _python(code) == "2 run 2 ['A b. C d.'] ['a', 'b']"
