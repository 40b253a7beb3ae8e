# Statutory timescales: every number on the guide pages and level files agrees with scripts/checks/statutory.py,
# and the checker really fails when a number is wrong.
import re
import xml.etree.ElementTree as ET

import pytest

from scripts.checks import statutory as st
from tests.conftest import CONTENT

PAGES = sorted((CONTENT / "pages").glob("*.md"))
LEVELS = sorted((CONTENT / "levels").glob("*.yml"))
SVG_NS = "{http://www.w3.org/2000/svg}"


def test_the_constants_are_the_law():
    # The numbers in DESIGN.md "Facts the content must get right". Change both together, never one.
    assert st.WEEKS_TO_DECIDE_WHETHER_TO_ASSESS == 6
    assert st.WEEKS_TO_NOTIFY_NOT_ISSUING_PLAN == 16
    assert st.DAYS_TO_COMMENT_ON_DRAFT_PLAN == 15
    assert st.WEEKS_TO_FINAL_PLAN == 20
    assert st.MONTHS_BETWEEN_REVIEWS == 12
    assert st.MONTHS_TO_APPEAL == 2
    assert st.PREPARING_FOR_ADULTHOOD_FROM_YEAR == 9
    assert st.PARENT_MEETINGS_PER_YEAR == 3
    assert st.WEEKS_TO_DECIDE_AFTER_REVIEW == 4
    assert (st.WEEKS_NOTICE_OF_ANNUAL_REVIEW, st.WEEKS_ADVICE_BEFORE_ANNUAL_REVIEW, st.WEEKS_TO_SEND_REVIEW_REPORT) == (2, 2, 2)
    assert st.MONTHS_TO_APPEAL_AFTER_MEDIATION_CERTIFICATE == 1
    assert (st.SCHOOL_DAYS_OF_SUSPENSION_A_TERM_BEFORE_GOVERNORS_MUST_MEET,
            st.SCHOOL_DAYS_OF_SUSPENSION_A_TERM_BEFORE_GOVERNORS_MUST_MEET_IF_ASKED) == (15, 5)
    assert st.show(st.PHASE_TRANSFER_BETWEEN_SCHOOL_PHASES, "date") == "15 February"
    assert st.show(st.PHASE_TRANSFER_INTO_POST_16, "date") == "31 March"
    assert len(st.BY_KEY) == len(st.TIMESCALES)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_page_numbers_match_the_constants(path):
    assert st.problems(path.read_text(encoding="utf-8"), strict=True) == []


@pytest.mark.parametrize("path", LEVELS, ids=lambda p: p.stem)
def test_level_numbers_match_the_constants(path):
    assert st.problems(st.level_texts(path), strict=False) == []


def test_every_timescale_is_stated_somewhere():
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in PAGES)
    stated = {m.key for m in st.mentions(text)}
    assert set(st.BY_KEY) - stated == set()


def test_whole_folder_check_and_command(capsys):
    assert st.check_content(CONTENT) == []
    assert st.main([str(CONTENT)]) == 0
    assert "agree" in capsys.readouterr().out


# ---------------------------------------------------------------- the checker must catch wrong numbers

WRONG = [
    ("The council must decide whether to assess within 8 weeks of the request.", "weeks_to_decide_whether_to_assess"),
    ("If it decides not to issue a plan, it must tell you within 12 weeks.", "weeks_to_notify_not_issuing_plan"),
    ("You have 10 days to comment on the draft plan.", "days_to_comment_on_draft_plan"),
    ("You have fourteen days to comment on the draft.", "days_to_comment_on_draft_plan"),
    ("The final EHC plan must be issued within 18 weeks.", "weeks_to_final_plan"),
    ("By week 26, the final plan.", "weeks_to_final_plan"),
    ("The local authority must decide within 2 weeks of the review meeting.", "weeks_to_decide_after_review"),
    ("An EHC plan must be reviewed at least every 6 months.", "months_between_reviews"),
    ("You can appeal within 3 months of the decision letter.", "months_to_appeal"),
    ("For a child under 5, the local authority should consider reviewing the plan every 3 to 9 months.",
     "months_between_reviews_under_5"),
    ("Or, if later, 2 months after the date on the mediation certificate.", "months_to_appeal_after_mediation_certificate"),
    ("Make the claim within 3 months of the discrimination.", "months_to_claim_disability_discrimination"),
    ("From Year 10, reviews look at preparing for adulthood.", "preparing_for_adulthood_from_year"),
    ("Schools should meet parents at least twice a year.", "parent_meetings_per_year"),
    ("Schools should meet parents 4 times each year.", "parent_meetings_per_year"),
    ("The school must give at least 3 weeks' notice of the meeting.", "weeks_notice_of_annual_review"),
    ("The advice must be sent out at least 1 week before the meeting.", "weeks_advice_before_annual_review"),
    ("It must send the report to everyone within 4 weeks of the meeting.", "weeks_to_send_review_report"),
    ("| The local authority decides whether to keep, change or end the plan | Within 6 weeks |", "weeks_to_decide_after_review"),
    ("You must ask for an independent review within 20 school days.", "school_days_to_ask_for_independent_review"),
    ("A pupil can be suspended for up to 90 school days in a year.", "school_days_of_suspension_a_year"),
    ("The governors must meet when suspensions add up to more than 10 school days in a term.",
     "school_days_of_suspension_a_term_before_governors_must_meet"),
    ("If you ask, they must also meet when suspensions add up to more than 10 school days, in the same term.",
     "school_days_of_suspension_a_term_before_governors_must_meet_if_asked"),
    ("For a move from primary to secondary school, the plan must be amended by 31 March.", "phase_transfer_between_school_phases"),
    ("For a move into post-16 education, the plan must be amended by 15 February.", "phase_transfer_into_post_16"),
]


