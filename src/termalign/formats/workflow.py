"""The termalign workflow fields CAT-tool glossaries have no column for, as one readable note.

TBX, XLSX (Phrase) and the memoQ/MultiTerm CSV carry status, score and frequencies in a note
``termalign: status=approved; score=0.8312; freq_en=12; freq_zh=10`` that translators can read
and termalign reads back on import.
"""

from __future__ import annotations

from termalign.model import GlossaryEntry, TermStatus

MACHINE_NOTE = "termalign:"


def workflow_note(entry: GlossaryEntry) -> str:
    return (
        f"{MACHINE_NOTE} status={entry.status}; score={entry.score!r}; "
        f"freq_en={entry.freq_en}; freq_zh={entry.freq_zh}"
    )


def is_workflow_note(text: str) -> bool:
    return text.startswith(MACHINE_NOTE)


def apply_workflow_note(entry: GlossaryEntry, text: str) -> bool:
    """Set status/score/frequencies from a workflow note; False (entry untouched) if it does not parse."""
    fields = {}
    for part in text[len(MACHINE_NOTE):].split(";"):
        key, _, value = part.strip().partition("=")
        if key:
            fields[key] = value.strip()
    try:
        status = TermStatus(fields.get("status", entry.status))
        score = float(fields.get("score", entry.score))
        freq_en = int(fields.get("freq_en", entry.freq_en))
        freq_zh = int(fields.get("freq_zh", entry.freq_zh))
    except ValueError:
        return False
    entry.status, entry.score, entry.freq_en, entry.freq_zh = status, score, freq_en, freq_zh
    return True
