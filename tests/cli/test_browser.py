"""The HTML report in a real browser: headless Chromium loads it and reports what it rendered.

Skipped when no Chromium is installed (``.ci/run`` installs Debian's). The report allows no
script, so the layout checks load a copy with a small probe script added (and the report's
Content-Security-Policy taken out to let it run); the hostile report is loaded as written.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from comparer.core.compare import compare
from comparer.core.document import from_string, load
from comparer.core.model import Comparison
from comparer.report import render, rows
from tests.seeds import SHEREMET_A
from tests.unit.test_report_html import HOSTILE, MARKUP_ATTACKS, OWN_TAGS, SAMPLE_A, SAMPLE_B

CHROMIUM = next((found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")

PROBE = """<script>
const box = (el) => el.getBoundingClientRect();
const first = document.querySelector(".pairs tbody tr.partial, .pairs tbody tr.same");
const a = first.querySelector("td.a"), b = first.querySelector("td.b");
const markA = getComputedStyle(document.querySelector(".pairs mark.a"));
const markB = getComputedStyle(document.querySelector(".pairs mark.b"));
const onlyA = document.querySelector(".pairs tr.only_a td.b");
document.body.setAttribute("data-probe", JSON.stringify({
  width: innerWidth,
  scrollWidth: document.documentElement.scrollWidth,
  rows: document.querySelectorAll(".pairs tbody tr").length,
  aTop: box(a).top, aBottom: box(a).bottom, aLeft: box(a).left,
  bTop: box(b).top, bLeft: box(b).left,
  markA: [markA.textDecorationLine, markA.textDecorationStyle, markA.fontWeight],
  markB: [markB.textDecorationLine, markB.textDecorationStyle, markB.fontWeight],
  emptyCellShown: getComputedStyle(onlyA).display !== "none",
  text: document.body.innerText,
}));
</script>"""


def chromium(profile: str, *arguments: str) -> list[str]:
    """A headless Chromium command with a throw-away profile that fetches nothing of its own."""
    assert CHROMIUM is not None
    return [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        *arguments,
    ]


def _dump_dom(page: Path, width: int) -> str:
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            chromium(
                profile,
                f"--window-size={width},900",
                "--virtual-time-budget=2000",
                "--dump-dom",
                page.as_uri(),
            ),
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
    return done.stdout


def _probe(comparison: Comparison, width: int, tmp_path: Path) -> dict[str, Any]:
    page = render(comparison, "html")
    page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
    path = tmp_path / f"probe-{width}.html"
    path.write_text(page.replace("</body>", PROBE + "</body>"), "utf-8")
    dom = _dump_dom(path, width)
    found = re.search(r'data-probe="([^"]*)"', dom)
    assert found, "the probe ran"
    result: dict[str, Any] = json.loads(html.unescape(found.group(1)))
    return result


@pytest.fixture(scope="module")
def samples() -> Comparison:
    return compare(load(str(SAMPLE_A)), load(str(SAMPLE_B)))


def test_desktop_shows_the_pairs_side_by_side(samples: Comparison, tmp_path: Path) -> None:
    seen = _probe(samples, 1280, tmp_path)
    assert seen["width"] == 1280 and seen["scrollWidth"] <= seen["width"]
    assert seen["rows"] == len(rows(samples))
    assert seen["aTop"] == seen["bTop"] and seen["bLeft"] > seen["aLeft"] + 300  # side by side
    # Words only one side has are marked by more than colour.
    assert "underline" in seen["markA"][0]
    assert "underline" in seen["markB"][0] and seen["markB"][1] == "double" and int(seen["markB"][2]) >= 700
    assert seen["emptyCellShown"]
    for heading in ("Where they disagree", "Only in A", "Only in B", "Details in both", "side by side"):
        assert heading in seen["text"]
    assert " ".join(samples.a.sentences[SHEREMET_A].text.split()) in " ".join(seen["text"].split())


def test_a_phone_stacks_a_above_b_without_scrolling_sideways(samples: Comparison, tmp_path: Path) -> None:
    seen = _probe(samples, 480, tmp_path)
    assert seen["width"] < 700  # the phone layout's width
    assert seen["scrollWidth"] <= seen["width"]
    assert seen["bTop"] >= seen["aBottom"]  # B below A
    assert not seen["emptyCellShown"]  # "only in A" rows do not show an empty B cell
    assert "partly the same" in seen["text"]  # the marker says what the row is


def test_a_hostile_report_renders_only_its_own_elements(tmp_path: Path) -> None:
    text = (
        HOSTILE.read_text("utf-8")
        + "\n\n"
        + "\n\n".join(f"The mayor said {a} was seen." for a in MARKUP_ATTACKS)
    )
    changed = text.replace("three times", "twice")
    comparison = compare(from_string(text, "<script>a</script>.html"), from_string(changed, "b.txt"))
    path = tmp_path / "hostile.html"
    path.write_text(render(comparison, "html"), "utf-8")
    dom = _dump_dom(path, 1280)

    class Tags(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.tags: set[str] = set()

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.tags.add(tag)
            assert not any(name.startswith("on") or name in ("src", "href") for name, _ in attrs), attrs

    parser = Tags()
    parser.feed(dom)
    assert parser.tags <= OWN_TAGS, parser.tags - OWN_TAGS
    assert "&lt;img src=x onerror=alert(1)&gt;" in dom
