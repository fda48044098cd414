"""Script: Traditional characters in a Simplified Chinese target, and the reverse.

The target's language tag decides which script is expected (zh-TW, zh-HK, zh-MO and
zh-Hant… expect Traditional; any other Chinese tag Simplified). Which characters belong to
the other script is `text.scripts`' knowledge (OpenCC, phrase-aware).
"""

from __future__ import annotations

from termalign.check.segments import expects_traditional, finding, is_chinese
from termalign.model import Finding, Severity, TranslationUnit
from termalign.text.scripts import simplified_spans, traditional_spans

TRADITIONAL_IN_SIMPLIFIED = "script.traditional_in_simplified"
SIMPLIFIED_IN_TRADITIONAL = "script.simplified_in_traditional"
CHECK_IDS = (TRADITIONAL_IN_SIMPLIFIED, SIMPLIFIED_IN_TRADITIONAL)

_SHOWN = 8  # characters listed in a message


def check_script(unit: TranslationUnit) -> list[Finding]:
    """At most one finding per pair, listing every stretch written in the other script."""
    if not is_chinese(unit.tgt_lang) or not unit.target.strip():
        return []
    traditional = expects_traditional(unit.tgt_lang)
    spans = simplified_spans(unit.target) if traditional else traditional_spans(unit.target)
    if not spans:
        return []
    expected, found = ("Traditional", "Simplified") if traditional else ("Simplified", "Traditional")
    shown = "、".join(s.text for s in spans[:_SHOWN]) + ("…" if len(spans) > _SHOWN else "")
    return [
        finding(
            SIMPLIFIED_IN_TRADITIONAL if traditional else TRADITIONAL_IN_SIMPLIFIED,
            Severity.ERROR,
            unit,
            f"{found} characters in a {expected} target ({unit.tgt_lang}): {shown}.",
            target_spans=tuple(spans),
        )
    ]
