"""Reviewer corrections: beads marked wrong (or pairs given by hand) applied to an alignment.

The review report (`termalign report`, `termalign align --report`) lets a reviewer tick the
beads that are wrong and export them; `termalign align EN ZH --fix fixes.tsv` then keeps
every other bead and re-aligns only the stretches between the trusted beads around each
wrong one, never producing a bead that was marked wrong again.

The fixes file is "linear" TSV (UTF-8; one row per line; a backslash, tab, newline or
carriage return inside a value written as \\\\, \\t, \\n, \\r — as all termalign tables).
Lines starting with `#` are comments. The first other line is the header; columns are
found by name, in any order:

    bead        optional, informational: the bead's number in the report it came from
    action      `wrong`: the bead pairing exactly these sentences is wrong;
                `pair`: these sentences belong together, keep them as one bead (written by
                hand; one side may be empty: "this sentence has no counterpart")
    src         English sentence ids, space-separated (as in the report and `termalign segment`)
    tgt         Chinese sentence ids, space-separated
    confidence  optional, informational
    src_text    optional: the English text of those sentences (joined by a space); when
                given it must equal the document's, which catches fixes made on another
                version of the texts
    tgt_text    optional: the Chinese text (joined without a space), checked the same way

Example (the report writes the first two comment lines and the header):

    # termalign fixes: beads a reviewer marked as wrong in the alignment report
    # English: miit.en.txt · Chinese: miit.zh.txt
    bead	action	src	tgt	confidence	src_text	tgt_text
    57	wrong	t05.p02.s03	t05.p02.s03	0.412	Exports grew.	出口下降。
    	pair	t05.p02.s04	t05.p02.s03 t05.p02.s04
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum
from typing import Callable, Iterable, Sequence

from termalign.errors import InputError
from termalign.model import Alignment, Bead, Sentence
from termalign.progress import NO_PROGRESS, Progress
from termalign.readers.encoding import read_text

REQUIRED_COLUMNS = ("action", "src", "tgt")
KNOWN_COLUMNS = ("bead", "action", "src", "tgt", "confidence", "src_text", "tgt_text")
# A bead the reviewer wrote by hand is as sure as it gets.
HAND_CONFIDENCE = 1.0


class FixAction(StrEnum):
    WRONG = "wrong"
    PAIR = "pair"


@dataclass(frozen=True, slots=True)
class Fix:
    """One correction, with sentence indices resolved against the alignment's documents."""

    action: FixAction
    src: tuple[int, ...]
    tgt: tuple[int, ...]
    line: int  # in the fixes file, for messages

    @property
    def key(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        return self.src, self.tgt


# Re-aligns the given sentences (index lists, in order, possibly not contiguous) and returns
# beads over exactly those sentences, avoiding the `forbidden` (src, tgt) pairings.
Realigner = Callable[[Alignment, Sequence[int], Sequence[int], frozenset[tuple[tuple[int, ...], tuple[int, ...]]]], list[Bead]]


# ── reading ──────────────────────────────────────────────────────────────────────────────


def read_fixes(path: str | os.PathLike[str], alignment: Alignment) -> list[Fix]:
    """Read a fixes file and resolve its sentence ids against `alignment`'s documents."""
    return parse_fixes(read_text(path).text, str(path), alignment)


def parse_fixes(text: str, path: str, alignment: Alignment) -> list[Fix]:
    """Parse the fixes TSV in `text` (`path` names it in errors); see the module doc for the format."""
    header: list[str] | None = None
    src_by_id = {s.id: s for s in alignment.src.sentences}
    tgt_by_id = {s.id: s for s in alignment.tgt.sentences}
    beads = {(b.src, b.tgt) for b in alignment.beads}
    fixes: list[Fix] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = [_unescape(cell) for cell in raw.split("\t")]
        if header is None:
            header = [cell.strip() for cell in cells]
            _check_header(header, path, number)
            continue
        if len(cells) > len(header):
            raise InputError(path, f"{len(cells)} fields but the header names {len(header)}", line=number)
        row = dict(zip(header, cells + [""] * (len(header) - len(cells))))
        fix = _fix_from_row(row, path, number, src_by_id, tgt_by_id)
        if fix.action is FixAction.WRONG and fix.key not in beads:
            raise InputError(
                path,
                "no bead of the alignment pairs exactly these sentences (was the alignment made with other "
                "options or texts, or is this fix already applied?)",
                line=number,
            )
        fixes.append(fix)
    if header is None:
        raise InputError(path, f"no header line: expected the columns {', '.join(KNOWN_COLUMNS)}")
    _check_consistent(fixes, path)
    return fixes


def _check_header(header: list[str], path: str, line: int) -> None:
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise InputError(
            path, f"the header lacks the column(s) {', '.join(missing)}: expected {', '.join(KNOWN_COLUMNS)}", line=line
        )
    unknown = [c for c in header if c not in KNOWN_COLUMNS]
    if unknown:
        raise InputError(path, f"unknown column(s) {', '.join(unknown)}: expected {', '.join(KNOWN_COLUMNS)}", line=line)


def _fix_from_row(
    row: dict[str, str], path: str, line: int, src_by_id: dict[str, Sentence], tgt_by_id: dict[str, Sentence]
) -> Fix:
    try:
        action = FixAction(row["action"].strip())
    except ValueError:
        raise InputError(path, f"unknown action {row['action']!r}: expected wrong or pair", line=line) from None
    src = _resolve(row["src"], src_by_id, "English", path, line)
    tgt = _resolve(row["tgt"], tgt_by_id, "Chinese", path, line)
    if not src and not tgt:
        raise InputError(path, "both src and tgt are empty: name the sentences of the bead", line=line)
    _check_text(row.get("src_text", ""), " ".join(s.text for s in src), "English", path, line)
    _check_text(row.get("tgt_text", ""), "".join(s.text for s in tgt), "Chinese", path, line)
    return Fix(action, tuple(s.index for s in src), tuple(s.index for s in tgt), line)


def _resolve(cell: str, by_id: dict[str, Sentence], side: str, path: str, line: int) -> list[Sentence]:
    sentences: list[Sentence] = []
    for sentence_id in cell.split():
        if sentence_id not in by_id:
            raise InputError(path, f"no {side} sentence has the id {sentence_id!r}", line=line)
        sentences.append(by_id[sentence_id])
    indices = [s.index for s in sentences]
    if indices != sorted(set(indices)) or (indices and indices[-1] - indices[0] != len(indices) - 1):
        raise InputError(path, f"the {side} sentences {cell.strip()!r} are not consecutive, in order", line=line)
    return sentences


def _check_text(given: str, actual: str, side: str, path: str, line: int) -> None:
    if given and given != actual:
        raise InputError(
            path,
            f"the {side} text differs from the document's at these sentences (fixes made on another version?): "
            f"file has {given[:60]!r}, document has {actual[:60]!r}",
            line=line,
        )


def _check_consistent(fixes: list[Fix], path: str) -> None:
    """Hand pairs may not share a sentence, nor cross each other."""
    pairs = [f for f in fixes if f.action is FixAction.PAIR]
    for side in ("src", "tgt"):
        owner: dict[int, Fix] = {}
        for fix in pairs:
            for index in getattr(fix, side):
                if index in owner:
                    raise InputError(
                        path, f"this pair shares a sentence with the pair on line {owner[index].line}", line=fix.line
                    )
                owner[index] = fix
    two_sided = sorted((f for f in pairs if f.src and f.tgt), key=lambda f: f.src[0])
    for before, after in zip(two_sided, two_sided[1:]):
        if after.tgt[0] < before.tgt[0]:
            raise InputError(path, f"this pair crosses the pair on line {before.line} (the order differs)", line=after.line)


def _unescape(cell: str) -> str:
    if "\\" not in cell:
        return cell
    out: list[str] = []
    chars = iter(cell)
    for ch in chars:
        if ch == "\\":
            nxt = next(chars, "")
            out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}.get(nxt, "\\" + nxt))
        else:
            out.append(ch)
    return "".join(out)


