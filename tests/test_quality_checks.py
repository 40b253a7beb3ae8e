# The quality checks themselves can fail: coverage gaps, repeated sentences and hard text are caught.
from scripts.checks import coverage, quality
from scripts.site.generate import write_tree
from scripts.content.load import load


def test_coverage_table_marks_gaps(minimal, capsys):
    # the minimal content has 1 descriptor and 2 strategies per level: with our minimums every cell is a gap
    with open(minimal / "authority.yml", "a", encoding="utf-8") as f:
        f.write("coverage:\n  minimum: {descriptors: 3, strategies: 4}\n  minimum_at: {sen-support: {strategies: 5}}\n")
    assert coverage.main([str(minimal)]) == 1
    out = capsys.readouterr().out
    assert "| talking | 1/1/2/2 GAP" in out
    assert "gaps: 8" in out
    assert "talking: school-age universal: descriptors 1 < 3, strategies 2 < 4; " in out


def test_coverage_reports_invalid_content(minimal, capsys):
    (minimal / "roles" / "senco.yml").write_text("title: [\n")
    assert coverage.main([str(minimal)]) == 2
    assert quality.main([str(minimal)]) == 2


def test_repeated_long_sentences_are_found(minimal):
    sentence = "This sentence has more than twelve words in it so it must only appear once."
    need = minimal / "needs" / "talking.yml"
    need.write_text(need.read_text().replace("Finds talking hard.", sentence, 2))
    repeats = quality.repeated_sentences(load(minimal))
    assert list(repeats.values()) == [["needs/talking.phases.school-age.universal.descriptors[0]",
                                       "needs/talking.phases.school-age.sen-support.descriptors[0]"]]


def test_short_repeats_are_allowed_and_scores_reported(minimal, capsys):
    assert quality.repeated_sentences(load(minimal)) == {}
    assert quality.main([str(minimal)]) == 0
    assert "talking" in capsys.readouterr().out


def test_hard_text_scores_low(minimal, capsys):
    need = minimal / "needs" / "talking.yml"
    hard = ("Multidisciplinary neurodevelopmental assessment necessitates comprehensive interprofessional "
            "collaboration regarding individualised educational provision.")
    need.write_text(need.read_text().replace("Finds talking hard.", hard))
    c = load(minimal)
    assert quality.need_scores(c)["talking"] < quality.MIN_READING_EASE
    assert quality.hardest(c, 1)[0][2] == hard
    assert quality.main([str(minimal)]) == 1
    assert "BELOW" in capsys.readouterr().out


def test_write_tree_writes_only_changes_and_removes_stale(tmp_path):
    out = tmp_path / "docs"
    assert write_tree({"a.md": "A", "sub/b.md": "B"}, out) == 2
    assert write_tree({"a.md": "A", "sub/b.md": "B"}, out) == 0
    assert write_tree({"a.md": "A2"}, out) == 1
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*")) == ["a.md"]
