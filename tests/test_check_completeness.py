"""Completeness checks: empty, untranslated, copied and truncated targets."""

from __future__ import annotations

import math

from termalign.check.completeness import (
    EMPTY,
    LENGTH_RATIO,
    LIST_ITEM,
    OMISSION,
    SAME_AS_SOURCE,
    UNTRANSLATED,
    LengthModel,
    check_completeness,
)
from termalign.model import Severity, TranslationUnit

EN = "The industrial internet plays a crucial role in promoting deep integration of the digital economy and the real economy."
ZH = "工业互联网在促进数字经济和实体经济深度融合方面发挥着至关重要的作用。"
EN_ZH = LengthModel(math.log(0.32), math.log(2.2))


def checks(unit: TranslationUnit, model: LengthModel = EN_ZH) -> list[str]:
    return [f.check for f in check_completeness(unit, model)]


def test_good_translation_passes() -> None:
    assert checks(TranslationUnit("1", EN, ZH)) == []


def test_empty_target_is_an_error_with_the_source_span() -> None:
    [item] = check_completeness(TranslationUnit("1", EN, "  "), EN_ZH)
    assert item.check == EMPTY and item.severity is Severity.ERROR
    assert item.source_spans[0].text == EN and not item.target_spans


def test_copied_and_untranslated_targets() -> None:
    assert checks(TranslationUnit("1", EN, EN)) == [SAME_AS_SOURCE]
    assert checks(TranslationUnit("1", EN, "The industrial internet plays a big role.")) == [UNTRANSLATED]
    # codes and numbers are rightly copied
    assert checks(TranslationUnit("1", "C919", "C919")) == []


def test_truncated_target_breaks_the_length_ratio() -> None:
    [item] = check_completeness(TranslationUnit("1", EN, "工业互联网。"), EN_ZH)
    assert item.check == LENGTH_RATIO and "shorter" in item.message and "missing" in item.message


def test_length_model_learns_the_run_ratio() -> None:
    units = [TranslationUnit(str(i), EN, ZH) for i in range(40)]
    model = LengthModel.learn(units)
    assert math.isclose(model.expected_ratio(), len(ZH) / len(EN.replace(" ", "")), rel_tol=1e-9)
    assert model.tolerance == math.log(2.2)
    # too few pairs: the English→Chinese prior
    assert math.isclose(LengthModel.learn(units[:3]).expected_ratio(), 0.32)


def test_missing_list_item_marker() -> None:
    # t05.p07 of the bundled transcript: the Chinese lost its 四是 sentence
    source = "Fourth, supporting facilities have been increasingly optimized. As of the end of 2022, 5.21 million charging piles had been built."
    target = "截至2022年底，全国累计建成充电桩521万台。"
    findings = check_completeness(TranslationUnit("1", source, target), EN_ZH)
    assert [f.check for f in findings] == [LIST_ITEM]
    assert findings[0].source_spans[0].text == "Fourth" and "item 4" in findings[0].message
    kept = "四是配套环境日益优化。截至2022年底，全国累计建成充电桩521万台。"
    assert check_completeness(TranslationUnit("1", source, kept), EN_ZH) == []


def test_dropped_formula_sentence_is_an_omission() -> None:
    source = "Thank you. In recent years, the new energy vehicle industry has maintained rapid development."
    [item] = check_completeness(TranslationUnit("1", source, "近年来，新能源汽车产业保持快速发展。"), EN_ZH)
    assert item.check == OMISSION and item.source_spans[0].text == "Thank you."
    assert check_completeness(TranslationUnit("1", source, "谢谢。近年来，新能源汽车产业保持快速发展。"), EN_ZH) == []