# ── applying ─────────────────────────────────────────────────────────────────────────────


def apply_fixes(
    alignment: Alignment,
    fixes: Iterable[Fix],
    realign: Realigner,
    *,
    progress: Progress = NO_PROGRESS,
) -> Alignment:
    """`alignment` with the fixes applied: trusted beads kept, the stretches around wrong ones re-aligned.

    Trusted anchors are the hand pairs and every bead with sentences on both sides that is
    neither marked wrong nor in conflict with a hand pair (sharing a sentence with it, or
    crossing it). Between two consecutive anchors, the old beads stay as they were unless
    one of them is wrong or was dropped; then `realign` re-aligns the sentences of that
    stretch (minus one-sided hand pairs, which stay unmatched), told which pairings it must
    not produce. A stretch with nothing on one side cannot host a different answer, so it
    grows over its neighbouring anchors until it can.
    """
    fixes = list(fixes)
    wrong = frozenset(f.key for f in fixes if f.action is FixAction.WRONG)
    hand = [Bead(f.src, f.tgt, HAND_CONFIDENCE) for f in fixes if f.action is FixAction.PAIR]
    if not wrong and not hand:
        return Alignment(alignment.src, alignment.tgt, list(alignment.beads), alignment.method)
    fixed_anchors = [b for b in hand if b.src and b.tgt]
    lone_hand = [b for b in hand if not (b.src and b.tgt)]
    held = {i for b in hand for i in b.src}, {j for b in hand for j in b.tgt}
    dropped = {
        id(b)
        for b in alignment.beads
        if (b.src, b.tgt) in wrong
        or any(i in held[0] for i in b.src)
        or any(j in held[1] for j in b.tgt)
        or any(_crosses(b, anchor) for anchor in fixed_anchors)
    }
    old_anchors = [b for b in alignment.beads if b.src and b.tgt and id(b) not in dropped]
    anchors = sorted([*old_anchors, *fixed_anchors], key=lambda b: b.src[0])
    is_fixed = {id(b) for b in fixed_anchors}
    n_src, n_tgt = len(alignment.src.sentences), len(alignment.tgt.sentences)

    stretches = _stretches(anchors, n_src, n_tgt)

    # Where each sentence sits: place 2k is stretch k, place 2k+1 is anchor k.
    src_place = [0] * n_src
    tgt_place = [0] * n_tgt
    for k, stretch in enumerate(stretches):
        for i in (*stretch.src,):
            src_place[i] = 2 * k
        for j in (*stretch.tgt,):
            tgt_place[j] = 2 * k
        for i in stretch.anchor_src:
            src_place[i] = 2 * k + 1
        for j in stretch.anchor_tgt:
            tgt_place[j] = 2 * k + 1

    def places(bead: Bead) -> set[int]:
        return {src_place[i] for i in bead.src} | {tgt_place[j] for j in bead.tgt}

    old_by_place: dict[int, list[tuple[int, Bead]]] = {}
    for order, bead in enumerate(alignment.beads):
        for place in places(bead):
            old_by_place.setdefault(place, []).append((order, bead))
    lone_by_place: dict[int, list[Bead]] = {}
    for bead in lone_hand:
        lone_by_place.setdefault(min(places(bead)), []).append(bead)

    def content(first: int, last: int) -> tuple[list[int], list[int], list[Bead], list[Bead]]:
        """Sentences of stretches first..last (and anchors between), the old beads wholly
        inside them in order, and the one-sided hand pairs among them."""
        low, high = 2 * first, 2 * last
        src_ids, tgt_ids = _sentences_between(stretches, first, last)
        found = {order: bead for place in range(low, high + 1) for order, bead in old_by_place.get(place, [])}
        old = [found[o] for o in sorted(found) if all(low <= p <= high for p in places(found[o]))]
        lone = [b for place in range(low, high + 1) for b in lone_by_place.get(place, [])]
        return src_ids, tgt_ids, old, lone

    def is_clean(k: int) -> bool:
        src_ids, tgt_ids, old, lone = content(k, k)
        touching = old_by_place.get(2 * k, [])
        return (
            not lone
            and all(id(b) not in dropped for _, b in touching)
            and len(touching) == len(old)
            and _covers(old, src_ids, tgt_ids)
        )

    # Stretches to re-align, grown over old anchors where one side is empty (see above).
    groups: list[tuple[int, int]] = []
    for k in range(len(stretches)):
        if is_clean(k):
            continue
        first, last = k, k
        while True:
            src_ids, tgt_ids, _, lone = content(first, last)
            if _solvable(src_ids, tgt_ids, lone, wrong):
                break
            can_left = first > 0 and id(anchors[first - 1]) not in is_fixed
            can_right = last < len(anchors) and id(anchors[last]) not in is_fixed
            if not (can_left or can_right):
                break  # boxed in by hand pairs: the null beads stand, as the reviewer's pairs imply
            first, last = first - can_left, last + can_right
        if groups and first <= groups[-1][1]:
            groups[-1] = (groups[-1][0], max(groups[-1][1], last))
        else:
            groups.append((first, last))

    progress.start("re-aligning around fixes", len(groups))
    result: list[Bead] = []
    k = 0
    for first, last in [*groups, (len(stretches), len(stretches))]:
        for clean in range(k, min(first, len(stretches))):
            result.extend(content(clean, clean)[2])
            if clean < len(anchors):
                result.append(anchors[clean])
        if first == len(stretches):
            break
        src_ids, tgt_ids, _, lone = content(first, last)
        result.extend(_realign_stretch(alignment, src_ids, tgt_ids, lone, wrong, realign))
        if last < len(anchors):
            result.append(anchors[last])
        k = last + 1
        progress.advance()
    progress.finish()
    method = alignment.method + ("+" if alignment.method else "") + "reviewer fixes"
    return Alignment(alignment.src, alignment.tgt, result, method)


