# Permanent addresses: content/published-urls.txt lists every page and per-level anchor ever published; the build fails
# when one disappears without a redirect in content/redirects.yml, and the redirect, once added, works in a browser.
import pytest

from scripts.checks import addresses
from scripts.site.build import build
from scripts.browser import serve
from tests.conftest import CONFIG, CONTENT


def test_real_manifest_is_committed_and_kept(site):
    published = addresses.read_manifest(CONTENT)
    assert "/" in published and any("#school-age-sen-support" in a for a in published)
    assert addresses.check(CONTENT, addresses.load_redirects(CONTENT), addresses.published(site)) == []


def test_published_addresses_of_a_site(site, content):
    now = addresses.published(site)
    nid = sorted(content.needs)[0]
    assert {"/", f"/needs/{nid}/", f"/needs/{nid}/#post-16-ehc", "/glossary/"} <= now
    assert not any(a.endswith("404.html") or "-notice" in a for a in now)


def _rename_need(content):
    """talking -> speech, with the two references to it in the minimal content."""
    (content / "needs" / "talking.yml").rename(content / "needs" / "speech.yml")
    for rel in ["plans/sam.yml", "pages/about.md"]:
        path = content / rel
        path.write_text(path.read_text().replace("needs: [talking]", "needs: [speech]")
                        .replace("../needs/talking.md", "../needs/speech.md"))


@pytest.mark.browser
def test_renamed_page_needs_a_redirect_that_works(minimal, tmp_path, browser, capsys):
    site, docs = tmp_path / "site", tmp_path / "docs"
    assert build(minimal, site, docs, CONFIG) == 0
    assert addresses.main([str(minimal), str(site)]) == 0
    manifest = addresses.read_manifest(minimal)
    assert "/needs/talking/" in manifest and "/needs/talking/#post-16-sen-support" in manifest
    before = (site / "index.html").read_bytes()

    _rename_need(minimal)
    capsys.readouterr()
    assert build(minimal, site, docs, CONFIG) == 1
    err = capsys.readouterr().err
    assert "/needs/talking/: was published (published-urls.txt) and is gone: add a redirect to redirects.yml" in err
    assert "/needs/talking/#school-age-ehc: was published" in err
    assert (site / "index.html").read_bytes() == before  # the old site stays in place

    (minimal / "redirects.yml").write_text("# old address: new address\n/needs/talking/: /needs/speech/\n")
    assert build(minimal, site, docs, CONFIG) == 0
    with serve(site) as url:
        page = browser.new_page()
        page.goto(f"{url}needs/talking/#post-16-sen-support")
        page.wait_for_url(f"{url}needs/speech/#post-16-sen-support")
        assert page.locator("#post-16-sen-support").is_visible()  # the right tab is open
        page.goto(f"{url}needs/talking/")
        page.wait_for_url(f"{url}needs/speech/")
        page.close()

    # the manifest keeps the old address (still served, by the redirect) and gains the new one
    assert addresses.main([str(minimal), str(site)]) == 0
    manifest = addresses.read_manifest(minimal)
    assert "/needs/talking/#school-age-ehc" in manifest and "/needs/speech/#school-age-ehc" in manifest


def test_redirect_mistakes_stop_the_build(minimal, tmp_path, capsys):
    site = tmp_path / "site"
    (minimal / "redirects.yml").write_text("/needs/talking/: /needs/speech/\n/needs/gone/: /needs/nowhere/\n")
    assert build(minimal, site, tmp_path / "docs", CONFIG) == 1
    err = capsys.readouterr().err
    assert "redirects.yml: /needs/talking/ is still a page: remove its redirect" in err
    assert "redirects.yml: /needs/gone/ -> /needs/nowhere/: no such page or anchor in the site" in err
    assert not site.exists()


@pytest.mark.parametrize("text, message", [
    ("a: [b", "not valid YAML"),
    ("- /needs/a/\n", "must map each old address to its new address"),
    ("/needs/a/#x: /needs/b/\n", "an old address is a page, without #anchor"),
])
def test_bad_redirect_files(minimal, tmp_path, text, message):
    (minimal / "redirects.yml").write_text(text)
    problems = addresses.apply(tmp_path, minimal)
    assert len(problems) == 1 and message in problems[0]


def test_anchor_gone_from_a_page_that_stays(tmp_path):
    (tmp_path / "published-urls.txt").write_text("# comment\n/needs/a/\n/needs/a/#school-age-ehc\n/needs/b/#post-16-ehc\n")
    now = {"/needs/a/", "/needs/c/", "/needs/c/#post-16-universal"}
    assert addresses.check(tmp_path, {"/needs/b/": "/needs/c/"}, now) == [
        "/needs/a/#school-age-ehc: was published (published-urls.txt) and this anchor is gone from the page",
        "/needs/b/#post-16-ehc: was published, and its redirect to /needs/c/ has no such anchor"]
    # a redirect that names its own anchor sends every old anchor there
    assert addresses.check(tmp_path, {"/needs/b/": "/needs/c/#post-16-universal"}, now) == [
        "/needs/a/#school-age-ehc: was published (published-urls.txt) and this anchor is gone from the page"]


def test_addresses_are_normalised_and_stub_urls_relative():
    assert addresses.normalise("needs/autism") == "/needs/autism/"
    assert addresses.normalise("/needs/autism/#post-16-ehc") == "/needs/autism/#post-16-ehc"
    assert addresses.normalise("") == "/" and addresses.normalise("data/needs.json") == "/data/needs.json"
    assert addresses._stub("/needs/old/", "/needs/new/#school-age-ehc") == ("needs/old/index.html",
                                                                            "../new/#school-age-ehc")
    assert addresses._stub("/old/", "/") == ("old/index.html", "../")
    assert addresses._stub("/a/b/", "/a/b/c/") == ("a/b/index.html", "c/")
