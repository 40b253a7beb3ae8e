# Hostile strings: script tags, a </title><meta refresh>, quotes, Markdown and Jinja syntax put into every text field
# of every kind of item, then the site built: none of it may be live in any page (<title>, header, meta tags, body),
# in the JSON files and JSON blocks, or in the Word downloads. In: a copy of the minimal content. Out: assertions.
from __future__ import annotations

import html.parser
import json
import re
import shutil
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml

from scripts.site.build import build
from tests.conftest import CONFIG, MINIMAL

HOSTILE = ('<script>alert("x")</script></title><meta http-equiv="refresh" content="0;url=https://evil.example/">'
           "<img src=x onerror=alert(1)> it's \"quoted\" {{ 'JIN' ~ 'JA' }} {% if true %}IF-{% endif %}LIVE "
           "**MDBOLD** _MDEM_ [MDLINK](javascript:alert(2)) `code` #hash |pipe|")
# Fields that hold ids, references, choices, dates or addresses, not text
NOT_TEXT = {"area", "strategies", "who_may_help", "delivered_by", "type", "levels", "phases", "phase", "level", "needs",
            "who", "next_level", "strategy", "link", "url", "date", "by", "edition_date", "id", "order", "source",
            "logo", "site_url", "kind", "paragraphs", "pages", "framework"}
FRAMEWORK_TEXT = {"title", "meaning", "ages", "people"}
W_TEXT = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"  # a run of text in word/document.xml


def poison(data, key=None):
    """Every text value under `data` with the hostile string added (ids and choices left alone)."""
    if key in NOT_TEXT:
        return data
    if isinstance(data, dict):
        return {k: poison(v, k) for k, v in data.items()}
    if isinstance(data, list):
        return [poison(v, key) for v in data]
    if isinstance(data, str):
        return data + " " + HOSTILE
    return data


class Page(html.parser.HTMLParser):
    """Every tag with its attributes, the <title> text and each <script>'s text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.title, self.scripts, self._in = "", [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("title", "script"):
            self._in = (tag, dict(attrs))
            if tag == "script":
                self.scripts.append([dict(attrs), ""])

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in and self._in[0] == "title":
            self.title += data
        elif self._in and self._in[0] == "script":
            self.scripts[-1][1] += data


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    content = base / "content"
    shutil.copytree(MINIMAL, content)
    for path in content.rglob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if path.name == "framework.yml":  # the names of levels, phases and aspects (their ids stay)
            data = {k: [{f: poison(v) if f in FRAMEWORK_TEXT else v for f, v in entry.items()} for entry in entries]
                    for k, entries in data.items()}
        else:
            data = poison(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for path in (content / "pages").glob("*.md"):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = poison(yaml.safe_load(front))
        path.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body, encoding="utf-8")
    assert build(content, base / "site", base / "docs", CONFIG, offline=True) == 0
    return base / "site"


def pages(site: Path):
    for path in sorted(site.rglob("*.html")):
        parser = Page()
        parser.feed(path.read_text(encoding="utf-8"))
        yield path.relative_to(site).as_posix(), parser


def test_no_page_has_a_live_tag_attribute_or_script_from_the_content(hostile_site):
    checked = 0
    for rel, page in pages(hostile_site):
        for tag, attrs in page.tags:
            assert not (tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh"), rel
            assert not any(a.startswith("on") for a in attrs), (rel, tag, attrs)
            assert not (attrs.get("href") or "").strip().lower().startswith("javascript:"), (rel, tag, attrs)
            assert not (tag == "img" and attrs.get("src") == "x"), rel
        for attrs, text in page.scripts:
            if attrs.get("type") == "application/json":
                json.loads(text)  # a JSON block still parses: nothing closed the script early
            else:
                assert "alert(" not in text, (rel, text[:200])
        checked += 1
    assert checked > 20


def test_titles_header_and_meta_show_the_string_as_text(hostile_site):
    _, page = next((r, p) for r, p in pages(hostile_site) if r == "needs/talking/index.html")
    assert page.title.startswith("Talking difficulties " + HOSTILE.split("</title>")[0])
    assert "</title><meta" in page.title  # the whole string is the title's text
    description = next(a["content"] for t, a in page.tags if t == "meta" and a.get("name") == "description")
    assert HOSTILE in description
    text = (hostile_site / "needs" / "talking" / "index.html").read_text(encoding="utf-8")
    for live in ("<strong>MDBOLD</strong>", "<em>MDEM</em>", "IF-LIVE", "JINJA", '<a href="javascript:',
                 "<code>code</code>"):
        assert live not in text, live
    home = (hostile_site / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in home and "Test Guide &lt;script&gt;" in home  # the site name, in the header


def test_json_files_hold_the_string_as_data(hostile_site):
    files = sorted(hostile_site.rglob("*.json"))
    assert files
    holding = set()
    for path in files:
        strings: list[str] = []
        json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=lambda pairs: strings.extend(
            v for _, v in pairs if isinstance(v, str)) or dict(pairs))
        if any(HOSTILE in v for v in strings):
            holding.add(path.relative_to(hostile_site).as_posix())
    # the open data and the plan builder's data carry the text unchanged, as data for scripts to show as text
    assert {"data/all.json", "data/needs.json", "data/plan-builder.json"} <= holding


def test_word_downloads_hold_the_string_as_text(hostile_site):
    docs = sorted(hostile_site.rglob("*.docx"))
    assert docs
    for path in docs:
        with zipfile.ZipFile(path) as z:
            root = ElementTree.fromstring(z.read("word/document.xml"))  # well-formed: nothing broke the XML
        text = "".join(t.text or "" for t in root.iter(W_TEXT))
        assert "alert(1)" not in text or HOSTILE[:40] in text
    plan = next(p for p in docs if p.name == "sam.docx")
    with zipfile.ZipFile(plan) as z:
        root = ElementTree.fromstring(z.read("word/document.xml"))
    text = "".join(t.text or "" for t in root.iter(W_TEXT))
    assert re.search(re.escape('<script>alert("x")</script></title>'), text)