def _crosses(bead: Bead, anchor: Bead) -> bool:
    """True when `bead` lies before `anchor` on one side and after it on the other."""
    before_src = any(i < anchor.src[0] for i in bead.src)
    after_src = any(i > anchor.src[-1] for i in bead.src)
    before_tgt = any(j < anchor.tgt[0] for j in bead.tgt)
    after_tgt = any(j > anchor.tgt[-1] for j in bead.tgt)
    return (before_src and after_tgt) or (after_src and before_tgt)


@dataclass(frozen=True, slots=True)
class _Stretch:
    src: range
    tgt: range
    anchor_src: tuple[int, ...]  # the anchor closing the stretch (empty past the last one)
    anchor_tgt: tuple[int, ...]


def _stretches(anchors: list[Bead], n_src: int, n_tgt: int) -> list[_Stretch]:
    """The gaps before each anchor and after the last one."""
    stretches: list[_Stretch] = []
    src_from = tgt_from = 0
    for anchor in anchors:
        stretches.append(_Stretch(range(src_from, anchor.src[0]), range(tgt_from, anchor.tgt[0]), anchor.src, anchor.tgt))
        src_from, tgt_from = anchor.src[-1] + 1, anchor.tgt[-1] + 1
    stretches.append(_Stretch(range(src_from, n_src), range(tgt_from, n_tgt), (), ()))
    return stretches


