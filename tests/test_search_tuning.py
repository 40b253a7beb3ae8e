# Search tuning without a browser: the word separator, the keywords each page gets, and the front matter they go in.
import html
import json
import re

import pytest
import yaml

from scripts.site import search
from tests.conftest import CONFIG


def words(text: str) -> list[str]:
    """Split text the way Material's search does: at every match of the separator, then lower-case."""
    return [w.lower() for w in re.split(search.separator(), text) if w]


def test_mkdocs_uses_the_generated_separator():
    loader = type("L", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("", lambda *_: None)  # mkdocs.yml has !ENV and !!python tags
    config = yaml.load(CONFIG.read_text(encoding="utf-8"), Loader=loader)
    plugin = next(p["search"] for p in config["plugins"] if isinstance(p, dict) and "search" in p)
    assert plugin["separator"] == search.separator(), "run `python -m scripts.site.search` and paste the line into mkdocs.yml"
    assert plugin["fields"]["title"]["boost"] > plugin["fields"]["text"]["boost"]
    assert plugin["fields"]["tags"]["boost"] > plugin["fields"]["text"]["boost"]


def test_separator_splits_hyphens_slashes_and_punctuation():
    assert words("post-16") == ["post", "16"]
    assert words("sensory and/or physical") == ["sensory", "physical"]
    assert words("(ADHD), SEMH; dyslexia.") == ["adhd", "semh", "dyslexia"]
    assert words("Year 11 – college") == ["year", "11", "college"]
    assert words("fish &amp; chips &#39;x&#39;") == ["fish", "chips", "x"]


def test_separator_handles_apostrophes_however_typed():
    assert words("won't") == words("won’t") == words("WON'T") == ["won"]
    assert words("my pupil can't sit still") == ["pupil", "sit", "still"]
    assert words("Asperger's") == words("Asperger’s") == ["asperger"]
    assert words("parents' views") == ["parents", "views"]
    assert words("o'clock") == ["o'clock"]


def test_separator_drops_stop_words_and_plural_ies():
    assert words("What is a SENCO") == ["senco"]
    # the words on nearly every page (scripts/site/search.py COMMON_WORDS) go too, whole words only
    assert words("I disagree with THE school") == ["disagree"]
    assert words("Help at School for schooling") == ["schooling"]
    assert words("social stories") == ["social", "stor"]
    assert words("theory within") == ["theory", "within"]  # only whole stop words go
    for w in search.STOP_WORDS:  # every stop word goes, however it is capitalised, and only it
        assert words(f"{w} {w.title()} {w.upper()} senco") == ["senco"], w
    assert words("My child's teacher; my DAUGHTER and son") == ["teacher"]
    assert words("childhood trauma") == ["childhood", "trauma"]


def test_keywords_come_from_also_known_as_and_glossary_links(content):
    kw = search.keywords(content)
    autism = kw["needs/autism.md"]
    assert autism[0] == "Autism" and "ASD" in autism and "autisim" in autism
    assert [w.lower() for w in autism].count("autism") == 1
    assert "SENCO" in kw["roles/senco.md"]
    assert "EHCP" in kw["levels/ehc.md"] and "Education, Health and Care plan" in kw["levels/ehc.md"]


def test_tune_adds_front_matter_that_yaml_reads(content):
    pages = {"needs/autism.md": '---\ntitle: "Autism"\n---\n\n# Autism\n', "plans/x.md": "---\ntitle: x\n---\n",
             "plans/index.md": "---\ntitle: Plans\n---\n", "glossary.md": "---\ntitle: G\n---\n"}
    out = search.tune(content, pages)
    meta = yaml.safe_load(out["needs/autism.md"].split("---\n")[1])
    assert meta["title"] == "Autism" and meta["search"] == {"boost": 2} and "on the spectrum" in meta["tags"]
    assert yaml.safe_load(out["plans/x.md"].split("---\n")[1])["search"] == {"boost": 0.5}
    assert out["plans/index.md"] == pages["plans/index.md"] and out["glossary.md"] == pages["glossary.md"]
    assert "needs/nowhere.md" not in out


def test_keywords_are_escaped_for_the_search_results(content):
    need = next(iter(content.needs.values()))
    saved = need.also_known_as
    need.also_known_as = ["<img src=x onerror=alert(1)>"]
    try:
        tags = search.front_matter(content)[f"needs/{next(iter(content.needs))}.md"]["tags"]
    finally:
        need.also_known_as = saved
    assert "&lt;img src=x onerror=alert(1)&gt;" in tags


def test_main_prints_the_mkdocs_line(capsys):
    assert search.main() == 0
    assert capsys.readouterr().out.startswith("      separator: '")


@pytest.fixture(scope="module")
def index(site) -> dict[str, str]:
    """Each search entry's text (its heading is kept apart, as the title), as words: tags stripped, entities decoded."""
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return {d["location"]: html.unescape(re.sub(r"<[^>]+>", "", d["text"])) for d in docs}


def test_each_strategy_summary_is_searched_on_its_own_page_only(content, site, index):
    # Need, level, area and finder pages show every strategy's summary; indexing each copy made common words match
    # thousands of sections and slowed search (BENCHMARKS.md). Readers still see the lists on the page.
    for sid, s in content.strategies.items():
        places = {loc.split("#")[0] for loc, text in index.items() if s.summary in text}
        assert places == {f"strategies/{sid}/"}, f"{sid}: summary indexed on {sorted(places)}"
    adhd = (site / "needs" / "adhd" / "index.html").read_text(encoding="utf-8")
    listed = [s for s in content.strategies.values() if f">{s.title}</a><span data-search-exclude>: " in adhd]
    assert len(listed) >= 5, "the ADHD page no longer shows its strategies with their summaries"


def test_link_lists_are_shown_but_not_searched(site, index):
    level = (site / "levels" / "sen-support" / "index.html").read_text(encoding="utf-8")
    assert level.count('href="../../strategies/') >= 20 and level.count('href="../../needs/') >= 10
    for loc in ("levels/sen-support/#strategies", "levels/sen-support/#needs", "strategies/chunking-tasks/#needs"):
        listed = index[loc].split("Last changed")[0]  # the strategy page's closing line falls in its last section
        assert not re.search(r"\w", listed), f"{loc} is searched: {listed[:80]}"
    # The page's own words are still searched
    assert "strategies/chunking-tasks/#how" in index and len(index["strategies/chunking-tasks/#how"]) > 100


def test_guide_pages_are_found_by_process_words(content):
    kw = search.keywords(content)
    disagree = [w.lower() for w in kw["guide/if-you-disagree.md"]]
    assert disagree[0] == "if you disagree" and {"appeal", "refuse", "complain", "tribunal"} <= set(disagree)
    assert "IEP" in kw["guide/sen-support-in-school.md"]
    assert "ask" in kw["guide/requesting-an-ehc-needs-assessment.md"]
    # a guide page the content does not have gets no keywords (the list may name pages still being written)
    assert all(p[len("guide/"):-3] in content.pages for p in kw if p.startswith("guide/"))


def test_search_terms_are_searched_but_never_shown(content, tmp_path):
    import copy

    c = copy.deepcopy(content)
    need = next(iter(c.needs.values()))
    try:
        need.search_terms = ["zzmisspelt"]
    except (ValueError, TypeError, AttributeError):
        pytest.skip("this content model has no search_terms field yet")
    nid = next(iter(c.needs))
    assert "zzmisspelt" in search.keywords(c)[f"needs/{nid}.md"]
    from scripts.site.generate import render_pages
    page = render_pages(c)[f"needs/{nid}.md"]
    front, body = page.split("\n---\n", 1)
    assert "zzmisspelt" in front and "zzmisspelt" not in body
