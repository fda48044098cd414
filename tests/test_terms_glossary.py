"""The reviewed glossary shipped in glossaries/: what the checker relies on."""

from __future__ import annotations

import pytest

from conftest import GLOSSARIES, SEED_TERMS
from termalign.formats import read_glossary
from termalign.formats.tables import read_glossary_table
from termalign.model import Glossary, TermStatus

STEM = "scio-2023-01-18-miit.glossary"
TARGETS = SEED_TERMS


@pytest.fixture(scope="module")
def reviewed() -> Glossary:
    return read_glossary_table(GLOSSARIES / f"{STEM}.tsv")


def test_every_entry_was_reviewed(reviewed: Glossary) -> None:
    assert len(reviewed.entries) == 100
    assert all(e.note.startswith("reviewed:") for e in reviewed.entries), [e.en for e in reviewed.entries if not e.note.startswith("reviewed:")]
    counts = {s: sum(1 for e in reviewed.entries if e.status is s) for s in TermStatus}
    assert counts[TermStatus.APPROVED] + counts[TermStatus.CANDIDATE] >= 85  # real terms in the top 100


@pytest.mark.parametrize(("form", "chinese"), TARGETS.items())
def test_targets_are_approved_with_their_official_chinese(reviewed: Glossary, form: str, chinese: str) -> None:
    entry = next(e for e in reviewed.entries if form in e.en_forms)
    assert entry.status is TermStatus.APPROVED and entry.zh == chinese


def test_approved_entries_do_not_forbid_their_own_renderings(reviewed: Glossary) -> None:
    approved = [e for e in reviewed.entries if e.status is TermStatus.APPROVED]
    accepted = {z for e in approved for z in e.zh_forms}
    assert all(e.zh for e in approved)
    assert not accepted & {z for e in approved for z in e.zh_deprecated}


@pytest.mark.parametrize("name", [f"{STEM}.tbx", f"{STEM}.v2.tbx", f"{STEM}.utf8"])
def test_exchange_formats_carry_the_same_terms(reviewed: Glossary, name: str) -> None:
    other = read_glossary(GLOSSARIES / name)
    chinese = {e.en: e.zh for e in other.entries}
    for entry in reviewed.entries:
        if entry.status is TermStatus.APPROVED:
            assert chinese.get(entry.en) == entry.zh, entry.en


@pytest.mark.parametrize("name", [f"{STEM}.tbx", f"{STEM}.v2.tbx"])
def test_tbx_files_are_valid(schemas, name: str) -> None:
    from termalign.formats.validate import validate_file

    report = validate_file(GLOSSARIES / name, schemas)
    assert report.valid, [str(i) for i in report.issues[:5]]
