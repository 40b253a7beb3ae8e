# Building the site: strict build, every internal link and anchor resolves in the built HTML, no orphan pages,
# meta descriptions, abbreviations, text shown as text, and a failed build leaving the previous site untouched.
import hashlib
import re

import pytest

from scripts.checks import check_links
from scripts.site.build import build, main as build_main
from scripts.text import md_escape
from tests.conftest import CONFIG, ROOT


def tree_digest(folder):
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        h.update(str(p.relative_to(folder)).encode())
        if p.is_file():
            h.update(p.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def minimal_site(tmp_path_factory):
    from tests.conftest import MINIMAL
    base = tmp_path_factory.mktemp("minimal")
    assert build(MINIMAL, base / "site", base / "docs", CONFIG) == 0
    return base / "site"


def test_real_site_links_and_anchors_resolve(site):
    assert check_links.check(site) == []


def test_real_site_has_every_need_level_anchor(site, content):
    for nid in content.needs:
        html = (site / "needs" / nid / "index.html").read_text(encoding="utf-8")
        for phase, level in content.framework.cells():
            assert f'id="{phase.id}-{level.id}"' in html, (nid, phase.id, level.id)


def test_every_page_has_a_meta_description(site):
    for page, info in check_links.pages(site).items():
        assert info.meta.get("description"), f"{page} has no meta description"


def test_every_item_has_a_page(site, content):
    for kind, items in [("needs", content.needs), ("strategies", content.strategies), ("plans", content.plans),
                        ("roles", content.roles), ("areas", content.areas), ("levels", content.levels),
                        ("guide", content.pages)]:
        for item_id in items:
            assert (site / kind / item_id / "index.html").is_file(), f"/{kind}/{item_id}/ missing"


def test_strategy_page_links_back_to_needs_that_use_it(minimal_site):
    html = (minimal_site / "strategies" / "talk-group" / "index.html").read_text()
    assert 'href="../../needs/talking/#school-age-sen-support"' in html
    assert 'href="../../plans/sam/"' in html


def test_glossary_abbreviations_get_definitions(minimal_site):
    html = (minimal_site / "needs" / "talking" / "index.html").read_text()
    # the tooltip gives the full name and what it means (the glossary definition's first sentence)
    assert re.search(r'<abbr title="Special educational needs co-ordinator: [^"]+\.">SENCO</abbr>', html)


def test_minimal_site_has_no_broken_links(minimal_site):
    assert check_links.check(minimal_site) == []


def test_link_checker_finds_broken_links_and_orphans(minimal_site, tmp_path):
    import shutil
    copy = tmp_path / "site"
    shutil.copytree(minimal_site, copy)
    page = copy / "needs" / "talking" / "index.html"
    page.write_text(page.read_text().replace('href="../../strategies/talk-group/"', 'href="../../strategies/nope/"', 1)
                    .replace("#school-age-sen-support", "#school-age-sen-suport", 1))
    (copy / "lonely").mkdir()
    (copy / "lonely" / "index.html").write_text("<p>nobody links here</p>")
    problems = check_links.check(copy)
    assert "needs/talking/index.html: link '../../strategies/nope/': no such page" in problems
    assert "lonely/index.html: no link reaches this page from the home page" in problems
    assert check_links.main([str(copy)]) == 1


@pytest.mark.parametrize("text", ['<script>alert("x")</script>', '<img src=x onerror=alert(1)>',
                                  '[click](javascript:alert(1))', '**bold** _it_ `code` {: #id } | pipe'])
def test_text_in_yaml_is_shown_as_text(text, minimal, tmp_path):
    need = minimal / "needs" / "talking.yml"
    need.write_text(need.read_text().replace("Finds talking hard.", repr(text).replace("'", '"') if '"' not in text
                                             else "'" + text + "'", 1)
                    .replace("summary: Some children find talking hard. The SENCO can help.", "summary: '" + text.replace("'", "''") + "'"))
    assert build(minimal, tmp_path / "site", tmp_path / "docs", CONFIG) == 0
    html = (tmp_path / "site" / "needs" / "talking" / "index.html").read_text()
    assert "<script>alert" not in html and "<img src=x" not in html and 'href="javascript:' not in html
    assert "<strong>bold" not in html and "<code>code" not in html
    visible = re.sub(r"<[^>]+>", "", html)
    import html as h
    assert h.unescape(text) in h.unescape(visible)
    assert 'content="' + h.escape(text, quote=True).replace("&#x27;", "'") in html.replace("&#39;", "'").replace("&#x27;", "'")


def test_md_escape_keeps_markup_and_escapes_text():
    from markupsafe import Markup
    assert md_escape(Markup("[a](b)")) == "[a](b)"
    assert md_escape("a_b *c* <d>") == r"a\_b \*c\* &lt;d&gt;"
    assert md_escape(None) == ""


def test_failed_build_leaves_previous_site_untouched(minimal, tmp_path, capsys):
    site = tmp_path / "site"
    assert build_main(["--content", str(minimal), "--site", str(site), "--docs", str(tmp_path / "docs")]) == 0
    before = tree_digest(site)
    (minimal / "strategies" / "talk-group.yml").write_text("title: [broken\n")
    assert build_main(["--content", str(minimal), "--site", str(site), "--docs", str(tmp_path / "docs")]) == 2
    err = capsys.readouterr().err
    assert "content/strategies/talk-group.yml:2: bad YAML syntax" in err
    assert f"build stopped: {site} is unchanged" in err
    assert tree_digest(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "docs", "site"]


def test_failed_mkdocs_build_leaves_previous_site_untouched(minimal, tmp_path, capsys):
    site = tmp_path / "site"
    assert build(minimal, site, tmp_path / "docs", CONFIG) == 0
    before = tree_digest(site)
    page = minimal / "pages" / "about.md"
    # (a link to a missing need is a content error, caught before MkDocs runs: tests/test_rules.py)
    page.write_text(page.read_text() + "\n[broken](../missing-page.md)\n")
    assert build(minimal, site, tmp_path / "docs", CONFIG) == 1
    err = capsys.readouterr().err
    assert "contains a link '../missing-page.md', but the target 'missing-page.md' is not found" in err
    assert tree_digest(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "docs", "site"]


def test_dates_read_as_words_everywhere_one_way():
    import datetime as dt

    from scripts.text import long_date
    assert long_date(dt.date(2026, 3, 3)) == "3 March 2026"  # no leading zero, full month
    assert long_date(dt.date(2025, 12, 25)) == "25 December 2025"


def test_templates_only_print_plain_data():
    # templates stay dumb: no method calls (such as .strftime) on what they are given, only filters and tests
    calls = []
    for path in sorted((ROOT / "scripts" / "site" / "templates").glob("*.j2")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for tag in re.findall(r"\{\{.*?\}\}|\{%.*?%\}", line):
                if re.search(r"\.\w+\s*\(", tag) or re.search(r"(?<![\w|])(?!super\b)\w+\s*\(", tag.split("|")[0]):
                    calls.append(f"{path.name}:{n}: {tag}")
    assert calls == [], calls
