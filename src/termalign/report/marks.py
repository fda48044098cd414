"""What the alignment report highlights in a bead: glossary terms and numbers that do not match.

The knowledge lives in `termalign.text` (term matching, number extraction and cross-language
number equality); this module only turns its answers into `Mark`s per sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from termalign.model import Alignment, Bead, Glossary, GlossaryEntry, Lang, Sentence
from termalign.report.html import LANG_JOIN, LANG_NAME, LANG_TAG, Mark
from termalign.text.numbers import NumberMention, extract_numbers, match_numbers

if TYPE_CHECKING:
    from termalign.check.terms import TermHit, TermIndex

NUMBER_CSS = "num"
TERM_CSS = "term"


@dataclass(slots=True)
class BeadMarks:
    """The bead's sentences on each side, each with its highlights."""

    src: list[tuple[str, list[Mark]]]
    tgt: list[tuple[str, list[Mark]]]
    numbers_differ: bool = False


class BeadMarker:
    """Computes the highlights of the beads of one alignment (each sentence lies in one bead, so
    its numbers and terms are found once)."""

    def __init__(self, alignment: Alignment, glossary: Glossary | None = None) -> None:
        self.src_sentences: list[Sentence] = alignment.src.sentences
        self.tgt_sentences: list[Sentence] = alignment.tgt.sentences
        self.src_lang, self.tgt_lang = alignment.src.lang, alignment.tgt.lang
        self.src_tag, self.tgt_tag = LANG_TAG[self.src_lang], LANG_TAG[self.tgt_lang]
        self.src_join, self.tgt_join = LANG_JOIN[self.src_lang], LANG_JOIN[self.tgt_lang]
        # The checker's compiled glossary: one Aho-Corasick pass per sentence, whatever its size.
        # (Imported here: a report without a glossary does not load the term matcher.)
        self.terms: TermIndex | None = None
        if glossary is not None and glossary.entries:
            from termalign.check.terms import TermIndex

            self.terms = TermIndex(glossary)

    def marks(self, bead: Bead) -> BeadMarks:
        src = [self.src_sentences[i].text for i in bead.src]
        tgt = [self.tgt_sentences[i].text for i in bead.tgt]
        src_marks: list[list[Mark]] = [[] for _ in src]
        tgt_marks: list[list[Mark]] = [[] for _ in tgt]
        differ = False
        if src and tgt:  # an unmatched bead has nothing to compare its numbers with
            differ = self._number_marks(src, tgt, src_marks, tgt_marks)
        if self.terms is not None:
            self._term_marks(src, tgt, src_marks, tgt_marks)
        return BeadMarks(list(zip(src, src_marks)), list(zip(tgt, tgt_marks)), differ)

    def _term_marks(
        self, src: list[str], tgt: list[str], src_marks: list[list[Mark]], tgt_marks: list[list[Mark]]
    ) -> None:
        """Mark glossary terms on both sides; say whether each found its counterpart in the bead.

        A term whose entry appears on both sides is evidence the bead is right; one found on a
        side only (`term lone`) is a hint it is not, or that the translation strays from the
        glossary.
        """
        from termalign.check.terms import FormKind, leftmost_longest

        terms = self.terms
        assert terms is not None

        def hits(text: str, lang: Lang) -> list[TermHit]:
            found = terms.english_hits(text) if lang is Lang.EN else terms.chinese_hits(text)
            return leftmost_longest(found)

        def entries(side: list[list[TermHit]]) -> set[int]:
            # a term counts as rendered by its English forms or its accepted Chinese ones
            return {h.entry for found in side for h in found if h.kind is not FormKind.DEPRECATED}

        src_hits = [hits(text, self.src_lang) for text in src]
        tgt_hits = [hits(text, self.tgt_lang) for text in tgt]
        src_entries, tgt_entries = entries(src_hits), entries(tgt_hits)
        for side_hits, side_marks, other, other_entries, other_text in (
            (src_hits, src_marks, LANG_NAME[self.tgt_lang], tgt_entries, tgt),
            (tgt_hits, tgt_marks, LANG_NAME[self.src_lang], src_entries, src),
        ):
            for found, marks in zip(side_hits, side_marks):
                for hit in found:
                    paired = hit.entry in other_entries or not other_text
                    marks.append(self._term_mark(hit, paired, other))

    def _term_mark(self, hit: TermHit, paired: bool, other: str) -> Mark:
        from termalign.check.terms import FormKind

        assert self.terms is not None
        entry = self.terms.entries[hit.entry]
        css = TERM_CSS
        note = f"Glossary: {_entry_summary(entry)}"
        if hit.kind is FormKind.DEPRECATED:
            css += " deprecated"
            note = f"Glossary: {hit.form} is a deprecated rendering; {_entry_summary(entry)}"
        elif not paired:
            css += " lone"
            note += f" (not found in the {other} of this bead)"
        return Mark(hit.start, hit.end, css, note)

    def _number_marks(
        self, src: list[str], tgt: list[str], src_marks: list[list[Mark]], tgt_marks: list[list[Mark]]
    ) -> bool:
        """Mark the numbers of one side that have no equal on the other; True when any was marked.

        Small numbers written in words and list markers (`weak`) are left alone: translators
        drop and add them freely, so a leftover one is no sign of a wrong pair.
        """
        src_found = _mentions(src, self.src_lang)
        tgt_found = _mentions(tgt, self.tgt_lang)
        match = match_numbers([m for _, m in src_found], [m for _, m in tgt_found])
        changed = {id(s): t for s, t in match.changed()} | {id(t): s for s, t in match.changed()}
        where = {id(m): k for k, m in (*src_found, *tgt_found)}
        marked = False
        for leftovers, marks, other in (
            (match.source_only, src_marks, LANG_NAME[self.tgt_lang]),
            (match.target_only, tgt_marks, LANG_NAME[self.src_lang]),
        ):
            for mention in leftovers:
                if mention.weak:
                    continue
                counterpart = changed.get(id(mention))
                hint = f" (changed to or from {counterpart.text}?)" if counterpart is not None else ""
                note = f"Number: {mention.text} has no equal in the {other}{hint}"
                marks[where[id(mention)]].append(Mark(mention.start, mention.end, NUMBER_CSS, note))
                marked = True
        return marked


def _mentions(sentences: list[str], lang: Lang) -> list[tuple[int, NumberMention]]:
    """Number mentions of each sentence in order, with the sentence's position in the bead."""
    return [(k, m) for k, text in enumerate(sentences) for m in extract_numbers(text, lang.value)]


def _entry_summary(entry: GlossaryEntry) -> str:
    """One line giving a glossary entry: the term, its renderings, status and category."""
    english = " / ".join(entry.en_forms)
    chinese = "、".join(entry.zh_forms) or "(no rendering)"
    extra = [entry.status.value, entry.category.value]
    if entry.zh_deprecated:
        extra.append("not: " + "、".join(entry.zh_deprecated))
    return f"{english} → {chinese} ({'; '.join(extra)})"
