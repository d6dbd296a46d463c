"""The architecture holds: the core and the reports never import textual."""

from __future__ import annotations

import subprocess
import sys

import pytest


def _python(code: str) -> str:
    """What a fresh interpreter running ``code`` prints, stripped."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


@pytest.mark.parametrize("module", ["comparer.core", "comparer.report", "comparer.cli", "comparer"])
def test_module_does_not_import_textual(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "from comparer.core import compare, from_string\n"
        "compare(from_string('One fact here.'), from_string('One fact here too.'))\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    assert _python(code) == ""


def test_core_needs_no_downloaded_nltk_data(tmp_path) -> None:  # type: ignore[no-untyped-def]
    code = (
        "import nltk\n"
        "nltk.data.path[:] = []  # NLTK_DATA only goes first; the system's data folders would follow\n"
        "from comparer.core import compare, from_string\n"
        "c = compare(from_string('Mr. Smith left. He said so.'), from_string('Mr. Smith left.'))\n"
        "assert len(c.a.sentences) == 2\n"
    )
    env = {"NLTK_DATA": str(tmp_path), "PATH": "", "HOME": str(tmp_path)}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


def test_help_and_argument_errors_do_not_load_nltk() -> None:
    """`comparer --help` answers at once: NLTK (about 0.2 s to import) loads when text is first
    segmented or stemmed, not when comparer is imported."""
    code = (
        "import contextlib, io, sys\n"
        "from comparer import cli\n"
        "for argv in (['--help'], ['--version'], ['only-one-file']):\n"
        "    with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()),"
        " contextlib.redirect_stderr(io.StringIO()):\n"
        "        cli.main(argv)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'nltk'))\n"
    )
    assert _python(code) == "[]"
