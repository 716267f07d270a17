"""The markdown sanitizer against XSS (issue 14): ``render_markdown`` over known filter-evasion
payloads (OWASP XSS filter evasion cheat sheet style, in markdown and raw HTML forms) and over
hypothesis strings built from markup fragments. The output is parsed with ``html.parser`` and
nothing executable may survive: no script, style, iframe, object, embed, svg, math, base, form,
meta or link element, no ``on*`` attribute, no URL whose scheme (after unescaping and removing
whitespace and control characters, as browsers do) is javascript:, vbscript: or data:.
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alliance_portal.markdown import render_markdown
from tests.security.figures import record

pytestmark = pytest.mark.security

FULL = bool(os.environ.get("SECURITY_REPORT"))
HYPOTHESIS_STRINGS = 10_000 if FULL else 500

DANGEROUS_TAGS = {
    "script", "style", "iframe", "frame", "object", "embed", "svg", "math", "base", "form",
    "meta", "link", "applet", "img",
}  # fmt: skip
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "data", "background", "poster",
    "srcset", "lowsrc", "dynsrc", "cite", "longdesc", "usemap", "codebase",
}  # fmt: skip
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")

JS = "javascript:alert(1)"
PAYLOADS: list[str] = [
    # Markdown links and images.
    f"[x]({JS})",
    "[x](JaVaScRiPt:alert(1))",
    "[x](  javascript:alert(1)  )",
    "[x](java\tscript:alert(1))",
    "[x](java%0ascript:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1))",
    "[x](&#0000106&#0000097vascript:alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](DATA:text/html,<script>alert(1)</script>)",
    "[x](<javascript:alert(1)>)",
    '[x](javascript:alert(1) "title")',
    "[x]( \x01javascript:alert(1))",
    f"![x]({JS})",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '![x](https://example.org/a.png"onerror="alert(1))',
    f"[x][r]\n\n[r]: {JS}",
    '[x][r]\n\n[r]: javascript:alert(1) "t"',
    f"<{JS}>",
    "<JAVASCRIPT:alert(1)>",
    "<vbscript:msgbox(1)>",
    "<data:text/html,<script>alert(1)</script>>",
    '[x](https://example.org/"onmouseover="alert(1))',
    "[<img src=x onerror=alert(1)>](https://example.org)",
    f"[[x]({JS})](https://example.org)",
    f"**[x]({JS})**",
    f"> [x]({JS})",
    f"| a |\n|---|\n| [x]({JS}) |",
    f"- [x]({JS})\n  - ![y]({JS})",
    # Raw HTML.
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<IMG SRC="javascript:alert(1);">',
    "<IMG SRC=JaVaScRiPt:alert(1)>",
    "<IMG SRC=`javascript:alert(1)`>",
    '<IMG """><SCRIPT>alert(1)</SCRIPT>">',
    "<IMG SRC=# onmouseover=alert(1)>",
    "<IMG SRC=/ onerror=alert(1)></img>",
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    '<IMG SRC="jav&#x09;ascript:alert(1);">',
    '<IMG SRC="jav&#x0A;ascript:alert(1);">',
    '<IMG SRC=" &#14;  javascript:alert(1);">',
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
    "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
    "<BODY ONLOAD=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>',
    '<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="  JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '<a href="https://example.org" onclick="alert(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "<style>@import 'https://xss.example/x.css';</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p style="x:expression(alert(1))">x</p>',
    "<base href=javascript:alert(1)//>",
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    "<input onfocus=alert(1) autofocus>",
    "<details open ontoggle=alert(1)>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    "<table background=javascript:alert(1)>",
    '<video><source onerror="alert(1)"></video>',
    "<!--<img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<x onclick=alert(1)>click",
    '"><script>alert(1)</script>',
    "'><svg onload=alert(1)>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "`<script>alert(1)</script>`",
    "```\n<script>alert(1)</script>\n```",
    "    <script>alert(1)</script>",
    "<<SCRIPT>alert(1);//<</SCRIPT>",
    "<SCRIPT/XSS SRC=https://xss.example/xss.js></SCRIPT>",
    '<a href="java\x00script:alert(1)">x</a>',
    "\x00<script>alert(1)</script>",
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)>",
]

# Fragments hypothesis strings are built from, with arbitrary text between them.
FRAGMENTS = [
    "<", ">", "/", "=", '"', "'", "`", "(", ")", "[", "]", "!", "&", "#", ";", ":", "\n", " ",
    "\t", "\x00", "script", "SCRIPT", "javascript:", "JaVaScRiPt", "vbscript:", "data:",
    "text/html", "base64,", "onerror", "onload", "onclick", "=alert(1)", "alert(1)", "img",
    "svg", "iframe", "a href", "src", "<script>", "</script>", "&#106;", "&#x6A;", "&colon;",
    "java\tscript", "](", "[x]", "![x]", "<http://", "style", "expression(", "|---|", "```",
    "> ", "- ", "# ", "**", "~~", "\\",
]  # fmt: skip


class _Finder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DANGEROUS_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag}[{name}]")
            if name in URL_ATTRIBUTES or name == "style":
                plain = _INVISIBLE.sub("", value or "").lower()
                if any(scheme in plain for scheme in BAD_SCHEMES) and (
                    name == "style" or plain.startswith(BAD_SCHEMES)
                ):
                    self.found.append(f"{tag}[{name}={value!r}]")

    handle_startendtag = handle_starttag


def surviving(source: str) -> list[str]:
    """What could run in the rendered HTML of ``source``."""
    finder = _Finder()
    finder.feed(str(render_markdown(source)))
    finder.close()
    return finder.found


def test_the_checker_sees_what_it_must() -> None:
    """The detector itself finds each kind of survivor (or 0 would prove nothing)."""
    for html in (
        "<script>x</script>",
        '<a href=" jav&#x09;ascript:x">',
        '<a href="DATA:text/html,x">',
        "<p onclick=x>",
        "<svg>",
    ):
        finder = _Finder()
        finder.feed(html)
        assert finder.found, html


def test_known_xss_payloads_do_not_survive() -> None:
    found = {payload: surviving(payload) for payload in PAYLOADS}
    survived = {payload: what for payload, what in found.items() if what}
    record("sanitizer.inputs", len(PAYLOADS))
    record("sanitizer.surviving", len(survived))
    assert len(PAYLOADS) >= 50
    assert survived == {}


def test_hypothesis_strings_do_not_survive() -> None:
    rendered = 0
    survived: list[tuple[str, list[str]]] = []
    pieces = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), max_size=24).map("".join)

    @settings(
        max_examples=HYPOTHESIS_STRINGS,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.text() | pieces)
    def probe(source: str) -> None:
        nonlocal rendered
        rendered += 1
        what = surviving(source)
        if what:
            survived.append((source, what))

    probe()
    record("sanitizer.inputs", rendered)
    record("sanitizer.surviving", len(survived))
    assert rendered >= HYPOTHESIS_STRINGS * 0.9
    assert survived == []
