# Reuse by another local authority: a second example (examples/second-authority) builds from its configuration and
# content alone, with its own name, colours, logo and contacts; a config applies to any content; bad configs fail clearly.
import re
import subprocess
from pathlib import Path

import pytest

from scripts.content import authority as la
from scripts.checks import check_links
from scripts.content import model as m
from scripts.site.build import build, main as build_main
from scripts.site.generate import generate
from scripts.content.load import ContentErrors, load
from tests.conftest import CONFIG, MINIMAL, ROOT

EXAMPLE = ROOT / "examples" / "second-authority"
EXAMPLE_CONFIG = EXAMPLE / "authority.yml"


def signature(folder: Path):
    """Paths, sizes and modification times under folder (cheap enough for the real site)."""
    if not folder.exists():
        return None
    return sorted((str(p.relative_to(folder)), p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*"))


@pytest.fixture(scope="module")
def example_site(tmp_path_factory):
    main_site, main_docs = signature(ROOT / "site"), signature(ROOT / "build" / "docs")
    base = tmp_path_factory.mktemp("second")
    assert build_main(["--content", str(EXAMPLE), "--authority", str(EXAMPLE_CONFIG), "--site", str(base / "site"),
                       "--docs", str(base / "docs")]) == 0
    assert signature(ROOT / "site") == main_site, "building another authority touched the main site"
    assert signature(ROOT / "build" / "docs") == main_docs
    return base / "site"


def page(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_example_content_is_valid_and_complete():
    c = load(EXAMPLE)
    assert set(c.levels) == set(c.framework.level_ids) and c.needs and c.strategies and c.plans and c.pages
    assert c.authority.name == "Lowmoor County Council"


def test_example_site_carries_its_name_contacts_and_links(example_site):
    home = page(example_site, "index.html")
    assert "- Lowmoor SEND Support Finder</title>" in home
    assert "Lowmoor County Council" in home and "Example Borough" not in home
    assert 'href="mailto:send_advice@lowmoor.example"' in home and 'href="tel:01999123456"' in home
    assert 'href="https://www.lowmoor.example/local-offer"' in home
    assert "Lowmoor Independent SEND Mediation and Disagreement Service" in home
    footer = re.search(r'md-copyright__highlight">(.*?)</div>', home, re.S).group(1)
    assert "Published by Lowmoor County Council (Second edition)" in footer and "mailto:send_advice@lowmoor.example" in footer
    assert 'rel="canonical" href="https://send-support.lowmoor.example/"' in home
    assert check_links.check(example_site) == []


def test_example_site_uses_its_colours_and_logo(example_site):
    css = page(example_site, "assets/stylesheets/authority.css")
    assert "--md-primary-fg-color: #00594f;" in css and "--md-accent-fg-color: #7a2e00;" in css
    home = page(example_site, "index.html")
    assert 'href="assets/stylesheets/authority.css"' in home
    assert '<img src="assets/images/authority-logo.svg" alt="logo">' in home
    assert (example_site / "assets/images/authority-logo.svg").read_bytes() == (EXAMPLE / "logo.svg").read_bytes()


def test_hand_written_pages_get_the_authority_details(example_site):
    html = page(example_site, "guide/if-you-disagree/index.html")
    assert "Lowmoor Independent SEND Mediation and Disagreement Service" in html and "01999 654 321" in html
    assert 'href="https://www.lowmoor.example/send-disagreement"' in html
    assert "{{" not in html


def test_example_what_changed_page_comes_from_its_committed_snapshot(example_site):
    html = page(example_site, "what-changed/index.html")
    assert "compared with the First edition" in html
    # the first edition used four levels and two phases; this one uses Lowmoor's own framework, and a strategy's
    # levels and phases are compared side by side in words
    assert "<del>School age</del>" in html and "<ins>Primary</ins>" in html
    assert "Primary › Targeted support › signs" in html
    need = page(example_site, "needs/speech-language-and-communication/index.html")
    assert "last-changed" in need and 'href="../../what-changed/"' in need


def test_a_config_rebrands_other_content(tmp_path):
    c = generate(MINIMAL, tmp_path / "docs", authority=EXAMPLE_CONFIG)
    assert c.authority.site_name == "Lowmoor SEND Support Finder"
    assert c.sources["local-threshold-guidance"].publisher == "Lowmoor County Council"
    home = (tmp_path / "docs" / "index.md").read_text()
    assert "# Lowmoor SEND Support Finder" in home and "mailto:send_advice@lowmoor.example" in home
    assert (tmp_path / "docs" / "assets/images/authority-logo.svg").is_file()


def test_make_site_builds_the_content_and_config_it_is_given(tmp_path):
    # what a council types: the site built is their content under their name (not the bundled guide's)
    subprocess.run(["make", "site", "CONTENT=examples/second-authority", "CONFIG=examples/second-authority/authority.yml",
                    f"SITE={tmp_path / 'site'}", f"DOCS={tmp_path / 'docs'}", "OFFLINE=0"],
                   cwd=ROOT, capture_output=True, text=True, check=True)
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "- Lowmoor SEND Support Finder</title>" in home and "Published by Lowmoor County Council" in home
    needs = {p.parent.name for p in (tmp_path / "site" / "needs").glob("*/index.html")}
    assert needs == {p.stem for p in (EXAMPLE / "needs").glob("*.yml")}


def write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "authority.yml"
    path.write_text("name: X Council\nsite_name: X Guide\nedition: One\nedition_date: 2026-01-01\n" + text)
    return path


def test_colours_must_keep_contrast_with_white(tmp_path):
    path = write_config(tmp_path, 'colours:\n  primary: "#ffcc00"\n')
    with pytest.raises(ContentErrors) as err:
        la.read(path)
    assert re.search(r"authority\.yml:6: colours\.primary: .*#ffcc00 has a contrast of 1\.5:1", err.value.errors[0])
    assert round(m.contrast_with_white("#000000"), 1) == 21.0


@pytest.mark.parametrize("text, message", [
    ("logo: nowhere.svg\n", "logo: file 'nowhere.svg' not found"),
    ("logo: logo.gif\n", "use an .svg or .png file"),
    ("contact_email: not an email\n", "contact_email"),
    ("local_offer_url: http://insecure.example\n", "local_offer_url"),
])
def test_bad_configs_fail_with_the_field(tmp_path, text, message):
    with pytest.raises(ContentErrors) as err:
        la.read(write_config(tmp_path, text))
    assert message in "\n".join(err.value.errors)


def test_missing_config_fails_the_build_and_leaves_the_site(tmp_path, capsys):
    assert build(MINIMAL, tmp_path / "site", tmp_path / "docs", CONFIG, authority=tmp_path / "none.yml") == 2
    assert "authority configuration not found" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_placeholders(tmp_path):
    a = m.Authority(name="A_B Council", site_name="S", edition="E", edition_date="2026-02-03",
                    disagreement_service="Talk It Through")
    assert a.disagreement_service.name == "Talk It Through"
    text = "{{ authority.name }}, {{authority.disagreement_service}}, {{ authority.edition_date }}"
    assert la.fill(text, a, "p.md") == r"A\_B Council, Talk It Through, 3 February 2026"
    with pytest.raises(ContentErrors) as err:
        la.fill("Call {{ authority.disagreement_service.phone }} or {{ authority.nonsense }}", a, "pages/x.md")
    assert err.value.errors == [
        "pages/x.md: {{ authority.disagreement_service.phone }}: authority.yml has no value for it",
        "pages/x.md: {{ authority.nonsense }}: authority.yml has no value for it"]
    assert la.service(a) == {"name": "Talk It Through", "url": None, "ways": []}
    assert la.contacts(a) == [] and la.footer(a, None) == "Published by A\\_B Council (E).".replace("\\_", "_")


# ---------------------------------------------------------------- its own framework (issue 14)

LOWMOOR_LEVELS = ["inclusive", "targeted", "specialist"]
LOWMOOR_PHASES = ["primary", "secondary", "further-education"]


def test_example_uses_its_own_framework():
    c = load(EXAMPLE)
    assert list(c.framework.level_ids) == LOWMOOR_LEVELS and list(c.framework.phase_ids) == LOWMOOR_PHASES
    assert [a.title for a in c.framework.aspects] == ["What you might see", "What helps", "Who can help"]


def test_example_need_page_has_its_tabs_anchors_and_gap(example_site):
    html = page(example_site, "needs/speech-language-and-communication/index.html")
    tabs = re.findall(r'<label for="__tabbed_\d+_\d+">([^<]+)</label>', html)
    assert tabs == ["Primary (Reception to Year 6)", "Secondary (Year 7 to Year 11)", "Further education (16 to 25)"]
    for p in LOWMOOR_PHASES:
        for lv in LOWMOOR_LEVELS:
            assert f'id="{p}-{lv}"' in html, (p, lv)
    assert "school-age" not in html and "sen-support" not in html
    assert "What you might see" in html and "How it is assessed" not in html
    # further education leaves inclusive teaching out: the page says so, and nothing is filled in
    assert "This guidance does not describe this level for students aged 16 to 25." in html
    # free text in "who can help" is kept as text
    assert "Learning support tutor" in html


def test_example_finder_and_plan_builder_use_its_levels_and_phases(example_site):
    finder = page(example_site, "strategies/index.html")
    values = set(re.findall(r'name="(?:level|phase)" value="([\w-]+)"', finder))
    assert values == set(LOWMOOR_LEVELS + LOWMOOR_PHASES)
    import json
    data = json.loads(page(example_site, "data/plan-builder.json"))
    assert [lv["id"] for lv in data["levels"]] == LOWMOOR_LEVELS
    assert [p["id"] for p in data["phases"]] == LOWMOOR_PHASES
    need = data["needs"]["speech-language-and-communication"]["strategies"]
    assert "inclusive" not in need["further-education"] and need["primary"]["targeted"] == ["visual-supports", "language-group"]
    for lv in LOWMOOR_LEVELS:
        assert (example_site / "levels" / lv / "index.html").is_file()
    schema = json.loads(page(example_site, "data/needs.schema.json"))
    assert "further-education" in json.dumps(schema) and "post-16" not in json.dumps(schema)


def test_example_coverage_reports_the_gap_it_allows(capsys):
    from scripts.checks import coverage
    assert coverage.main([str(EXAMPLE)]) == 0  # its policy requires primary and secondary only
    out = capsys.readouterr().out
    assert "| speech-language-and-communication | 2/1/1 " in out and " - " in out
