# Hostile builds: unreadable or missing address files, a full disk, SIGTERM, two builds into one site/, two editions
# at once, and content that would make the build fetch from the network. In: copies of the minimal content. Out:
# one error line and exit 2 where the input is bad, the old site untouched, and no site.new-* or .old left behind.
from __future__ import annotations

import errno
import http.server
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from scripts.checks import offsite
from scripts.content import yamlsafe
from scripts.site.build import build, locked
from tests.conftest import CONFIG, MINIMAL, ROOT

SECOND = ROOT / "examples" / "second-authority"


def leftovers(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(site.name + ".")) \
        if site.parent.exists() else []


def err_lines(capsys) -> list[str]:
    return [ln for ln in capsys.readouterr().err.splitlines() if ln.strip()]


@pytest.fixture
def built(minimal, tmp_path):
    """The minimal content built once into tmp/site; returns (content, site, index.html bytes)."""
    site = tmp_path / "site"
    assert build(minimal, site, tmp_path / "docs", CONFIG) == 0
    return minimal, site, (site / "index.html").read_bytes()


def test_missing_manifest_is_an_error_that_says_make_manifest(built, tmp_path, capsys):
    content, site, before = built
    (content / "published-urls.txt").unlink()
    capsys.readouterr()
    assert build(content, site, tmp_path / "docs", CONFIG) == 2
    lines = err_lines(capsys)
    assert lines[0] == ("content/published-urls.txt: is missing, so the build cannot check that no published "
                        "address is lost; run `make manifest` to create it from a built site")
    assert lines[1:] == [f"build stopped: {site} is unchanged"]
    assert (site / "index.html").read_bytes() == before and leftovers(site) == []


@pytest.mark.parametrize("name", ["published-urls.txt", "redirects.yml"])
@pytest.mark.parametrize("how", ["not-utf8", "folder"])
def test_unreadable_manifest_or_redirects_is_one_line(built, tmp_path, capsys, name, how):
    content, site, before = built
    path = content / name
    path.unlink(missing_ok=True)
    if how == "folder":
        path.mkdir()
    else:
        path.write_bytes(b"/needs/caf\xe9/\n")
    capsys.readouterr()
    assert build(content, site, tmp_path / "docs", CONFIG) == 2
    lines = err_lines(capsys)
    assert len(lines) == 2 and lines[0].startswith(f"content/{name}: cannot be read") and "Traceback" not in lines[0]
    assert (site / "index.html").read_bytes() == before and leftovers(site) == []


def test_full_disk_while_writing_docs_is_one_line(minimal, tmp_path, capsys, monkeypatch):
    real = Path.write_bytes

    def full(self, data):
        if tmp_path / "docs" in self.parents:
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", full)
    assert build(minimal, tmp_path / "site", tmp_path / "docs", CONFIG) == 2
    lines = err_lines(capsys)
    assert len(lines) == 2 and "No space left on device" in lines[0] and lines[0].startswith("cannot write ")
    assert not (tmp_path / "site").exists() and leftovers(tmp_path / "site") == []


