"""From an `Alignment` to the `TranslationUnit`s every bilingual format writes (TMX, XLIFF, TSV).

Each bead becomes one unit: the source sentences joined with a space, the target sentences
joined without one (Chinese), and props named as TMX prop types (user-defined, hence ``x-``):

=====================  ==========================================================
``x-document``         source document (file name without folders)
``x-target-document``  target document
``x-speaker``          speaker of the source turn (omitted when unnamed)
``x-role``             host / speaker / question / none
``x-turn``             source turn id(s), e.g. ``t03``
``x-paragraph``        source paragraph id(s), e.g. ``t03.p02`` (space-separated if several)
``x-target-paragraph`` target paragraph id(s)
``x-bead``             bead type, e.g. ``1-1``, ``2-1``
``x-confidence``       aligner confidence, 4 decimals
=====================  ==========================================================

The unit id is the source sentence id(s) joined with ``+`` (``t03.p02.s01+t03.p02.s02``), or
``zh:`` and the target ids for a bead without source sentences.
"""

from __future__ import annotations

from collections.abc import Iterator

from termalign.model import Alignment, Bead, Document, Lang, Paragraph, TranslationUnit, Turn

PROP_DOCUMENT = "x-document"
PROP_TARGET_DOCUMENT = "x-target-document"
PROP_SPEAKER = "x-speaker"
PROP_ROLE = "x-role"
PROP_TURN = "x-turn"
PROP_PARAGRAPH = "x-paragraph"
PROP_TARGET_PARAGRAPH = "x-target-paragraph"
PROP_BEAD = "x-bead"
PROP_CONFIDENCE = "x-confidence"

# The language tags units carry for our documents' languages (CAT tools want a region).
LANG_TAGS = {Lang.EN: "en-US", Lang.ZH: "zh-CN"}


def alignment_units(
    alignment: Alignment,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    include_null: bool = False,
) -> Iterator[TranslationUnit]:
    """One unit per bead, in bead order. 1-0 and 0-1 beads are skipped unless `include_null`:
    a translation memory entry with an empty side would teach a CAT tool to delete text.

    The units' languages are `src_lang` and `tgt_lang`, else the documents' own (`LANG_TAGS`).
    """
    src_lang = src_lang or LANG_TAGS[alignment.src.lang]
    tgt_lang = tgt_lang or LANG_TAGS[alignment.tgt.lang]
    src_places = _places(alignment.src)
    tgt_places = _places(alignment.tgt)
    src_sentences = alignment.src.sentences
    tgt_sentences = alignment.tgt.sentences
    for bead in alignment.beads:
        if bead.is_null and not include_null:
            continue
        if bead.src:
            unit_id = "+".join(src_sentences[i].id for i in bead.src)
        else:
            unit_id = "zh:" + "+".join(tgt_sentences[i].id for i in bead.tgt)
        yield TranslationUnit(
            id=unit_id,
            # Same joins as Alignment.src_text/tgt_text, on the sentence lists fetched once above.
            source=" ".join(src_sentences[i].text for i in bead.src),
            target="".join(tgt_sentences[i].text for i in bead.tgt),
            src_lang=src_lang,
            tgt_lang=tgt_lang,
            props=_props(alignment, bead, src_places, tgt_places),
        )


def _places(document: Document) -> dict[int, tuple[Turn, Paragraph]]:
    """Sentence index → (turn, paragraph), built once (Document.locate is a linear search)."""
    return {
        sentence.index: (turn, paragraph)
        for turn in document.turns
        for paragraph in turn.paragraphs
        for sentence in paragraph.sentences
    }


def _unique(values: list[str]) -> str:
    return " ".join(dict.fromkeys(v for v in values if v))


def _props(
    alignment: Alignment,
    bead: Bead,
    src_places: dict[int, tuple[Turn, Paragraph]],
    tgt_places: dict[int, tuple[Turn, Paragraph]],
) -> dict[str, str]:
    src = [src_places[i] for i in bead.src if i in src_places]
    tgt = [tgt_places[i] for i in bead.tgt if i in tgt_places]
    # The speaker structure comes from the source side, or the target for a 0-1 bead.
    turns = [turn for turn, _ in (src or tgt)]
    props = {PROP_DOCUMENT: alignment.src.doc_id, PROP_TARGET_DOCUMENT: alignment.tgt.doc_id}
    if turns and turns[0].speaker:
        props[PROP_SPEAKER] = turns[0].speaker
    if turns:
        props[PROP_ROLE] = str(turns[0].role)
        props[PROP_TURN] = _unique([turn.id for turn in turns])
    if src:
        props[PROP_PARAGRAPH] = _unique([paragraph.id for _, paragraph in src])
    if tgt:
        props[PROP_TARGET_PARAGRAPH] = _unique([paragraph.id for _, paragraph in tgt])
    props[PROP_BEAD] = bead.kind
    props[PROP_CONFIDENCE] = f"{bead.confidence:.4f}"
    return props
