# Valid HTML: the current Nu HTML checker (vnu-jar from npm, run with Debian's Java) finds no error on any page of
# the built site. Material's two invalid attributes are fixed in overrides/base.html, which must stay Material's own
# base.html apart from that change.
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
MATERIAL = Path(__import__("material").__file__).parent / "templates"


def vnu(folder: Path) -> list[dict]:
    """The checker's errors for every HTML file under folder."""
    java = shutil.which("java")
    if not java or not VNU.is_file():
        pytest.fail("the HTML check needs Java (apt-get install default-jre-headless) and vnu-jar (npm ci)")
    done = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html",
                           str(folder)], capture_output=True, text=True, timeout=600)
    return json.loads(done.stderr or '{"messages": []}')["messages"]


def _lines(messages, root: Path) -> str:
    lines = [f"{m['url'].replace('file:' + str(root), '')}:{m.get('lastLine', '?')}: {m['message']}" for m in messages]
    return "\n".join(lines[:60] + ([f"... and {len(lines) - 60} more"] if len(lines) > 60 else []))


def test_every_page_is_valid_html(site):
    messages = vnu(site)
    assert messages == [], _lines(messages, site)


def test_the_checker_reports_errors(tmp_path):
    (tmp_path / "page.html").write_text('<!doctype html><html lang="en"><title>t</title>'
                                        '<input type="checkbox" autocomplete="off">')
    assert [m["message"][:42] for m in vnu(tmp_path)] == ["Attribute “autocomplete” is only allowed w"]


def test_base_template_is_materials_with_the_autocomplete_fix():
    """overrides/base.html replaces Material's whole base.html: after a Material upgrade, copy it again and repeat
    the change (tests/test_html_valid.py says which)."""
    ours = (ROOT / "overrides" / "base.html").read_text(encoding="utf-8")
    ours = re.sub(r"\A\{#-.*?-#\}\n", "", ours, flags=re.S)
    theirs = (MATERIAL / "base.html").read_text(encoding="utf-8")
    theirs = re.sub(r"\A\{#-.*?-#\}\n", "", theirs, flags=re.S)
    assert theirs.count(' autocomplete="off"') == 2
    assert ours == theirs.replace(' autocomplete="off"', ""), "Material's base.html changed: copy it again"


@pytest.mark.parametrize("partial", ["search.html", "toc.html"])
def test_overridden_partials_are_materials_with_one_change(partial):
    ours = (ROOT / "overrides" / "partials" / partial).read_text(encoding="utf-8")
    theirs = (MATERIAL / "partials" / partial).read_text(encoding="utf-8")
    ours_lines = re.sub(r"\A\{#-.*?-#\}\n", "", ours, flags=re.S).splitlines()
    theirs_lines = re.sub(r"\A\{#-.*?-#\}\n", "", theirs, flags=re.S).splitlines()
    assert len(ours_lines) == len(theirs_lines), f"Material's {partial} changed: copy it again"
    assert sum(a != b for a, b in zip(ours_lines, theirs_lines)) == 1, f"Material's {partial} changed: copy it again"
