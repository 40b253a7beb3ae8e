# Search tuning for Material's built-in search: page weights, the words people type, and the word separator.
# In: the loaded content and the generated Markdown pages. Out: the same pages with `search:` and `tags:` front matter.
from __future__ import annotations

import html
import json
import re

from scripts.content.load import Content

# Page weights by folder (1 for the rest). Every section of a need page weighs twice as much, so a word on a need
# page and on a strategy page finds the need first; the fictional example plans weigh less than the guidance.
# Titles (x1000) and keywords (x1000, `tags` in mkdocs.yml) still count for more than page weights.
BOOST = {"needs": 2, "guide": 2, "plans": 0.5}

# Glossary links name a page by kind; this is the generated file of each kind.
_PAGE_OF = {"need": "needs/{}.md", "strategy": "strategies/{}.md", "plan": "plans/{}.md", "role": "roles/{}.md",
            "area": "areas/{}.md", "level": "levels/{}.md", "page": "guide/{}.md"}

# lunr's English stop words. Material adds a trailing wildcard to every word typed, so "a", "in" or "the" would
# match every word that starts with them ("the*" finds "therapy"). The separator in mkdocs.yml treats these words
# as gaps between words, in the index and in queries alike; test_search checks it is built from this list.
STOP_WORDS = """a able about across after all almost also am among an and any are as at be because been but by can
cannot could dear did do does either else ever every for from get got had has have he her hers him his how however i
if in into is it its just least let like likely may me might most must my neither no nor not of off often on only or
other our own rather said say says she should since so some than that the their them then there these they this tis
to too twas us wants was we were what when where which while who whom why will with would yet you your""".split()
# Words parents put before almost every question ("my child ...", "my son ..."): on nearly every page, so they find
# nothing in particular, and "child*" would rank pages about childhood above the need the parent describes.
FAMILY_WORDS = "child children son sons daughter daughters kid kids".split()
# Words on nearly every page of this guide ("school", "help"): in a query they found the page with the word in its
# title ("Anxiety and school non-attendance" for any question about school) instead of what the question was about.
COMMON_WORDS = "school schools help helps".split()

# Guide pages and the words people use for what the page is about (process words: ask, appeal, refuse, complain,
# exclude, part-time, who pays ...). Indexed as keywords (`tags`), never shown. A page that is not in the content is
# skipped, so pages still being written can be listed here.
GUIDE_WORDS = {
    "requesting-an-ehc-needs-assessment": ["ask for an EHC needs assessment", "apply for an EHCP", "request an EHCP",
                                           "EHCP", "EHC needs assessment", "ask", "apply", "request", "timeline",
                                           "how long", "weeks", "my own EHCP"],
    "if-you-disagree": ["disagree", "appeal", "refuse", "refused", "said no", "complain", "complaint", "tribunal",
                        "mediation", "discrimination", "unhappy", "council"],
    "sen-support-in-school": ["SEN Support", "IEP", "individual education plan", "support plan", "SEN register",
                              "meetings with parents", "what is SEN Support"],
    "graduated-approach": ["graduated approach", "assess plan do review", "cycle"],
    "ehc-plans-and-annual-reviews": ["annual review", "review meeting", "EHC plan", "EHCP", "section F", "amend",
                                     "what is in an EHC plan", "my review"],
    "enhanced-sen-support": ["Enhanced SEN Support"],
    "post-16-and-preparing-for-adulthood": ["post-16", "college", "sixth form", "after Year 11", "moving to college",
                                            "help at college", "preparing for adulthood", "young person"],
    "exclusions-and-suspensions": ["exclude", "excluded", "exclusion", "permanent exclusion", "suspended",
                                   "suspension", "sent home"],
    # not "part-time" itself: the separator splits it, and a keyword "time" would outrank "visual timetable"
    "part-time-timetables": ["reduced timetable", "shortened day", "only in the mornings", "sent home early"],
    "attendance-and-school-non-attendance": ["attendance", "fine", "fined", "absence", "missing school"],
    "personal-budgets": ["personal budget", "direct payments"],
    "who-pays-for-what": ["who pays", "pays", "funding", "money", "cost", "budget"],
    "reasonable-adjustments": ["reasonable adjustments", "Equality Act"],
    "linking-from-your-sen-information-report": ["SEN Information Report"],
    "accessible-trips-and-activities": ["trips", "school trips", "clubs", "residential"],
}

