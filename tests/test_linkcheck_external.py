# The opt-in external link check (make linkcheck-external), run here against a site on loopback, never the internet.
import pytest

from scripts.checks import check_external
from scripts.browser import serve


def test_external_links_are_fetched_unless_allowed(tmp_path, capsys):
    other = tmp_path / "other"
    other.mkdir()
    (other / "ok.html").write_text("fine")
    site = tmp_path / "site"
    (site / "guide").mkdir(parents=True)
    with serve(other) as url:
        links = [f"{url}ok.html", f"{url}gone.html#part", "https://www.example.org/local-offer",
                 "https://guide.example/guide/", "https://guide.example/nowhere/", "http://127.0.0.1:9/refused"]
        body = "".join(f'<a href="{href}">x</a>' for href in links)
        (site / "index.html").write_text(f'<link rel="canonical" href="https://guide.example/">{body}')
        (site / "guide" / "index.html").write_text(f'<a href="{url}gone.html">again</a>')
        allow = tmp_path / "allow.yml"
        allow.write_text("- url: https://www.example.org/\n  reason: placeholder\n")
        assert check_external.main([str(site), "--allow", str(allow)]) == 1
    out = capsys.readouterr()
    assert sorted(out.err.splitlines()) == [
        f"guide/index.html (and 1 more pages): link '{url}gone.html': HTTP 404",
        "index.html: link 'http://127.0.0.1:9/refused': ConnectionError",
        "index.html: link 'https://guide.example/nowhere/': no such page in this site"]
    assert "3 external link(s) fetched, 3 problem(s)" in out.out


def test_allow_list_entries_need_a_reason(tmp_path):
    allow = tmp_path / "allow.yml"
    allow.write_text("- url: https://www.example.org/\n")
    with pytest.raises(ValueError, match="every entry needs a url and a reason"):
        check_external.load_allow(allow)


def test_the_real_allow_list_gives_reasons():
    assert all(len(e["reason"].split()) >= 5 for e in check_external.load_allow(check_external.ALLOW))