@pytest.mark.parametrize("sentence,key", WRONG, ids=[k for _, k in WRONG])
def test_a_wrong_number_fails(sentence, key):
    found = [m for m in st.mentions(sentence) if m.key == key]
    assert found, f"the checker did not recognise {sentence!r} as {key}"
    errors = st.problems(sentence)
    assert errors and "but the law says" in errors[0]


def test_a_right_number_in_the_same_words_passes():
    right = ("The council must decide whether to assess within 6 weeks of the request. "
             "You have fifteen days to comment on the draft plan. The final EHC plan must be issued within 20 weeks. "
             "You can appeal within 2 months of the decision letter. Or, if later, 1 month after the mediation "
             "certificate. Schools should meet parents at least three times a year. From Year 9, reviews look at "
             "preparing for adulthood.")
    assert st.problems(right) == []
    assert len(st.mentions(right)) == 7


def test_two_numbers_in_one_sentence_pair_with_their_own_words():
    text = "The whole process must take 20 weeks, and a notice of no plan must come within 16 weeks."
    assert [(m.number, m.key) for m in st.mentions(text)] == [
        (20, "weeks_to_final_plan"), (16, "weeks_to_notify_not_issuing_plan")]
    swapped = "The whole process must take 16 weeks, and a notice of no plan must come within 20 weeks."
    assert len(st.problems(swapped)) == 2


def test_an_unexplained_number_fails_on_pages_only():
    text = "Reviews happen every 8 weeks. Year 11 is busy."
    assert len(st.problems(text, strict=True)) == 1
    assert "not a statutory timescale" in st.problems(text, strict=True)[0]
    assert st.problems(text, strict=False) == []


def test_a_wrong_page_fails_the_folder_check(minimal, capsys):
    (minimal / "pages").mkdir(exist_ok=True)
    (minimal / "pages" / "wrong.md").write_text(
        "---\ntitle: Wrong\ndescription: Wrong.\n---\n\nThe final EHC plan must be issued within 22 weeks.\n")
    (minimal / "levels").mkdir(exist_ok=True)
    (minimal / "levels" / "extra.yml").write_text("description:\n  - Schools should meet parents twice each year.\n")
    errors = st.check_content(minimal)
    assert len(errors) == 2, errors
    assert "wrong.md" in errors[0] and "22" in errors[0]
    assert "extra.yml" in errors[1] and "twice" in errors[1]
    (minimal / "levels" / "sen-support.yml").write_text("title: SEN Support\nsummary: S.\ndescription:\n  - SEN Support is planned help.\n")
    s19 = [e for e in st.check_content(minimal) if "section_19_at_every_level" in e]
    assert len(s19) == 1 and "levels/sen-support.yml" in s19[0]
    assert st.main([str(minimal)]) == 2
    assert "22" in capsys.readouterr().err


def test_markdown_is_split_into_sentences_list_items_and_rows():
    md = ("# Title\n\nFirst sentence. Second\nsentence on two lines.\n\n- item one\n- item\n  two\n\n"
          "| a | b |\n|---|---|\n| 1 | 2 |\n\n<svg><text>Week 3</text></svg>\n\nA [link](x.md#a) here.")
    assert st.sentences(md) == ["# Title", "First sentence.", "Second sentence on two lines.", "- item one",
                                "- item two", "| a | b |", "|---|---|", "| 1 | 2 |", "A [link] here."]


