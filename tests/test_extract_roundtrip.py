# Round trips: YAML -> PDF (reportlab, each layout and font) -> extract -> the same YAML, for fixed and generated content.
# In: tests/extract_fixtures.py. Out: assertions on staged needs, strategies, pages and the report.
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from scripts.extract import fwids as fw
from scripts.extract.staging import canon
from tests import extract_fixtures as fx

# Few examples, a fixed seed (the same cases every run) and no shrinking, which takes minutes on PDF round trips.
FAST = settings(max_examples=15, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    """Each fixture PDF drawn once: (path, need id -> heading page)."""
    base = tmp_path_factory.mktemp("docs")
    out = {}
    for name, kw in {"columns": {}, "rows": {"layout": "threshold-rows"},
                     "helvetica": {"font": "helvetica"},
                     "rows-long": {"layout": "threshold-rows", "data": fx.needs(long_cell=True),
                                   "first_page_number": 11}}.items():
        path = base / f"{name}.pdf"
        out[name] = (path, fx.threshold(path, **kw))
    out["binder"] = (base / "binder.pdf", fx.binder(base / "binder.pdf"))
    return out


@pytest.fixture(scope="module")
def extracted(docs, tmp_path_factory):
    """Each fixture PDF extracted once against the fixture content: name -> (staging, stdout, stderr)."""
    out = {}
    for name, (pdf, _) in docs.items():
        out[name] = extract(pdf, tmp_path_factory.mktemp(name))
    return out


def extract(pdf: Path, tmp: Path, *extra) -> tuple[Path, str, str]:
    content = tmp / "content"
    if not content.exists():
        fx.make_content(content)
    code, out, err = fx.run(pdf, "--out", tmp / "staging", "--content", content, "--jobs", "1", *extra)
    assert code == 0, err
    return tmp / "staging", out, err


@pytest.mark.parametrize("doc", ["columns", "rows", "helvetica", "rows-long"])
def test_threshold_round_trip(docs, extracted, doc):
    _, heading_pages = docs[doc]
    staging, out, err = extracted[doc]
    layout = "threshold-rows" if doc.startswith("rows") else "threshold-columns"
    assert f"used profile {layout} (detected:" in err
    want = dict(fx.needs(long_cell=doc == "rows-long"))
    for nid, need in want.items():
        got = fx.staged(staging, "needs", nid)
        assert canon(fx.without_sources(got)) == canon(need)
        [ref] = got["sources"]
        offset = 10 if doc == "rows-long" else 0
        assert ref["source"] == "local-threshold-guidance" and ref["note"] == "Edition: September 2026"
        assert ref["pages"][0] == heading_pages[nid] + offset
        assert ref["pages"] == list(range(ref["pages"][0], ref["pages"][-1] + 1))
    assert "(cid:" not in "".join(p.read_text() for p in staging.rglob("*.yml"))
    assert "cells: 68 mapped, 0 skipped" in out or doc == "rows-long"


def test_long_cell_runs_over_pages_and_stays_whole(extracted):
    staging, out, _ = extracted["rows-long"]
    got = fx.staged(staging, "needs", "autism")["phases"]["school-age"]["sen-support"]["descriptors"]
    assert got == fx.LONG_CELL
    assert got[0].startswith("Extra detail number 1,") and len(got) == 29
    assert "page numbers as printed" in out


def test_strategies_match_curated_ids_and_only_grow(extracted):
    staging, _, _ = extracted["columns"]
    for sid, s in fx.strategies().items():
        got = fx.staged(staging, "strategies", sid)
        curated = yaml.safe_load((staging.parent / "content" / "strategies" / f"{sid}.yml").read_text())
        assert got["title"] == s["title"] and got["summary"] == curated["summary"]  # a person's text is kept
        assert got["levels"] == list(fw.LEVELS) and got["phases"] == list(fw.PHASES)
        assert got["sources"][0]["source"] == "local-threshold-guidance"


def test_new_strategies_become_stubs_with_derived_fields(docs, tmp_path):
    content = fx.make_content(tmp_path / "content", with_strategies=False)
    staging, out, _ = extract(docs["columns"][0], tmp_path)
    need = fx.staged(staging, "needs", "dyslexia")["phases"]["school-age"]["universal"]
    assert need["strategies"][2] == {"strategy": "reading-pen", "note": "The pupil scans a line & hears it read aloud."}
    pen = fx.staged(staging, "strategies", "reading-pen")
    assert pen["type"] == "assistive-technology" and pen["summary"].startswith("To be written")
    assert pen["delivered_by"] == ["class-teacher", "senco", "specialist-teacher", "educational-psychologist"]
    assert fx.staged(staging, "strategies", "small-group-phonics-sessions-three-times-a-week")["type"] == "small-group"
    assert fx.staged(staging, "strategies", "now-and-next-board")["type"] == "teaching"
    assert "6 new strategies are stubs" in out  # visual-timetable is in the minimal content
    assert not (content / "needs" / "autism.yml").exists()  # extraction alone never writes content


def test_binder_round_trip(docs, extracted):
    _, first_pages = docs["binder"]
    staging, out, err = extracted["binder"]
    assert "used profile binder-chapter" in err
    for cid, chapter in fx.chapters():
        pid = {"asking-for-an-assessment": "asking-for-an-ehc-needs-assessment"}.get(cid, cid)
        got = fx.staged(staging, "pages", pid)
        assert got["title"] == chapter["title"]
        assert got["body"].strip() == chapter["body"].strip()
        assert got["description"] == chapter["body"].split(". ")[0] + "."
        assert got["sources"][0]["pages"][0] == first_pages[cid]


# ---------------------------------------------------------------- property tests

WORDS = st.sampled_from("pupil class adult teacher plan routine visual quiet group reading writing number task time "
                        "change talk listen help space lesson parent school review small step clear calm worry "
                        "choice friend notice progress record target weekly self-esteem one-to-one".split())
SENTENCE = st.lists(WORDS, min_size=1, max_size=16).map(lambda w: " ".join(w).capitalize() + ".")
ITEMS = st.lists(SENTENCE, min_size=1, max_size=3)
TITLES = [f"Strategy {w}" for w in ("alpha", "bravo", "charlie", "delta", "echo", "foxtrot")]
ROLES = sorted(fx.ROLE_TITLES)


@st.composite
def need_data(draw, title: str):
    phases = {}
    for phase in fw.PHASES:
        phases[phase] = {}
        for level in fw.LEVELS:
            ids = draw(st.lists(st.sampled_from(range(len(TITLES))), min_size=1, max_size=3, unique=True))
            refs = [{"strategy": f"s{i}", "note": draw(SENTENCE)} if draw(st.booleans()) else f"s{i}" for i in ids]
            phases[phase][level] = {"descriptors": draw(ITEMS), "assessment": draw(ITEMS), "strategies": refs,
                                    "who_may_help": draw(st.lists(st.sampled_from(ROLES), min_size=1, max_size=3,
                                                                  unique=True))}
    return {"area": draw(st.sampled_from(sorted(fx.AREA_TITLES))), "title": title,
            "also_known_as": draw(st.lists(st.sampled_from(["ABC", "long name", "another name"]), max_size=3,
                                           unique=True)),
            "summary": " ".join(draw(st.lists(SENTENCE, min_size=1, max_size=3))), "phases": phases}


def _threshold_property(layout: str, data: list[dict]) -> None:
    titles = {f"s{i}": t for i, t in enumerate(TITLES)}
    needs = sorted(((f"need-{i}", d) for i, d in enumerate(data)), key=lambda n: n[1]["area"])
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        from scripts.extract.profiles import load_profile
        from scripts.extract.render import threshold_pdf
        threshold_pdf(tmp / "doc.pdf", needs, titles, load_profile(layout), title_page=False)
        staging, _, _ = extract(tmp / "doc.pdf", tmp, "--profile", layout)
        by_title = {}
        for path in (staging / "strategies").glob("*.yml"):
            by_title[path.stem] = yaml.load(path.read_text(), Loader=yaml.CSafeLoader)["title"]
        for nid, need in needs:
            got = canon(fx.without_sources(fx.staged(staging, "needs", f"need-number-{nid.split('-')[1]}")))
            for phase in got["phases"].values():
                for level in phase.values():
                    level["strategies"] = [by_title[r] if isinstance(r, str) else {**r, "strategy": by_title[r["strategy"]]}
                                           for r in level["strategies"]]
            want = canon(need)
            for phase in want["phases"].values():
                for level in phase.values():
                    level["strategies"] = [titles[r] if isinstance(r, str) else {**r, "strategy": titles[r["strategy"]]}
                                           for r in level["strategies"]]
            assert got == want


@FAST
@given(need_data("Need number 0"))
def test_property_threshold_columns(data):
    _threshold_property("threshold-columns", [data])


@FAST
@given(need_data("Need number 0"))
def test_property_threshold_rows(data):
    _threshold_property("threshold-rows", [data])


HEADING = st.lists(WORDS, min_size=1, max_size=5).map(lambda w: " ".join(w).capitalize())
CELL = st.lists(WORDS, min_size=1, max_size=8).map(lambda w: " ".join(w).capitalize())


@st.composite
def chapter_body(draw):
    blocks, prev = [], None
    for _ in range(draw(st.integers(1, 9))):
        kind = draw(st.sampled_from(["para", "para", "bullet", "number", "heading", "subheading", "table"]))
        if kind == prev and kind in ("bullet", "number"):
            kind = "para"
        if kind == "para":
            blocks.append(" ".join(draw(st.lists(SENTENCE, min_size=1, max_size=5))))
        elif kind == "bullet":
            blocks.append("\n".join("- " + s for s in draw(st.lists(SENTENCE, min_size=1, max_size=4))))
        elif kind == "number":
            blocks.append("\n".join(f"{i}. {s}" for i, s in enumerate(draw(st.lists(SENTENCE, min_size=1, max_size=4)), 1)))
        elif kind == "heading":
            blocks.append("## " + draw(HEADING))
        elif kind == "subheading":
            blocks.append("### " + draw(HEADING))
        else:
            cols = draw(st.integers(2, 3))
            rows = draw(st.lists(st.lists(CELL, min_size=cols, max_size=cols), min_size=2, max_size=4))
            lines = ["| " + " | ".join(rows[0]) + " |", "| " + " | ".join(["---"] * cols) + " |"]
            blocks.append("\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows[1:]]))
        prev = kind
    first = " ".join(draw(st.lists(SENTENCE, min_size=1, max_size=3)))
    return "\n\n".join([first] + blocks) + "\n"


@FAST
@given(st.lists(chapter_body(), min_size=1, max_size=2))
def test_property_binder(bodies):
    chapters = [(f"c{i}", {"title": f"Chapter about topic {i}", "body": b}) for i, b in enumerate(bodies)]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        fx.binder(tmp / "binder.pdf", data=chapters)
        staging, _, _ = extract(tmp / "binder.pdf", tmp, "--profile", "binder-chapter")
        for i, (_, ch) in enumerate(chapters):
            got = fx.staged(staging, "pages", f"chapter-about-topic-{i}")
            assert got["body"].strip() == ch["body"].strip()
