# Redirect pages: told apart from real pages by their own first line (not by any meta refresh a title may hold), and
# served under the site's Content-Security-Policy. In: small built-site folders. Out: assertions.
from __future__ import annotations

import base64
import hashlib
import re
import subprocess

from scripts.checks import addresses


def test_a_title_mentioning_refresh_is_still_a_published_page(tmp_path):
    page = tmp_path / "needs" / "tricky" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text('<!doctype html>\n<html lang="en"><head><title>&lt;/title&gt;&lt;meta http-equiv="refresh" '
                    'content="0; url=https://elsewhere.example/"&gt;</title></head><body>'
                    '<h2 class="level-anchor" id="post-16-ehc">Tricky</h2></body></html>\n')
    (tmp_path / "index.html").write_text('<!doctype html>\n<html><head><meta http-equiv="refresh" content="0"></head>')
    addresses.write_redirect(tmp_path, "/needs/old/", "/needs/tricky/")
    assert addresses.published(tmp_path) == {"/", "/needs/tricky/", "/needs/tricky/#post-16-ehc"}


def test_redirect_page_has_the_csp_with_its_own_script_hash_and_escapes_the_address():
    text = addresses.redirect_html('../new/#a"></script><script>alert(1)</script>')
    assert text.startswith(addresses.REDIRECT_MARKER)
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', text).group(1)
    script = re.search(r"<script>(.*?)</script>", text, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp and "default-src 'none'" in csp and "'unsafe-inline'" not in \
        csp.split("script-src")[1].split(";")[0]
    assert text.count("<script>") == 1 and "alert(1)</script>" not in text
    # the script itself runs: it parses, and sends the visitor on with their #anchor
    run = subprocess.run(["node", "-e", "var location = {hash: '#post-16-ehc', replace: function (u) "
                          "{ console.log(u); }};\n" + script], capture_output=True, text=True, timeout=30)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == '../new/#a"></script><script>alert(1)</script>'
    plain = re.search(r"<script>(.*?)</script>", addresses.redirect_html("../new/"), re.S).group(1)
    run = subprocess.run(["node", "-e", "var location = {hash: '#post-16-ehc', replace: function (u) "
                          "{ console.log(u); }};\n" + plain], capture_output=True, text=True, timeout=30)
    assert run.stdout.strip() == "../new/#post-16-ehc", run.stderr