# ---------------------------------------------------------------- the timeline graphic


def _timeline():
    """The page as generated: the timeline is drawn by scripts/site/pictures.py where the page has its marker."""
    from scripts.site import pictures

    raw = (CONTENT / "pages" / "requesting-an-ehc-needs-assessment.md").read_text(encoding="utf-8")
    assert "<!-- picture: ehc-timeline -->" in raw, "the EHC needs assessment page does not place its timeline"
    text = pictures.place("requesting-an-ehc-needs-assessment", raw)
    svg = re.search(r"<svg\b.*?</svg>", text, re.S)
    assert svg, "the EHC needs assessment page has no inline SVG timeline"
    return text, ET.fromstring(svg.group(0))


def test_timeline_svg_is_accessible():
    text, root = _timeline()
    assert root.get("role") == "img"
    labelled_by = root.get("aria-labelledby", "").split()
    title, desc = root.find(SVG_NS + "title"), root.find(SVG_NS + "desc")
    assert title is not None and title.text.strip()
    assert desc is not None and desc.text.strip()
    assert labelled_by == [title.get("id"), desc.get("id")]
    # a text equivalent on the page: an ordered list under a heading that says so
    after = text[text.index("</svg>"):]
    assert re.search(r"^#+ The timeline in words", after, re.M)
    items = re.findall(r"^\d+\. .+", after, re.M)
    assert len(items) >= 5


def test_timeline_svg_numbers_match_the_constants():
    text, root = _timeline()
    labels = [" ".join(t.strip() for t in el.itertext()) for el in root.iter(SVG_NS + "text")]
    labels.append(root.find(SVG_NS + "desc").text)
    keys = set()
    for label in labels:
        assert st.problems(label) == [], label
        keys |= {m.key for m in st.mentions(label)}
    assert {"weeks_to_decide_whether_to_assess", "weeks_to_notify_not_issuing_plan",
            "days_to_comment_on_draft_plan", "weeks_to_final_plan"} <= keys
    # and the words below the graphic state the same four deadlines
    words = text[text.index("### The timeline in words"):text.index("## If the answer is no")]
    assert {m.key for m in st.mentions(words)} >= {"weeks_to_decide_whether_to_assess", "weeks_to_final_plan",
                                                     "weeks_to_notify_not_issuing_plan", "days_to_comment_on_draft_plan"}


def test_a_wrong_number_in_a_need_file_fails_the_folder_check(minimal):
    need = minimal / "needs" / "talking.yml"
    need.write_text(need.read_text().replace("Finds talking hard.",
                                             "The council must decide within 8 weeks whether to assess.", 1))
    errors = st.check_content(minimal)
    assert len(errors) == 1 and "needs/talking.yml" in errors[0] and "says 8 but the law says 6" in errors[0]


def test_results_are_kept_for_unchanged_files_and_an_edit_is_checked_again(minimal, tmp_path, monkeypatch):
    monkeypatch.setattr(st._Kept, "PATH", tmp_path / "cache" / "statutory.json")
    assert st.check_content(minimal) == []  # the first run checks every file and keeps the results
    assert (tmp_path / "cache" / "statutory.json").is_file()
    need = minimal / "needs" / "talking.yml"
    good = need.read_text()
    need.write_text(good.replace("Finds talking hard.", "The council must decide within 8 weeks whether to assess.", 1))
    page = next((minimal / "pages").glob("*.md"))
    page.write_text(page.read_text() + "\nThe council must decide whether to assess within 8 weeks.\n")
    for _ in range(2):  # found when the files change, and found again from what was kept
        errors = st.check_content(minimal)
        assert len(errors) == 2 and all("says 8 but the law says 6" in e for e in errors)
        assert {"talking.yml", page.name} == {e.split(":")[0].rsplit("/", 1)[-1] for e in errors}
    need.write_text(good)
    assert len(st.check_content(minimal)) == 1  # the mended file passes again; the page still fails
    (tmp_path / "cache" / "statutory.json").write_text("{not json")  # a damaged cache is ignored, not trusted
    assert len(st.check_content(minimal)) == 1
    monkeypatch.setattr(st._Kept, "RULES", "changed rules")  # results kept under other rules are not used
    monkeypatch.setattr(st, "problems", lambda text, strict=True: [])
    assert st.check_content(minimal) == []


# ---------------------------------------------------------------- the wording of the law

