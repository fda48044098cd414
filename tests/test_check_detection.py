"""The detection targets of `termalign check` on the injected-error test set.

Errors are injected into the project's Chinese version of the bundled transcript (aligned
sentence pairs stored in tests/data/check_testset/clean.tmx) by tools/check_testset.py:
swapped terms, changed numbers, dropped sentences, repeated segments translated two ways.
Targets (issue 6): recall ≥ 0.95 of injected errors; ≤ 2% of the clean segments flagged.
Issue 14, the path of a user with a plain OmegaT glossary (align → two-column TSV → OmegaT
glossary → check): ≤ 0.02 false findings per clean pair, any severity, at ≥ 0.95 recall.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from conftest import GLOSSARIES, SEED_EN, SEED_ZH
from termalign.cli import app
from termalign.formats import read_units

TOOL = Path(__file__).resolve().parent.parent / "tools" / "check_testset.py"


@pytest.fixture(scope="module")
def testset() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_testset", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_testset"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_recall_and_false_alarms_meet_the_targets(testset: ModuleType) -> None:
    result = testset.evaluate(testset.load_clean(), testset.load_glossary())
    assert result.segments >= 300
    for score in result.scores:
        assert score.injected >= 30, score.kind
        assert score.recall >= 0.95, (score.kind, [m.detail for m in score.missed])
    assert result.recall >= 0.95
    assert result.false_alarm_rate <= 0.02, result.flagged


def test_injection_is_deterministic_and_changes_each_segment_once(testset: ModuleType) -> None:
    units = testset.load_clean()
    glossary = testset.load_glossary()
    first = testset.inject_all(units, glossary)
    second = testset.inject_all(units, glossary)
    assert [(s.kind, s.injections, [(u.id, u.target) for u in s.units]) for s in first] == [
        (s.kind, s.injections, [(u.id, u.target) for u in s.units]) for s in second
    ]
    clean = {u.id: u.target for u in units}
    for injected in first[:3]:  # swaps, numbers, drops: same segments, one target changed per injection
        changed = [u.id for u in injected.units if u.target != clean[u.id]]
        assert sorted(changed) == sorted(i.segment_id for i in injected.injections)
        assert len(set(changed)) == len(changed) >= 30
    repeats = first[3]
    assert len(repeats.units) == len(units) + len(repeats.injections)
    copies = {u.id: u for u in repeats.units if "#repeat" in u.id}
    for injection in repeats.injections:
        copy = copies[injection.segment_id]
        original = next(u for u in units if u.id == injection.original_id)
        assert copy.source == original.source and copy.target != original.target


@pytest.mark.slow
def test_sentences_dropped_from_the_document_are_found_after_aligning(testset: ModuleType) -> None:
    # the path of `termalign check --source EN --target ZH`: the injected Chinese document is
    # aligned on the fly; an omission must be reported on the segments holding its English
    drops = testset.evaluate_document_drops(testset.load_glossary())
    assert drops.dropped == 40
    assert drops.detected / drops.dropped >= 0.9, drops.missed


@pytest.mark.slow
def test_plain_omegat_glossary_path_has_no_false_alarms_on_the_clean_corpus(testset: ModuleType, tmp_path: Path) -> None:
    # Issue 14, as the user did it: align the bundled pair, cut the source and target columns
    # into a header-less TSV, export the reviewed glossary for OmegaT under a .txt name, check.
    def cli(*args: str) -> None:
        result = CliRunner().invoke(app, list(args))
        assert result.exit_code == 0, result.output

    cli("align", str(SEED_EN), str(SEED_ZH), "-o", str(tmp_path / "alignment.tsv"))
    rows = [line.split("\t") for line in (tmp_path / "alignment.tsv").read_text(encoding="utf-8").splitlines()]
    source, target = rows[0].index("src_text"), rows[0].index("tgt_text")
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("".join(f"{row[source]}\t{row[target]}\n" for row in rows[1:] if row[source] and row[target]), encoding="utf-8")
    exported = tmp_path / "gloss.txt"
    cli("export", str(GLOSSARIES / "scio-2023-01-18-miit.glossary.tsv"), "--to", "omegat", "-o", str(exported))
    units = list(read_units(pairs))
    assert len(units) >= 300
    for glossary in (exported, testset.HAND_GLOSSARY):
        report = tmp_path / f"{glossary.stem}.json"
        cli("check", str(pairs), "--glossary", str(glossary), "--format", "json", "-o", str(report), "--fail-on", "never", "--quiet")
        findings = json.loads(report.read_text(encoding="utf-8"))["findings"]
        # notes of another accepted form say what the text does ("the full form 工业和信息化部
        # where the glossary gives 工信部"); every other finding on a clean text is a false one
        false = [f for f in findings if not (f["check"] == "terms.variant_form" and f["severity"] == "info")]
        assert len(false) <= 0.02 * len(units), [(f["segment"], f["check"], f["message"]) for f in false]
        assert len(findings) - len(false) <= 6, glossary.name  # one note per convention, not one per segment
        # the same pairs with errors injected, through the same reader and glossary file
        folder = tmp_path / glossary.stem
        folder.mkdir()
        result = testset.evaluate_pairs(units, glossary, folder)
        assert [s.kind for s in result.scores] == ["term_swap", "term_drop", "number_change"]
        for score in result.scores:
            assert score.injected >= 30 and score.recall >= 0.95, (glossary.name, score.kind, [m.detail for m in score.missed])
        assert len(result.false_findings) == len(false)  # the tool counts what the CLI reports