# Gaps between words: white space, hyphens and dashes ("post-16"), slashes ("and/or"), punctuation, HTML entities,
# an apostrophe with the ending it starts ("can't", "can’t", "child's" are "can", "child"), and a plural "ies"
# ("stories" is "stor", which the trailing wildcard turns into "story" and "stories").
_PUNCTUATION = r"""[\s\-–—/,.;:!?()\[\]{}"“”«»…|]+"""
_APOSTROPHE = r"['’](?:[sStTdDmM]|[lL][lL]|[rR][eE]|[vV][eE])?(?![a-zA-Z])"
_ENTITY = r"&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);"
_PLURAL = r"\Bies\b"


def _any_case(word: str) -> str:
    """A regular expression for `word` in lower case, Capitalised or UPPER CASE (Material's separator has no flags)."""
    variants = dict.fromkeys([word, word.capitalize(), word.upper()])
    return "|".join(variants)


def separator() -> str:
    """The `separator` for Material's search plugin (mkdocs.yml)."""
    stop = "|".join(_any_case(w) for w in sorted(STOP_WORDS + FAMILY_WORDS + COMMON_WORDS, key=lambda w: (-len(w), w)))
    return "|".join([_PUNCTUATION, _APOSTROPHE, _ENTITY, _PLURAL, rf"\b(?:{stop})\b"])


def keywords(c: Content) -> dict[str, list[str]]:
    """Generated page -> the names people type for it: a need's title and also_known_as, and every glossary term
    (abbreviation and full name) whose "More about" link points at the page. All of them are visible: on the need
    page ("Also known as") or in the glossary; a need's search_terms and the guide pages' words are search only."""
    out: dict[str, list[str]] = {}
    for nid, need in c.needs.items():  # search_terms: misspellings and parents' phrases, searched but never shown
        out[_PAGE_OF["need"].format(nid)] = [need.title, *need.also_known_as, *getattr(need, "search_terms", [])]
    for pid, words in GUIDE_WORDS.items():
        if pid in c.pages:
            out[_PAGE_OF["page"].format(pid)] = [c.pages[pid].title, *words]
    for t in c.glossary.terms:
        if t.link and not t.link.startswith("https://"):
            kind, _, target = t.link.partition(":")
            words = out.setdefault(_PAGE_OF[kind].format(target), [])
            words += [w for w in (t.abbreviation, t.term) if w and w.lower() not in {x.lower() for x in words}]
    return {path: _with_unapostrophised(words) for path, words in out.items()}


_CONTRACTION = re.compile(r"(?<=[a-zA-Z])['’](?=[a-zA-Z])")


def _with_unapostrophised(words: list[str]) -> list[str]:
    """The words, and each one written with an apostrophe also as people often type it without: "won't go to
    school" is also "wont go to school" (the separator reads "won't" as "won", and "wont" would find nothing)."""
    seen = {w.lower() for w in words}
    extra = [_CONTRACTION.sub("", w) for w in words if _CONTRACTION.search(w)]
    return words + [w for w in dict.fromkeys(extra) if w.lower() not in seen]


def front_matter(c: Content) -> dict[str, dict]:
    """Generated page -> extra front matter for Material's search: `search.boost` and `tags` (indexed in their own
    weighted field; the tags plugin is off, so they are not shown as tags on the page)."""
    out: dict[str, dict] = {path: {"tags": [html.escape(w, quote=False) for w in words]}
                            for path, words in keywords(c).items()}
    return out


def boost(path: str) -> float | None:
    """The search weight of a generated page, if it is not 1."""
    return BOOST.get(path.split("/")[0]) if "/" in path and not path.endswith("/index.md") else None


def tune(c: Content, pages: dict[str, str]) -> dict[str, str]:
    """Add the search front matter to the generated pages (each starts with a `---` front matter block)."""
    out = dict(pages)
    extras = front_matter(c)
    for path in out:
        if boost(path):
            extras.setdefault(path, {})["search"] = {"boost": boost(path)}
    for path, extra in extras.items():
        if path in out:
            lines = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in extra.items())
            out[path] = re.sub(r"\A---\n", lambda m: m.group(0) + lines, out[path], count=1)
    return out


def main() -> int:
    """Print the separator line for mkdocs.yml: `python -m scripts.site.search`."""
    print("      separator: '" + separator().replace("'", "''") + "'")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
