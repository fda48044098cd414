"""The check runner: selection of checks, findings in segment order, run summary, metrics, export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from termalign.check.export import CSV_COLUMNS, report_dict, write_csv, write_json
from termalign.check.metrics import compute_metrics, pair_references
from termalign.check import runner
from termalign.check.runner import CHECK_IDS, FAMILIES, check_units, select_checks
from termalign.errors import UsageError
from termalign.formats import read_glossary
from termalign.model import Severity, TranslationUnit

GLOSSARY = read_glossary(Path(__file__).parent / "data" / "check_glossary.tsv")

# Sentences of the bundled transcript (t02.p03, t02.p05) and the project's Chinese version.
UNITS = [
    TranslationUnit(
        "s1",
        "In 2022, China's added value of industries above the designated size grew by 3.6% year on year.",
        "2022年，全国规模以上工业增加值同比增长3.6%。",
    ),
    TranslationUnit(
        "s2",
        "China built 887,000 new 5G base stations in 2022, and the total number amounted to 2.312 million.",
        "2022年全年新建5G基站88.7万个，总数达到231.2万个。",
    ),
    TranslationUnit("s3", "The number of 5G users reached 561 million.", "5G用户达到5.61亿户。"),
]


def test_clean_pairs_have_no_finding() -> None:
    report = check_units(UNITS, GLOSSARY)
    assert report.findings == []
    assert report.summary.segments == 3 and report.summary.segments_flagged == 0
    assert report.summary.checks == list(CHECK_IDS) and report.summary.glossary_entries == len(GLOSSARY.entries)


def test_findings_come_in_segment_order_with_counts() -> None:
    broken = [
        UNITS[0],
        TranslationUnit("s2", UNITS[1].source, UNITS[1].target.replace("88.7万", "87.7万").replace("5G基站", "5G基地站")),
        TranslationUnit("s3", UNITS[2].source, ""),
    ]
    report = check_units(broken, GLOSSARY)
    assert [(f.segment_id, f.check) for f in report.findings] == [
        ("s2", "terms.missing"),
        ("s2", "numbers.changed"),
        ("s3", "completeness.empty"),
    ]
    summary = report.summary
    assert summary.by_check == {"terms.missing": 1, "numbers.changed": 1, "completeness.empty": 1}
    assert summary.by_severity == {"error": 3} and summary.segments_flagged == 2
    assert len(report.failing(Severity.ERROR)) == 3


def test_check_selection_by_family_or_id() -> None:
    assert select_checks(["numbers"]) == ("numbers.changed", "numbers.missing", "numbers.extra", "numbers.approximate")
    assert select_checks(["script", "numbers.changed", "numbers"])[:3] == (
        "script.traditional_in_simplified",
        "script.simplified_in_traditional",
        "numbers.changed",
    )
    with pytest.raises(UsageError, match="unknown check 'spelling'"):
        select_checks(["spelling"])
    broken = [TranslationUnit("s3", UNITS[2].source, "")]
    assert check_units(broken, checks=["numbers"]).findings == []
    assert set(FAMILIES) == {"terms", "numbers", "consistency", "completeness", "script"}


def test_terminology_checks_are_not_listed_without_a_glossary() -> None:
    checks = check_units(UNITS).summary.checks
    assert "terms.missing" not in checks and "consistency.term_two_ways" not in checks
    assert "numbers.changed" in checks


def test_metrics_against_a_reference() -> None:
    reference = [TranslationUnit(u.id, u.source, u.target) for u in UNITS]
    perfect = check_units(UNITS, reference=reference).summary.metrics
    assert perfect is not None and perfect.bleu == pytest.approx(100.0) and perfect.ter == pytest.approx(0.0)
    assert "tok:zh" in perfect.bleu_signature and perfect.segments == 3
    worse = [TranslationUnit(u.id, u.source, u.target[: len(u.target) // 2]) for u in UNITS]
    scores = check_units(worse, reference=reference).summary.metrics
    assert scores is not None and scores.bleu < 60 and scores.chrf < 80 and scores.ter > 30


def test_references_pair_by_id_then_by_order() -> None:
    shuffled = [TranslationUnit(u.id, u.source, f"ref {u.id}") for u in reversed(UNITS)]
    assert pair_references(UNITS, shuffled) == ["ref s1", "ref s2", "ref s3"]
    renamed = [TranslationUnit(f"r{i}", u.source, f"ref {i}") for i, u in enumerate(UNITS)]
    assert pair_references(UNITS, renamed) == ["ref 0", "ref 1", "ref 2"]
    with pytest.raises(UsageError, match="reference has 2 segments"):
        pair_references(UNITS, renamed[:2])


def test_english_target_metrics_use_the_13a_tokeniser() -> None:
    sentence = "The industrial internet plays a crucial role in promoting deep integration of the digital economy."
    metrics = compute_metrics([sentence], [sentence], "en-US")
    assert "tok:13a" in metrics.bleu_signature and metrics.bleu == pytest.approx(100.0)


def test_json_and_csv_exports_carry_spans() -> None:
    broken = [TranslationUnit("s1", UNITS[0].source, UNITS[0].target.replace("3.6%", "3.5%"))]
    report = check_units(broken, GLOSSARY)
    out = io.StringIO()
    write_json(report, out)
    data = json.loads(out.getvalue())
    assert data == report_dict(report)
    [item] = data["findings"]
    assert item["check"] == "numbers.changed" and item["severity"] == "error"
    assert item["source_spans"] == [{"start": 77, "end": 81, "text": "3.6%"}]
    assert data["summary"]["segments"] == 1 and data["summary"]["findings"] == 1
    out = io.StringIO()
    write_csv(report, out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[1][:4] == ["", "s1", "numbers.changed", "error"] and rows[1][5] == "77-81"


def test_processes_give_the_same_findings_as_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "_CHUNK", 40)  # split a small run the way a large one is split
    broken = [
        TranslationUnit(f"s{i}", u.source, u.target.replace("3.6%", "3.5%").replace("5G基站", "5G基地站"))
        for i, u in enumerate(UNITS * 100)
    ]
    one = check_units(broken, GLOSSARY, jobs=1)
    two = check_units(broken, GLOSSARY, jobs=2)
    assert len(one.findings) == 200
    assert two.findings == one.findings and two.summary.by_check == one.summary.by_check


def test_a_term_rendered_two_ways_across_segments() -> None:
    source = "We will implement the 14th Five-Year Plan for the industrial internet."
    units = [
        TranslationUnit("a", source, "我们将实施工业互联网“十四五”规划。"),
        TranslationUnit("b", source.replace("We", "They"), "他们将实施工业互联网“十四五”规划。"),
        TranslationUnit("c", source.replace("We", "All"), "各方将实施工业互联网十四五时期规划。"),
    ]
    report = check_units(units, GLOSSARY)
    [item] = [f for f in report.findings if f.check == "consistency.term_two_ways"]
    assert item.segment_id == "c" and item.severity is Severity.INFO
    assert item.source_spans[0].text == "14th Five-Year Plan" and item.target_spans[0].text == "十四五时期"


def test_notes_of_one_convention_are_gathered_on_its_first_segment() -> None:
    # a terminologist's OmegaT glossary says MIIT → 工信部; the translation writes the full name
    # throughout (t10.p01.s01, t12.p01.s01, t13.p01.s01): one note, naming the other segments
    glossary = read_glossary(Path(__file__).parent / "data" / "check_testset" / "terminologist.glossary.txt")
    units = [
        TranslationUnit("q1", "What has been done by the MIIT to enhance the resilience of industrial and supply chains?", "工业和信息化部在增强产业链供应链韧性方面做了哪些工作？"),
        TranslationUnit("q2", "What's the MIIT's judgment about the next stage of their production and supply?", "工业和信息化部对下一阶段的生产供应形势有何研判？"),
        TranslationUnit("q3", "What are the future considerations of the MIIT regarding green transformation?", "工业和信息化部下一步在推动绿色转型方面有哪些考虑？"),
    ]
    for unit in units:
        unit.props["x-document"] = "a.tsv"
    [first, other] = check_units(units[1:2], glossary).findings + check_units(units[2:], glossary).findings
    assert first.message == other.message  # alike for one convention, whatever the source's wording
    report = check_units(units, glossary)
    [note] = report.findings
    assert (note.check, note.severity, note.segment_id) == ("terms.variant_form", Severity.INFO, "q1")
    assert note.message.endswith("Also in 2 other segments (q2, q3).")
    units[2].props["x-document"] = "b.tsv"
    assert [f.segment_id for f in check_units(units, glossary).findings] == ["q1", "q3"]  # one per document
