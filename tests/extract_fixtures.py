# Fixtures for the extractor tests: a small content folder, needs and chapters as YAML, and PDFs drawn from them.
# In: the YAML below and tests/fixtures/minimal. Out: content folders, PDFs (reportlab), and a CLI runner.
from __future__ import annotations

import contextlib
import copy
import hashlib
import io
import shutil
from pathlib import Path

import yaml

from scripts.extract import fwids as fw
from scripts.extract import cli
from scripts.extract.profiles import load_profile
from scripts.extract.render import binder_pdf, threshold_pdf
from tests.conftest import MINIMAL

# Two needs in two areas. Awkward on purpose: long bullets that wrap, a hyphenated word that breaks at its hyphen,
# names with commas in "also known as", strategy notes, quotes and ampersands, and one cell long enough to run
# over a page break.
NEEDS_YAML = """
autism:
  area: communication-and-interaction
  title: Autism
  also_known_as: [ASD, ASC, "autistic spectrum condition, or autism spectrum disorder", Asperger's]
  summary: Autistic children see, hear and feel the world differently. They may find it hard to know what others
    think & feel, and they often like routines.
  levels:
    descriptors:
      - Finds changes to the day hard, and may get upset when a lesson moves room or a teacher is away without warning.
      - Prefers to play alone or to follow their own interests.
      - Covers their ears in the dinner hall.
    assessment: [The class teacher watches the pupil in lessons and at break., Parents say what they see at home.]
    strategies:
      - visual-timetable
      - {strategy: quiet-space, note: "A calm corner with a beanbag works well for younger pupils."}
      - now-and-next-board
      - social-stories
    who_may_help: [class-teacher, senco, parents-and-carers]
dyslexia:
  area: cognition-and-learning
  title: Dyslexia
  also_known_as: [specific learning difficulty, SpLD, word blindness]
  summary: Dyslexia makes reading and spelling hard. It is not about how clever a pupil is.
  levels:
    descriptors:
      - Reads slowly and loses their place on the page.
      - Spells the same word in different ways in one piece of writing.
      - Has low self-esteem about reading aloud in front of the class.
    assessment: [A reading and spelling check by the class teacher., A specialist teacher's assessment.]
    strategies:
      - visual-timetable
      - coloured-overlays
      - {strategy: reading-pen, note: "The pupil scans a line & hears it read aloud."}
      - small-group-phonics
    who_may_help: [class-teacher, senco, specialist-teacher, educational-psychologist]
"""

STRATEGIES_YAML = """
visual-timetable: {title: Visual timetable, type: environment}
quiet-space: {title: Quiet space to calm down, type: environment}
now-and-next-board: {title: "Now and next board", type: teaching}
social-stories: {title: Social stories written with the pupil, type: individual}
coloured-overlays: {title: Coloured overlays, type: teaching}
reading-pen: {title: Reading pen, type: assistive-technology}
small-group-phonics: {title: Small-group phonics sessions three times a week, type: small-group}
"""

LONG_CELL = [f"Extra detail number {i}, written as a long bullet so that this cell runs on over the page break "
             "and has to be joined again." for i in range(1, 30)]

CHAPTERS_YAML = """
asking-for-an-assessment:
  title: Asking for an EHC needs assessment
  body: |
    An EHC needs assessment looks at what a child needs. Parents, schools and young people can ask for one.

    ## Who can ask

    The local authority must decide within 6 weeks whether to assess.

    - Parents and carers
    - The school or college, after talking to the family
    - A young person aged 16 to 25, for themselves

    ## What happens next

    1. The local authority writes to you.
    2. It asks for advice from the people who know your child & the school.
    3. It decides whether to issue a plan.

    ### Who does what

    | Who | What they do |
    | --- | --- |
    | SENCO | Gathers the school's evidence and the support plans. |
    | Parents and carers | Say what they see at home and what they want for their child. |
    | Educational psychologist | Writes advice about how the child learns. |

    If you disagree with a decision, you can ask for mediation first.
annual-reviews:
  title: Annual reviews
  body: |
    An EHC plan is reviewed at least every 12 months. From Year 9 the review looks at preparing for adulthood.

    - Employment and further study
    - Independent living
    - Friends and community
    - Good health
"""

