"""Making article text inert for a terminal: control characters become visible placeholders.

An article can hold escape sequences (colours, OSC 8 links, title changes), BEL, backspace or
carriage returns. Printed as they are, they would act on the reader's terminal; here each one is
replaced by a visible, harmless stand-in of the same length class, so the reader sees that
something was there and nothing can take over the screen.
"""

from __future__ import annotations

import re

_BEYOND_C0 = "\x7f-\x9f\u202a-\u202e\u2066-\u2069"
"""DEL, C1 controls, and the bidi overrides that can reorder a line (a character class's body)."""
BEYOND_C0 = re.compile(f"[{_BEYOND_C0}]")
"""The characters a terminal acts on that JSON's escaping leaves raw (it escapes C0 itself)."""
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f{_BEYOND_C0}]")
"""C0 controls except TAB and LF, and all of ``BEYOND_C0``."""


def _placeholder(match: re.Match[str]) -> str:
    char = match.group(0)
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ␛ for ESC, ␇ for BEL
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def inert(text: str) -> str:
    """``text`` with every control character shown as a visible placeholder."""
    return _UNSAFE.sub(_placeholder, text)


_BREAKS_SHOWN = str.maketrans({"\n": "\u2424", "\t": "\u2409"})
_BREAKS_AS_SPACES = str.maketrans({"\n": " ", "\t": " "})


def one_line(text: str) -> str:
    """``text`` made inert and kept on one line: line breaks and tabs become placeholders too.

    For messages that quote user input (a file name, an option value) on a single line, where
    the reader must see exactly what was given.
    """
    return inert(text).translate(_BREAKS_SHOWN)


def flat(text: str) -> str:
    """``text`` made inert and kept on one line, line breaks and tabs read as spaces.

    For article text shown within a line (a row, a header, a Markdown list item), where a
    paragraph break inside a sentence is only white space.
    """
    return inert(text).translate(_BREAKS_AS_SPACES)
