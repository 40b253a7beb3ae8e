# Search results carry what a result shows (overrides/assets/javascripts/workers/search-short.js, started by
# search-lazy.js): each section's text cut to its first lines, and no tags, so the words kept for search only
# (search_terms: misspellings, everyday phrases) are never shown. The order and the count of results are Material's.
import json
import re
import subprocess
import textwrap
from pathlib import Path

import pytest
import yaml

from tests.conftest import CONTENT

WORKER = Path(__file__).resolve().parent.parent / "overrides" / "assets" / "javascripts" / "workers" / "search-short.js"


def run_worker(script: str, worker: str = "search.0123abcd.min.js") -> dict:
    """Run the worker file in Node with a stand-in `self`, then `script`; returns what `script` puts in `out`."""
    js = textwrap.dedent(f"""
        const posted = [], imported = [];
        global.self = {{location: {{href: "http://x/assets/javascripts/workers/search-short.js?worker=" +
                                          encodeURIComponent({json.dumps(worker)})}},
                        postMessage: (m) => posted.push(m)}};
        global.importScripts = (name) => imported.push(name);
        require({json.dumps(str(WORKER))});
        const out = {{imported}};
        {script}
        out.posted = posted;
        console.log(JSON.stringify(out));
    """)
    run = subprocess.run(["node", "-e", js], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def visible(html: str) -> str:
    return re.sub(r"&[#\w]+;", "x", re.sub(r"<[^>]+>", "", html))


def test_a_long_section_is_cut_between_words_with_its_markup_closed():
    long = "<p>" + " ".join(f"word{i} <mark>autism</mark> &amp; more" for i in range(200)) + "</p>"
    out = run_worker(f"out.short = self.shortenSearchText({json.dumps(long)}); "
                     f"out.same = self.shortenSearchText('<p>Short <mark>text</mark></p>');")
    short = out["short"]
    assert out["same"] == "<p>Short <mark>text</mark></p>"
    assert short.endswith("</mark></p> \u2026") or short.endswith("</p> \u2026")
    assert 400 <= len(visible(short)) <= 440
    assert long.startswith(short[: short.rindex(" ") - 20])  # the start of the text, as written
    assert short.count("<mark>") == short.count("</mark>") and short.count("<p>") == short.count("</p>")
    assert not re.search(r"&[a-z]*$|&[a-z]* ", short.replace("&amp;", ""))  # no entity cut in half


def test_results_lose_their_tags_and_long_texts_and_keep_their_order():
    result = {"type": 3, "data": {"items": [
        [{"location": "a/", "title": "A", "text": "x " * 600, "score": 9, "tags": ["awtism", "autisim"]},
         {"location": "a/#s", "title": "S", "text": "short", "score": 3, "tags": ["awtism"]}],
        [{"location": "b/", "title": "B", "text": "b", "score": 1}]]}}
    out = run_worker(f"self.postMessage({json.dumps(result)}); self.postMessage({{type: 1}});")
    sent = out["posted"][0]["data"]["items"]
    assert [[s["location"] for s in page] for page in sent] == [["a/", "a/#s"], ["b/"]]
    assert all("tags" not in s for page in sent for s in page)
    assert len(sent[0][0]["text"]) < 450 and sent[0][1]["text"] == "short"
    assert out["posted"][1] == {"type": 1}  # other messages pass as they are
    assert out["imported"] == ["search.0123abcd.min.js"]  # Material's worker, from the same folder


@pytest.mark.parametrize("name", ["https://elsewhere.example/search.0123abcd.min.js", "../bundle.js",
                                  "search.0123abcd.min.js?x=1", ""])
def test_the_worker_loads_nothing_but_a_search_worker_file_of_its_folder(name):
    assert run_worker("", worker=name)["imported"] == []


@pytest.mark.browser
def test_a_search_shows_no_tags_and_no_search_only_words(browser, site_url, site):
    need = yaml.safe_load((CONTENT / "needs" / "autism.yml").read_text(encoding="utf-8"))
    page_text = (site / "needs" / "autism" / "index.html").read_text(encoding="utf-8").lower()
    hidden = [t for t in need["search_terms"] if t.lower() not in page_text.replace("content=", "")]
    assert hidden, "the autism page should have search terms it never shows"
    page = browser.new_page()
    page.goto(site_url + "needs/")
    page.click("input.md-search__input")
    page.keyboard.type("autism")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15_000)
    assert "autism" in results.first.inner_text().lower()
    assert page.locator(".md-search-result .md-tags").count() == 0
    shown = page.inner_text(".md-search-result__list").lower()
    assert not [t for t in hidden if re.search(rf"\b{re.escape(t.lower())}\b", shown)]
    teasers = page.eval_on_selector_all(".md-search-result__article", "els => els.map(e => e.textContent.length)")
    assert teasers and max(teasers) < 600  # a title, the path and a few lines, not the whole section
    page.close()
