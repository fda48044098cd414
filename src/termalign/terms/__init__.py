"""Terminology: bilingual glossaries of the official phrases of a text.

    extract_glossary(en_doc)                      English-only glossary (Chinese column empty)
    extract_glossary(en_doc, zh_doc)              aligns the two, then pairs terms through the beads
    extract_glossary(en_doc, alignment=alignment) uses an alignment you already have
    merge_glossaries([g1, g2, …])                 one glossary across documents

The pipeline: English candidates (`candidates_en`: recurrent phrases, acronyms, quoted and
capitalised names, noun phrases met once that their form marks) ranked by C-value × termhood ×
form → wording variants → Chinese candidates (`candidates_zh`) → pairing through the aligner's sentence beads
(`pairing`: association, CC-CEDICT, literal codes, pinyin names, titles, similarity of
meaning), which weighs in the ranking (`bilingual_weight`) → variants merged, fragments and
once-met contexts folded into the wording that names the concept, and entries built (`glossary`). The English side alone scales to a million words in well under a
minute (tools/bench/bench_terms.py).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field

from termalign.errors import InputError, UsageError
from termalign.model import Alignment, Bead, Document, DocumentKind, Glossary, Lang, Paragraph, Role, Sentence, Turn
from termalign.progress import NO_PROGRESS, Progress
from termalign.terms.candidates_en import EnCandidate, EnCandidates, Source, extract_en_candidates, phrase_starts, wording_variants
from termalign.terms.candidates_zh import ZhCandidate, zh_candidates
from termalign.terms.glossary import Draft, merge_drafts, merge_glossaries, pick_contexts, to_entry
from termalign.terms.header import HeaderLine, header_lines
from termalign.terms.heads import HeadKind
from termalign.terms.pairing import BeadTexts, Lexicon, Rendering, TermToPair, pair_terms
from termalign.text import english

__all__ = ["extract_glossary", "rank_drafts", "glossary_from_ranking", "Ranking", "merge_glossaries", "alignment_from_bead_table", "DEFAULT_TOP", "DEFAULT_MIN_FREQ"]

DEFAULT_TOP = 200
DEFAULT_MIN_FREQ = 2


def extract_glossary(
    en_doc: Document,
    zh_doc: Document | None = None,
    alignment: Alignment | None = None,
    *,
    top: int = DEFAULT_TOP,
    min_freq: int = DEFAULT_MIN_FREQ,
    lexicon: Lexicon | None = None,
    embeddings: bool = True,
    progress: Progress = NO_PROGRESS,
) -> Glossary:
    """The `top` terms of `en_doc`, with Chinese renderings when a Chinese side is given.

    `min_freq` is the fewest occurrences of a phrase found by recurrence; acronym long forms,
    quoted names and capitalised names are kept from one occurrence, since their form marks them.
    `lexicon` maps an English word or phrase to Chinese translations (default: CC-CEDICT with
    the project's supplement, `text.dictionary.translations_zh`). `embeddings` weighs in the
    similarity of meaning of a term and its best renderings (multilingual USE, the aligner's
    encoder; about two seconds more).
    """
    if top < 1 or min_freq < 1:
        raise UsageError(f"top and min_freq must be at least 1 (got top={top}, min_freq={min_freq})")
    if en_doc.lang is not Lang.EN:
        raise UsageError(f"{en_doc.doc_id}: expected an English document, got {en_doc.lang.value}")
    if zh_doc is not None and zh_doc.lang is not Lang.ZH:
        raise UsageError(f"{zh_doc.doc_id}: expected a Chinese document, got {zh_doc.lang.value}")
    if alignment is None and zh_doc is not None:
        from termalign.align import align_documents

        alignment = align_documents(en_doc, zh_doc, progress=progress)
    ranking = rank_drafts(en_doc, alignment, top=top, min_freq=min_freq, lexicon=lexicon, embeddings=embeddings, progress=progress)
    return glossary_from_ranking(ranking, top=top)


@dataclass
class Ranking:
    """The drafts of a glossary before entries are built, with what led to them: the documents,
    every English candidate, the pool paired with Chinese (scored), the drafts after merging
    (best first, not cut to `top`) and which pool draft went into which (key → key of the draft
    that took it)."""

    en_doc: Document
    alignment: Alignment | None
    persons: frozenset[str]
    found: EnCandidates
    pool: list[Draft]
    drafts: list[Draft]
    absorbed: dict[str, str]
    zh_found: dict[str, ZhCandidate] = field(default_factory=dict)
    zh_of: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    header: list[HeaderLine] = field(default_factory=list)  # the participants' titles, read as sentences too


def glossary_from_ranking(ranking: Ranking, *, top: int = DEFAULT_TOP) -> Glossary:
    """The entries of the first `top` drafts of `ranking`, with their contexts and counts."""
    en_doc = ranking.en_doc
    zh_doc = ranking.alignment.tgt if ranking.alignment is not None else None
    en_text = {s.index: (s.id, s.text) for s in en_doc.sentences}
    en_text.update((line.index, (line.id, line.en)) for line in ranking.header)
    sources = [en_doc.doc_id] + ([zh_doc.doc_id] if zh_doc is not None else [])
    zh_texts = [s.text for s in zh_doc.sentences] if zh_doc is not None else []
    zh_texts += [line.zh for line in ranking.header if line.zh]
    entries = []
    for number, draft in enumerate(ranking.drafts[:top], 1):
        zh_term = draft.best_zh
        contexts = pick_contexts(draft.sentences, en_text, ranking.zh_of, zh_term, en_doc.doc_id, zh_doc.doc_id if zh_doc else "")
        zh_freq = _zh_freq(zh_term, ranking.zh_found, zh_texts)
        entries.append(to_entry(number, draft, persons=ranking.persons, contexts=contexts, zh_freq=zh_freq, sources=sources))
    return Glossary(entries, name=en_doc.doc_id)


def rank_drafts(
    en_doc: Document,
    alignment: Alignment | None,
    *,
    top: int = DEFAULT_TOP,
    min_freq: int = DEFAULT_MIN_FREQ,
    lexicon: Lexicon | None = None,
    embeddings: bool = True,
    progress: Progress = NO_PROGRESS,
) -> Ranking:
    """The ranked drafts of `extract_glossary` (which see): candidates, wording variants,
    pairing through `alignment` when given, merging."""
    sentences = [(s.index, s.text) for s in en_doc.sentences]
    bilingual = alignment is not None
    titled = _titled_sentences(alignment) if alignment is not None else frozenset()
    header = header_lines(en_doc, alignment.tgt if alignment is not None else None)
    found = extract_en_candidates(
        sentences, min_freq=min_freq, unmarked=bilingual, titled=titled, name_lines=[(line.index, line.en) for line in header], progress=progress
    )
    ranked = sorted(found.candidates.values(), key=lambda c: (-c.score, c.key))
    size = max(2 * top, top + 50)
    pool = [_draft(c) for c in ranked[:size]]
    # with a Chinese side, the candidates ranked below the pool and the noun phrases nothing
    # marks get a second chance: they enter when their Chinese vouches for them
    second = [_draft(c) for c in (*ranked[size:], *found.unmarked.values())] if bilingual else []
    long_phrases = [d.candidate.key.split() for d in pool if d.candidate.words >= 5]
    starts = phrase_starts(found.texts, {(words[0], words[1]) for words in long_phrases if len(words) >= 2})
    for draft in pool:
        variants = wording_variants(draft.candidate, starts)
        for spelling, index in variants:
            draft.variants[spelling] += 1
            draft.sentences.append(index)
        if variants:  # wording variants are occurrences of the term too
            draft.candidate.score *= (draft.candidate.freq + len(variants)) / draft.candidate.freq
            draft.score = draft.candidate.score
    zh_found: dict[str, ZhCandidate] = {}
    zh_of: dict[int, list[tuple[str, str]]] = {}
    if alignment is not None:
        zh_sentences = alignment.tgt.sentences
        zh_header = [(line.index, line.zh) for line in header if line.zh]
        zh_found = zh_candidates([s.text for s in zh_sentences] + [text for _, text in zh_header])
        beads = BeadTexts.from_alignment(alignment).with_lines(zh_header)
        long_forms = {short: found.candidates[long].surface for short, long in found.acronyms.items() if long in found.candidates}
        pairs = pair_terms(
            [_to_pair(d) for d in pool + second], zh_found, beads, lexicon=lexicon or _default_lexicon(), acronyms=long_forms,
            similarity=phrase_similarity if embeddings else None, progress=progress,
        )
        for draft in pool + second:
            draft.zh = pairs.get(draft.candidate.key, [])
            draft.score = draft.candidate.score * bilingual_weight(draft.zh[0] if draft.zh else None)
        pool += [d for d in second if d.zh and vouches(d.zh[0])]
        for bead in alignment.beads:
            for index in bead.src:
                zh_of[index] = [(zh_sentences[j].id, zh_sentences[j].text) for j in bead.tgt]
        zh_of.update((line.index, [(line.zh_id, line.zh)]) for line in header if line.zh)
    persons = _persons(en_doc)
    for draft in pool:
        if is_person_or_date(draft.candidate, persons):
            draft.score *= _NOT_TERMINOLOGY
        elif names_two_things(draft) or is_general_word(draft):
            draft.score *= _NOT_ONE_TERM
    pool.sort(key=lambda d: (-d.score, d.candidate.key))
    absorbed: dict[str, str] = {}
    drafts = merge_drafts(pool, absorbed)
    return Ranking(en_doc, alignment, persons, found, pool, drafts, absorbed, zh_found, zh_of, header)


def _titled_sentences(alignment: Alignment) -> frozenset[int]:
    """The English sentences whose Chinese counterpart holds a title in 《》."""
    zh = alignment.tgt.sentences
    return frozenset(i for bead in alignment.beads if any("《" in zh[j].text for j in bead.tgt) for i in bead.src)


def _draft(candidate: EnCandidate) -> Draft:
    return Draft(candidate, candidate.score, sentences=list(dict.fromkeys(candidate.sentences)))


# A term whose rendering recurs with it and that the dictionary explains is one a translator can
# rely on; a rendering far more frequent than the term (dice below `_DICE_FULL`) names something
# wider than the term, as a fragment does ("projects for industrial" → 工业).
_DICE_FULL = 0.5
_DICE_FLOOR = 0.3


# A Chinese rendering vouches for a term that nothing else recommends when it is a compound of
# its own (four Han characters or more), there wherever the term is, and
# the dictionary finds every word of the term in it and explains most of it: 顶层设计 for
# "top-level design", 关键信息基础设施 for "critical information infrastructure".
_VOUCH_MIN_HAN = 4
_VOUCH_DICE = 0.5
_VOUCH_FIT = 1.0


# Persons and calendar names (Spring Festival, New Year's Day) are named, but a terminologist's
# glossary of the domain leaves them out: they keep a place, below the terms.
_NOT_TERMINOLOGY = 0.2
_CALENDAR_HEADS = frozenset("day festival year month week holiday".split())


def is_person_or_date(candidate: EnCandidate, persons: frozenset[str]) -> bool:
    """A participant of the document, a romanised personal name, or a capitalised calendar name."""
    surface = candidate.surface
    if surface in persons or any(surface in person for person in persons if len(surface) >= 4):
        return True
    words = surface.replace("'s", "").split()
    capitalised = candidate.source is Source.NAME and all(w[:1].isupper() or w in _NAME_LINKS for w in words)
    return capitalised and len(words) >= 2 and any(w.lower() in _CALENDAR_HEADS for w in words)


_NAME_LINKS = frozenset({"of", "the", "and"})


# What the Chinese side shows is not one term of the text: two things listed (风电、光伏 for
# "wind and photovoltaic power"), or a word any dictionary gives whole (集成电路 for "integrated
# circuits") named once in passing. Such entries keep a place, below the terms.
_NOT_ONE_TERM = 0.5
_ENUMERATION_COMMA = "、"


def names_two_things(draft: Draft) -> bool:
    """Is the term's rendering a list (an enumeration comma in it), where the term is no body's
    name? Official formulas that join bodies ("CPC Central Committee and the State Council",
    党中央、国务院) are named on their own."""
    return _ENUMERATION_COMMA in draft.best_zh and draft.candidate.head is not HeadKind.INSTITUTION and draft.candidate.source is not Source.NAME


def is_general_word(draft: Draft) -> bool:
    """A noun phrase met once whose rendering CC-CEDICT lists whole, with the phrase as its gloss
    ("cloud computing", 云计算): a word of the general language, which a glossary of the text's
    terms leaves out. A phrase that recurs is the text's own subject and keeps its place."""
    candidate = draft.candidate
    if candidate.source is not Source.NOUN_PHRASE or not draft.best_zh:
        return False
    from termalign.text.dictionary import is_dictionary_word

    return any(is_dictionary_word(form, draft.best_zh) for form in (candidate.surface, *draft.variants))


def vouches(best: Rendering) -> bool:
    """Is `best` a clean Chinese counterpart, enough to admit a term on the Chinese side's word?"""
    han = sum(1 for ch in best.text if "\u4e00" <= ch <= "\u9fff")
    return (
        han >= _VOUCH_MIN_HAN and best.cover >= 1.0 and best.dice >= _VOUCH_DICE and best.fit >= _VOUCH_FIT
    )


def bilingual_weight(best: Rendering | None) -> float:
    """How much the Chinese side confirms a term: (1 + the best rendering's score)², lowered when
    the rendering occurs far more often than the term."""
    if best is None:
        return 1.0
    return (1.0 + best.score) ** 2 * min(1.0, max(_DICE_FLOOR, best.dice / _DICE_FULL))


def _zh_freq(term: str, zh_found: dict[str, ZhCandidate], zh_texts: list[str]) -> int:
    """How often the Chinese text holds `term`: the candidate's count, else counted here (a
    rendering built from the dictionary or a name need not be a candidate)."""
    if not term:
        return 0
    found = zh_found.get(term)
    return found.freq if found is not None else sum(text.count(term) for text in zh_texts)


def alignment_from_bead_table(en_doc: Document, path: str | os.PathLike[str]) -> Alignment:
    """An alignment of `en_doc` read from a bead table (`formats.tables.beads_frame`: TSV,
    JSONL or Parquet). The Chinese side is rebuilt as one segment per bead, which is all the
    pairing needs; its segment ids are the bead's Chinese sentence ids."""
    from termalign.formats.tables import BEAD_SCHEMA, read_frame

    frame = read_frame(path, schema=BEAD_SCHEMA)
    count = len(en_doc.sentences)
    zh_sentences: list[Sentence] = []
    beads: list[Bead] = []
    offset = 0
    for row_number, row in enumerate(frame.iter_rows(named=True), start=2):
        try:
            src = tuple(int(i) for i in (row["src_indices"] or "").split())
        except ValueError:
            raise InputError(str(path), f"src_indices {row['src_indices']!r}: expected sentence numbers", line=row_number) from None
        if any(not 0 <= i < count for i in src):
            raise InputError(str(path), f"src_indices {row['src_indices']!r}: {en_doc.doc_id} has {count} sentences", line=row_number)
        text = row["tgt_text"] or ""
        tgt: tuple[int, ...] = ()
        if text:
            index = len(zh_sentences)
            zh_id = (row["tgt_ids"] or "").replace(" ", "+") or f"b{row_number - 1}"
            zh_sentences.append(Sentence(zh_id, index, text, offset, offset + len(text)))
            offset += len(text) + 1
            tgt = (index,)
        if src or tgt:
            beads.append(Bead(src, tgt, float(row["confidence"] or 0.0)))
    paragraphs = [Paragraph(f"b{i + 1}", [s], s.start, s.end) for i, s in enumerate(zh_sentences)]
    zh_name = str(frame["tgt_document"][0]) if frame.height and frame["tgt_document"][0] else str(path)
    zh_doc = Document(zh_name, Lang.ZH, DocumentKind.PRESPLIT, [Turn("t01", None, Role.NONE, paragraphs)])
    return Alignment(en_doc, zh_doc, beads, method=f"read from {path}")


def _to_pair(draft: Draft) -> TermToPair:
    candidate = draft.candidate
    words = tuple(w.text.lower() for w in english.word_tokens(candidate.surface) if w.text.lower() not in english.STOPWORDS)
    return TermToPair(
        candidate.key, candidate.surface, words, tuple(draft.sentences), acronym=candidate.acronym,
        name=candidate.source is Source.NAME and len(words) >= 3,
    )


_BATCH = 128


def phrase_similarity(pairs: Sequence[tuple[str, str]]) -> list[float]:
    """Cosine of the multilingual embeddings (USE, the aligner's model) of each (English,
    Chinese) pair.

    The phrases are embedded in sorted order, in fixed batches, and not through the on-disk
    cache: an embedding moves in its last bits with the batch it is computed in, so only the
    same batches give the same glossary in every run and every worker process.
    """
    if not pairs:
        return []
    texts = sorted({text for pair in pairs for text in pair})
    from termalign.align.encoder import shared_model

    encoder = shared_model()  # the aligner's model, loaded once per process
    vectors = {}
    for start in range(0, len(texts), _BATCH):
        batch = texts[start : start + _BATCH]
        vectors.update(zip(batch, encoder.encode(batch)))
    return [float(vectors[en] @ vectors[zh]) for en, zh in pairs]


def _default_lexicon() -> Lexicon:
    """CC-CEDICT with the project's supplement (`text.dictionary`, loaded on first use)."""
    from termalign.text.dictionary import translations_zh

    return translations_zh


def _persons(doc: Document) -> frozenset[str]:
    names: set[str] = {p.name for p in doc.participants}
    names.update(t.speaker for t in doc.turns if t.speaker and t.role is not Role.QUESTION)
    return frozenset(names)
