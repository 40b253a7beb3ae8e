# Valid HTML: the current Nu HTML checker (vnu-jar from npm, run with Debian's Java) finds no error on any page of
# the built site. Material's invalid attributes are fixed on the built pages by scripts/site/theme.py (tests/test_theme.py).
import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


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