ROLE_TITLES = {r: load_profile("threshold-rows").label("roles", r) for r in load_profile("threshold-rows").labels["roles"]}
AREA_TITLES = {a: load_profile("threshold-rows").label("areas", a) for a in load_profile("threshold-rows").labels["areas"]}


def expand(need: dict) -> dict:
    """A need written with one `levels` block (the same at every level and phase) as full content-model data."""
    need = copy.deepcopy(need)
    block = need.pop("levels")
    need["phases"] = {p: {lv: copy.deepcopy(block) for lv in fw.LEVELS} for p in fw.PHASES}
    return need


def needs(long_cell: bool = False) -> list[tuple[str, dict]]:
    out = [(nid, expand(n)) for nid, n in yaml.safe_load(NEEDS_YAML).items()]
    if long_cell:
        out[0][1]["phases"]["school-age"]["sen-support"]["descriptors"] = list(LONG_CELL)
    return out


def strategies() -> dict[str, dict]:
    return yaml.safe_load(STRATEGIES_YAML)


def strategy_titles() -> dict[str, str]:
    return {sid: s["title"] for sid, s in strategies().items()}


def chapters() -> list[tuple[str, dict]]:
    return list(yaml.safe_load(CHAPTERS_YAML).items())


def make_content(dest: Path, with_strategies: bool = True) -> Path:
    """The minimal content plus every role and area, and (optionally) the fixture strategies as curated items."""
    shutil.copytree(MINIMAL, dest)
    for rid, title in ROLE_TITLES.items():
        path = dest / "roles" / f"{rid}.yml"
        if not path.exists():
            path.write_text(yaml.dump({"title": title, "summary": f"The {title}.", "responsibilities": ["Helps."],
                                       "why": "They know the pupil."}, Dumper=yaml.CSafeDumper), encoding="utf-8")
    for aid, title in AREA_TITLES.items():
        (dest / "areas" / f"{aid}.yml").write_text(yaml.dump({"title": title, "summary": f"{title} needs."},
                                                             Dumper=yaml.CSafeDumper), encoding="utf-8")
    if with_strategies:
        for sid, s in strategies().items():
            if (dest / "strategies" / f"{sid}.yml").exists():
                continue  # visual-timetable: the minimal content's own
            data = {"title": s["title"], "summary": "A curated summary.", "steps": ["One.", "Two.", "Three."],
                    "delivered_by": ["class-teacher"], "type": s["type"], "levels": ["universal"],
                    "phases": ["school-age"]}
            (dest / "strategies" / f"{sid}.yml").write_text(yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False),
                                                            encoding="utf-8")
    return dest


def threshold(path: Path, layout: str = "threshold-columns", font: str = "dejavu", data=None, **kw) -> dict[str, int]:
    return threshold_pdf(path, data if data is not None else needs(), strategy_titles(), load_profile(layout),
                         font=font, **kw)


def binder(path: Path, data=None, **kw) -> dict[str, int]:
    return binder_pdf(path, data if data is not None else chapters(), load_profile("binder-chapter"), **kw)


def run(*args: str | Path) -> tuple[int, str, str]:
    """Run the command line in-process: (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main([str(a) for a in args])
        except SystemExit as exc:  # argparse
            code = exc.code
    return code, out.getvalue(), err.getvalue()


def tree(path: Path) -> dict[str, str]:
    """Every file under a folder with a hash of its bytes (empty when the folder does not exist)."""
    if not path.exists():
        return {}
    return {str(p.relative_to(path)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(path.rglob("*")) if p.is_file()}


def staged(staging: Path, kind: str, item_id: str) -> dict:
    text = (staging / kind / f"{item_id}{'.md' if kind == 'pages' else '.yml'}").read_text(encoding="utf-8")
    if kind == "pages":
        _, front, body = text.split("---\n", 2)
        return {**yaml.load(front, Loader=yaml.CSafeLoader), "body": body.lstrip("\n")}
    return yaml.load(text, Loader=yaml.CSafeLoader)


def without_sources(need: dict) -> dict:
    return {k: v for k, v in need.items() if k != "sources"}
