"""Completeness checks: empty, untranslated, copied and truncated targets."""

from __future__ import annotations

import math

from termalign.check.completeness import (
    EMPTY,
    LENGTH_RATIO,
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