WRONG_WORDING = [
    ("An assessment is for pupils whose help costs more than the school can fund.", "assessment_test_has_no_cost"),
    ("The council will only assess if the school has spent its own budget first.", "assessment_test_has_no_cost"),
    ("Some need more than a school can provide from its own resources, so the council can assess them.",
     "assessment_test_has_no_cost"),
    ("The help in section F should be clear and specific.", "section_f_must"),
    ("Enhanced SEN Support is a step within SEN Support, not a separate legal category.",
     "enhanced_sen_support_one_definition"),
    ("It is offered as another route to an EHC needs assessment.", "enhanced_sen_support_one_definition"),
    ("- Enhanced SEN Support is extra money for the school.", "enhanced_sen_support_one_definition"),
    ("The school sends the advice out well before the meeting.", "dates_not_vague"),
    ("The law sets dates for the transfer in the spring term.", "dates_not_vague"),
    ("Using the disagreement resolution service pauses the appeal deadline.",
     "disagreement_resolution_does_not_pause_appeals"),
    ("Discrimination claims about schools and colleges go to the SEND Tribunal.",
     "college_discrimination_claims_go_to_county_court"),
    ("From 16, the young person makes the request and the decisions for themselves.",
     "young_peoples_rights_from_end_of_year_11"),
    ("A young person aged 16 or over can ask for an EHC needs assessment.", "young_peoples_rights_from_end_of_year_11"),
]


@pytest.mark.parametrize("sentence,key", WRONG_WORDING, ids=[f"{k}-{i}" for i, (_, k) in enumerate(WRONG_WORDING)])
def test_wrong_law_is_caught(sentence, key):
    errors = st.wording_problems(sentence)
    assert [e.split(":")[0] for e in errors] == [key]
    assert "(" in errors[0] and errors[0].endswith(")")  # each error carries its reason


RIGHT_WORDING = [
    "Cost is no part of the test, so the council must not refuse to assess because of the budget.",
    "The help in section F must be detailed and specific.",
    st.ENHANCED_SEN_SUPPORT,
    "Enhanced SEN Support is an alternative to an EHC needs assessment, and you can ask for one at any time.",
    "Meet the family well before, and visit the centre if possible.",
    "Mock exam in the spring term.",
    "The disagreement resolution service does not pause the appeal deadline.",
    "Claims of discrimination against a college go to the county court, not the Tribunal.",
    "From the end of the school year in which they turn 16, the young person has the right to appeal.",
    "From 16, young people can carry on learning with the right support.",
]


@pytest.mark.parametrize("sentence", RIGHT_WORDING)
def test_right_law_passes(sentence):
    assert st.wording_problems(sentence) == []


def test_enhanced_sen_support_has_one_definition():
    # word for word once, on its own page (the content allows no repeated sentence) ...
    texts = {p: " ".join(p.read_text(encoding="utf-8").split())
             for p in sorted(CONTENT.rglob("*")) if p.suffix in (".md", ".yml") and p.is_file()}
    holders = [p for p, text in texts.items() if st.ENHANCED_SEN_SUPPORT in text]
    assert holders == [CONTENT / st.ENHANCED_SEN_SUPPORT_PAGE]
    assert texts[holders[0]].count(st.ENHANCED_SEN_SUPPORT) == 1
    assert texts[holders[0]].count(st.ENHANCED_SEN_SUPPORT_POST_16) == 1
    # ... and every element of it wherever else it is defined
    assert st.missing_statements(CONTENT) == []


def test_a_missing_statement_fails_the_folder_check(tmp_path):
    import shutil
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    disagree = root / "pages" / "if-you-disagree.md"
    disagree.write_text(disagree.read_text(encoding="utf-8").replace("not to carry out a re-assessment", "not to re-do"),
                        encoding="utf-8")
    level = root / "levels" / "sen-support.yml"
    level.write_text(level.read_text(encoding="utf-8").replace("section 19", "section 91"), encoding="utf-8")
    glossary = root / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("agreed with the parents. This area", "This area"),
                        encoding="utf-8")
    errors = st.check_content(root)
    keys = sorted(e.split(": ")[1] for e in errors)
    assert keys == ["enhanced_sen_support_definition", "refusal_to_reassess_is_appealable",
                    "section_19_at_every_level"], errors
    assert any("glossary.yml" in e and "agreed with parents" in e for e in errors)
    assert any("sen-support.yml" in e for e in errors)


def test_a_glossary_definition_is_read_with_its_term(tmp_path):
    import shutil
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    glossary = root / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    old = "Section F must be detailed and\n      specific"
    assert old in text
    glossary.write_text(text.replace(old, "It should be detailed and\n      specific"), encoding="utf-8")
    errors = st.check_content(root)
    assert len(errors) == 1 and "glossary.yml: section_f_must: 'Section F: The part" in errors[0], errors