def _sentences_between(stretches: list[_Stretch], first: int, last: int) -> tuple[list[int], list[int]]:
    """Sentences of stretches first..last, with the anchors between them (now re-aligned too)."""
    src: list[int] = []
    tgt: list[int] = []
    for k in range(first, last + 1):
        src.extend(stretches[k].src)
        tgt.extend(stretches[k].tgt)
        if k < last:
            src.extend(stretches[k].anchor_src)
            tgt.extend(stretches[k].anchor_tgt)
    return src, tgt


def _covers(beads: list[Bead], src: list[int], tgt: list[int]) -> bool:
    return sorted(i for b in beads for i in b.src) == src and sorted(j for b in beads for j in b.tgt) == tgt


def _solvable(src: list[int], tgt: list[int], lone: list[Bead], wrong: frozenset) -> bool:
    """Whether the stretch admits an answer other than its wrong beads.

    With sentences on both sides there is always another answer (at worst everything
    unmatched). With one side empty the only answer is one null bead per sentence, which
    fails when one of those was marked wrong.
    """
    held_src = {i for b in lone for i in b.src}
    held_tgt = {j for b in lone for j in b.tgt}
    free_src = [i for i in src if i not in held_src]
    free_tgt = [j for j in tgt if j not in held_tgt]
    if free_src and free_tgt:
        return True
    only = {((i,), ()) for i in free_src} | {((), (j,)) for j in free_tgt}
    return not (only & wrong)


def _realign_stretch(
    alignment: Alignment, src: list[int], tgt: list[int], lone: list[Bead], wrong: frozenset, realign: Realigner
) -> list[Bead]:
    held_src = {i for b in lone for i in b.src}
    held_tgt = {j for b in lone for j in b.tgt}
    free_src = [i for i in src if i not in held_src]
    free_tgt = [j for j in tgt if j not in held_tgt]
    if free_src and free_tgt:
        beads = realign(alignment, free_src, free_tgt, wrong)
    else:
        beads = [Bead((i,), (), 0.0) for i in free_src] + [Bead((), (j,), 0.0) for j in free_tgt]
    return _merge_in_order([*beads, *lone])


def _merge_in_order(beads: list[Bead]) -> list[Bead]:
    """Beads of one stretch in reading order: by their first sentence on either side.

    Two-sided beads are already in order on both sides; a one-sided bead goes before the
    first two-sided bead that starts after it on its own side.
    """
    paired = [b for b in beads if b.src and b.tgt]
    single = sorted((b for b in beads if not (b.src and b.tgt)), key=lambda b: (b.src or b.tgt)[0])
    result: list[Bead] = []
    rest = list(paired)
    for bead in single:
        side = 0 if bead.src else 1
        position = (bead.src or bead.tgt)[0]
        while rest and (rest[0].src if side == 0 else rest[0].tgt)[0] < position:
            result.append(rest.pop(0))
        result.append(bead)
    return result + rest
