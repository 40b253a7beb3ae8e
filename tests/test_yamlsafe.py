# Bounded YAML loading: alias bombs, duplicate keys, impossible dates, huge or deep files and thousands of errors
# each give one line per problem, fast, with no traceback. In: hostile copies of the minimal content. Out: assertions.
from __future__ import annotations

import subprocess
import sys
import time

import pytest

from scripts.content import load as loader
from scripts.content import yamlsafe
from tests.conftest import ROOT

BOMB = "".join(f"x{i}: &a{i} [" + ", ".join([f"*a{i - 1}" if i else "lol"] * 9) + "]\n" for i in range(9))


def run_load(content, timeout=60):
    """`python -m scripts.content.load` in a subprocess capped at 1 GB of memory: (exit status, stderr, seconds)."""
    start = time.monotonic()
    limit = "import resource; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30)); "
    run = subprocess.run([sys.executable, "-c", limit + "import sys; from scripts.content.load import main; sys.exit(main())",
                          str(content)], cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    return run.returncode, run.stderr, time.monotonic() - start


@pytest.mark.parametrize("where", ["id", "levels", "page-title"])
def test_alias_bomb_is_one_line_not_gigabytes(minimal, where):
    if where == "page-title":
        (minimal / "pages" / "about.md").write_text("---\n" + BOMB + "title: *a8\ndescription: About.\n---\n# About\n")
        expected = "content/pages/about.md:3: YAML aliases (*name) are not allowed in content; write the value out"
    else:
        path = minimal / "strategies" / "talk-group.yml"
        text = path.read_text()
        text = (BOMB + "id: *a8\n" + text) if where == "id" else (BOMB + text.replace("levels: [", "levels: [*a8, "))
        path.write_text(text)
        expected = ("content/strategies/talk-group.yml:2: YAML aliases (*name) are not allowed in content; "
                    "write the value out")
    code, err, seconds = run_load(minimal)
    assert code == 2 and "Traceback" not in err and "MemoryError" not in err, err
    assert err.strip().splitlines() == [expected]
    assert seconds < 20


def test_a_second_title_in_a_need_is_an_error_not_a_silent_winner(minimal, capsys):
    path = minimal / "needs" / "talking.yml"
    lines = path.read_text().splitlines(keepends=True)
    first = next(i for i, ln in enumerate(lines) if ln.startswith("title:"))
    lines.insert(first + 1, "title: Something else entirely\n")
    path.write_text("".join(lines))
    assert loader.main([str(minimal)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"content/needs/talking.yml:{first + 2}: title: duplicate key (also line {first + 1}); keep one"]


def test_thousands_of_errors_are_reported_in_seconds(minimal):
    # 5,000 unknown fields in one file: each error needs its line, and the file is parsed once, not once per error
    path = minimal / "roles" / "senco.yml"
    path.write_text(path.read_text() + "".join(f"extra-{i}: x\n" for i in range(5000)))
    code, err, seconds = run_load(minimal, timeout=60)
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 5000 and "Traceback" not in err
    assert lines[-1] == "content/roles/senco.yml:5005: extra-4999: unknown field"
    assert seconds < 15


def test_file_size_and_depth_limits_name_the_limit(minimal, capsys):
    (minimal / "roles" / "senco.yml").write_text("title: SENCO\nsummary: " + "x" * (yamlsafe.MAX_BYTES + 1) + "\n")
    (minimal / "areas" / "communication.yml").write_text("title: " + "[" * 200 + "]" * 200 + "\n")
    assert loader.main([str(minimal)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert f"content/roles/senco.yml: is {yamlsafe.MAX_BYTES + 24:,} bytes; the limit for one content file is " \
           f"{yamlsafe.MAX_BYTES:,} bytes (split it into smaller files)" in err
    assert any(x.startswith("content/areas/communication.yml:1: ") and "nested more than 50 levels deep" in x
               for x in err), err


def test_merge_keys_and_unreadable_files(minimal, capsys):
    (minimal / "roles" / "senco.yml").write_text("base: &b {title: SENCO}\n<<: *b\n")
    assert loader.main([str(minimal)]) == 2
    assert "content/roles/senco.yml:2: YAML aliases (*name) are not allowed in content; write the value out" in \
        capsys.readouterr().err
    assert yamlsafe.load("a: 1\nb: [2, 3]\n").data == {"a": 1, "b": [2, 3]}
    with pytest.raises(yamlsafe.YamlError, match="merge keys"):
        yamlsafe.load("<<: {a: 1}\n")