def _build_cmd(content: Path, site: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "scripts.site.build", "--content", str(content), "--site", str(site), *extra]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_killed_build_leaves_no_new_folder(built, tmp_path, sig):
    content, site, before = built
    proc = subprocess.Popen(_build_cmd(content, site), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    deadline = time.monotonic() + 60
    while not any(n.startswith("site.new-") for n in leftovers(site)):
        assert proc.poll() is None and time.monotonic() < deadline, "the build never started MkDocs"
        time.sleep(0.02)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + sig, err
    assert "Traceback" not in err and f"build stopped by {signal.Signals(sig).name}: {site} is unchanged" in err
    assert leftovers(site) == [] and (site / "index.html").read_bytes() == before


def test_two_builds_into_one_site_wait_for_each_other(built, tmp_path):
    content, site, _ = built
    # a build that finds the site locked says so in one line, waits, and builds once the lock is free
    with locked(site):
        proc = subprocess.Popen(_build_cmd(content, site), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        assert proc.stderr.readline().strip() == f"waiting for another build into {site} to finish"
        time.sleep(0.5)
        assert proc.poll() is None  # still waiting
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    # two at once: both succeed, one after the other, and nothing is left beside the site
    procs = [subprocess.Popen(_build_cmd(content, site), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(2)]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    assert leftovers(site) == [] and (site / "index.html").is_file()


def test_readme_recipe_builds_two_editions_at_once(tmp_path):
    """`make site CONTENT=… CONFIG=… SITE=…` twice at once, as the README says: each site holds only its own
    authority's name and needs."""
    sites = {"first": tmp_path / "first", "second": tmp_path / "second"}
    contents = {"first": MINIMAL, "second": SECOND}
    procs = {k: subprocess.Popen(["make", "-s", "site", f"CONTENT={contents[k]}", f"CONFIG={contents[k]}/authority.yml",
                                  f"SITE={sites[k]}", "OFFLINE=0"], cwd=ROOT, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True) for k in sites}
    results = {k: p.communicate(timeout=600) for k, p in procs.items()}
    assert {k: p.returncode for k, p in procs.items()} == {"first": 0, "second": 0}, results
    assert "waiting for another build" not in "".join(e for _, e in results.values())  # they ran side by side
    for k, site in sites.items():
        other = sites["second" if k == "first" else "first"]
        own_needs = {p.stem for p in (contents[k] / "needs").glob("*.yml")}
        other_needs = {p.stem for p in (contents["second" if k == "first" else "first"] / "needs").glob("*.yml")}
        built_needs = {p.name for p in (site / "needs").iterdir() if p.is_dir()}
        assert built_needs == own_needs, (k, built_needs ^ own_needs)
        assert not (other_needs - own_needs) & built_needs
        name = yamlsafe.safe_load((contents[k] / "authority.yml").read_text())["name"]
        assert name in (site / "index.html").read_text()
        assert leftovers(site) == [] and other.is_dir()


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_GET(self):  # noqa: N802 - http.server's name
        type(self).seen.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "application/javascript")
        self.end_headers()
        self.wfile.write(b"alert('fetched at build time')")

    def log_message(self, *args):
        pass


@pytest.fixture
def listener():
    _Recorder.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _Recorder.seen
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("markup", [
    '<img src="{url}/pixel.png" alt="">', "![A picture]({url}/pic.png)", '<script src="{url}/evil.js"></script>',
    '<link rel="stylesheet" href="{url}/x.css">', '<p style="background: url({url}/bg.png)">Hi</p>',
    '<img srcset="{url}/a.png 1x, {url}/b.png 2x" alt="">', '<iframe src="//127.0.0.1:9/frame"></iframe>'])
def test_external_asset_in_a_page_is_refused_and_nothing_is_fetched(minimal, tmp_path, capsys, listener, markup):
    url, seen = listener
    page = minimal / "pages" / "about.md"
    text = page.read_text()
    page.write_text(text + "\n" + markup.format(url=url) + "\n")
    line = len(text.splitlines()) + 2
    assert build(minimal, tmp_path / "site", tmp_path / "docs", CONFIG) == 2
    lines = err_lines(capsys)
    assert lines[0].startswith(f"content/pages/about.md:{line}: external asset ") and "other sites" in lines[0], lines
    assert "127.0.0.1" in lines[0]
    assert seen == [] and not (tmp_path / "site").exists()


def test_hostile_title_with_a_script_address_builds_without_any_request(minimal, tmp_path, listener):
    url, seen = listener
    need = minimal / "needs" / "talking.yml"
    hostile = f'Talking <script src="{url}/evil.js"></script> difficulties'
    need.write_text(need.read_text().replace("title: Talking difficulties", f"title: '{hostile}'"))
    assert build(minimal, tmp_path / "site", tmp_path / "docs", CONFIG) == 0
    assert seen == []
    site = tmp_path / "site"
    assert not (site / "assets" / "external").exists()
    html = (site / "needs" / "talking" / "index.html").read_text()
    assert f'<script src="{url}' not in html


def test_gitignore_lists_the_cache():
    assert ".cache/" in (ROOT / ".gitignore").read_text().splitlines()


def test_headers_file_has_permissions_policy_and_hsts(built):
    _, site, _ = built
    lines = [ln.strip() for ln in (site / "_headers").read_text().splitlines()]
    policy = next(ln for ln in lines if ln.startswith("Permissions-Policy: "))
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in policy
    assert "Strict-Transport-Security: max-age=31536000; includeSubDomains" in lines
    assert any(ln.startswith("Content-Security-Policy: ") for ln in lines)


@pytest.mark.parametrize("html", [
    '<p style="background: url(//cdn.example/a.png)">', "<P\tSTYLE = 'background: url(\"https://cdn.example/a.png\")'>",
    '<p>İstanbul</p><div style="x" Style="background:url(https://cdn.example/a.png)">',
    '<p class="style">style</p><span data-x="1" style=background:url(//cdn.example/a.png)>'])
def test_a_style_attribute_that_loads_from_another_host_is_found_in_any_case(html):
    assert [url for _, url in offsite.find(html)] in (["//cdn.example/a.png"], ["https://cdn.example/a.png"])
    kept = html.replace("https://cdn.example/", "/").replace("//cdn.example/", "/")  # the file kept on the site
    assert offsite.find(kept) == []
