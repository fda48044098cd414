"""The injected-error test set of `termalign check`, and its recall / false-alarm figures.

The clean test set is the bundled transcript and its Chinese version as segment pairs:
the aligner's beads (`build`), stored in tests/data/check_testset/clean.tmx so tests need no
aligner run. Errors are injected into copies of it, deterministically (seeded), one kind per
copy, each injection on its own segment:

- term_swap       an approved glossary rendering in the target replaced by a near-synonym
                  (every occurrence of that rendering in the segment);
- number_change   a number of the target (one that matches a source number) with one digit changed;
- drop_sentence   one sentence of the target removed (the whole target when it has only one);
- two_ways        a segment repeated later in the document with its translation reworded
                  (general words swapped for synonyms: 进一步 → 更加, 加快 → 加速 …).

An injection counts as detected when the injected segment (for two_ways: the copy or its
original) has a finding at warning or error level from the checks that look for that kind
of error, a finding the same segment does not have in the clean set. False alarms: the
segments of the clean set flagged at warning or error level.

The issue-14 path — what a user does with a plain OmegaT glossary (`pairs`): the clean pairs
written as a header-less two-column TSV (source<TAB>target, what `cut -f13,14` of `termalign
align`'s beads gives), read back the way `termalign check pairs.tsv` reads it, checked with a
glossary in OmegaT's tab-separated form: the reviewed glossary exported (`termalign export
--to omegat`, saved as .txt) and one written by hand by a terminologist
(tests/data/check_testset/terminologist.glossary.txt: singular English, no "the", 工信部 for
MIIT, 信息通信技术 for ICT …). Injected: term_swap, number_change and

- term_drop       an approved rendering of a source term removed from the target (every
                  occurrence of it in the segment).

False findings per clean pair: the findings of any severity on the clean pairs, notes of
another accepted form (terms.variant_form at information level: "the target writes the full
form 工业和信息化部 where the glossary gives 工信部") counted apart.

    .venv/bin/python tools/check_testset.py build                 # re-align → clean.tmx
    .venv/bin/python tools/check_testset.py evaluate              # recall and false alarms
    .venv/bin/python tools/check_testset.py evaluate --show-misses --show-false-alarms
    .venv/bin/python tools/check_testset.py document-drops       # drops in the document, aligned on the fly
    .venv/bin/python tools/check_testset.py pairs [--show-findings]  # TSV pairs + OmegaT glossaries
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from termalign.check.inputs import load_inputs  # noqa: E402
from termalign.check.runner import CheckReport, check_units  # noqa: E402
from termalign.check.terms import FormKind, TermIndex, leftmost_longest  # noqa: E402
from termalign.formats import read_glossary, read_units, write_units  # noqa: E402
from termalign.model import Finding, Glossary, Severity, TranslationUnit  # noqa: E402
from termalign.segment import sentence_spans  # noqa: E402
from termalign.text.numbers import extract_numbers, match_numbers  # noqa: E402

CORPUS = ROOT / "corpora"
SOURCE = CORPUS / "scio-2023-01-18-miit-industry-it-2022.en.txt"
TARGET = CORPUS / "scio-2023-01-18-miit-industry-it-2022.zh.txt"
TESTSET = ROOT / "tests" / "data" / "check_testset"
CLEAN = TESTSET / "clean.tmx"
GLOSSARY = ROOT / "glossaries" / "scio-2023-01-18-miit.glossary.tsv"
HAND_GLOSSARY = TESTSET / "terminologist.glossary.txt"
FALLBACK_GLOSSARY = ROOT / "tests" / "data" / "check_glossary.tsv"

KINDS = ("term_swap", "number_change", "drop_sentence", "two_ways")
PER_KIND = 40
SEED = 20230118

# Checks that may report each kind of injected error.
DETECTING = {
    "term_swap": ("terms.missing", "terms.deprecated", "terms.variant_form", "consistency.term_two_ways"),
    "number_change": ("numbers.changed", "numbers.missing", "numbers.extra", "numbers.approximate"),
    "drop_sentence": (
        "completeness.empty",
        "completeness.length_ratio",
        "completeness.omission",
        "completeness.list_item",
        "numbers.missing",
        "terms.missing",
    ),
    "two_ways": ("consistency.source_two_ways",),
}
DETECTING["term_drop"] = DETECTING["term_swap"]
PAIRS_KINDS = ("term_swap", "term_drop", "number_change")

# Plausible wrong renderings a translator might use instead of the approved one. Injection
# data only: the checker knows nothing of this table.
NEAR_SYNONYMS: dict[str, str] = {
    "工业和信息化部": "工业与信息化部",
    "中小企业": "中小型企业",
    "信息通信": "信息通讯",
    "信息通信业": "信息通讯业",
    "工业互联网": "产业互联网",
    "产业链供应链": "产业与供应链条",
    "中国共产党": "中共",
    "制造业": "制造产业",
    "工业经济": "工业化经济",
    "中小微企业": "小微型企业",
    "党的二十大": "第二十次党代会",
    "同比": "与上年相比",
    "“小巨人”企业": "小巨头企业",
    "新能源汽车": "新能源车",
    "规模以上工业企业": "规上工业企业",
    "绿色低碳": "环保低碳",
    "党中央、国务院": "中央和国务院",
    "“双千兆”网络": "双千兆位网络",
    "高质量发展": "优质发展",
    "绿色能源装备产业": "清洁能源设备产业",
    "新能源汽车产业": "新能源车行业",
    "绿色发展": "环保发展",
    "指夹式脉搏血氧仪": "手指血氧仪",
    "产业链": "工业链",
    "中央经济工作会议": "中央经济会议",
    "制氧机": "氧气机",
    "重点行业": "关键行业",
    "新能源": "新型能源",
    "国务院": "中央政府",
    "碳达峰": "碳峰值",
    "千兆光网": "千兆光纤网",
    "物联网": "万物互联",
    "解热镇痛类药物": "退烧止痛药",
    "数字经济": "数码经济",
    "产业升级": "行业升级",
    "工业节能": "工业省能",
    "规模以上工业增加值": "规上工业增加值",
    "规模以上工业": "大型工业",
    "专精特新中小企业": "专业化精细化中小企业",
    "节能": "省能",
    "党中央": "中共中央",
    "经济社会发展": "社会经济发展",
    "体外膜肺氧合": "体外膜氧合",
    "动力电池回收": "动力电池再利用",
    "动力电池": "动力蓄电池",
    "电信": "电讯",
    "政策措施": "政策举措",
    "龙头企业": "领军企业",
    "市场主体": "市场实体",
    "转型升级": "转型提升",
    "数字化转型": "数字转型",
    "增加值": "附加值",
    "绿色转型": "环保转型",
    "重点产业链": "关键产业链",
    "国民经济": "全国经济",
    "装机容量": "装机规模",
    "缓税缓费": "延期缴税费",
    "资源综合利用": "资源全面利用",
    "运行监测协调局": "运行监控协调局",
    "工业领域碳达峰": "工业碳达峰",
    "5G基站": "5G基地站",
    "先进制造业集群": "先进制造集群",
    "实体经济": "实业经济",
    "新一代信息技术": "下一代信息技术",
    "新型工业化": "新式工业化",
    "充电桩": "充电站",
    "智能网联汽车": "智能联网汽车",
    "制造业创新中心": "制造创新中心",
    "减税降费": "减税减费",
    "春节": "新春",
    "白名单": "白色名单",
    "碳达峰碳中和": "碳峰值碳中和",
    "千兆光纤网络": "千兆光纤网",
    "国内生产总值": "国民生产总值",
}

# General words a second translator might choose differently (for two_ways).
REWORDINGS: tuple[tuple[str, str], ...] = (
    ("进一步", "更加"),
    ("加快", "加速"),
    ("推动", "推进"),
    ("持续", "不断"),
    ("提升", "提高"),
    ("明显", "显著"),
    ("积极", "主动"),
    ("加强", "强化"),
    ("有效", "切实"),
    ("我们", "我部"),
    ("目前", "当前"),
    ("重要", "关键"),
    ("支持", "扶持"),
    ("情况", "状况"),
    ("实现", "达成"),
    ("已经", "已"),
    ("谢谢", "感谢"),
    ("问题", "疑问"),
    ("发展", "进步"),
    ("工作", "任务"),
)


@dataclass(frozen=True, slots=True)
class Injection:
    kind: str
    segment_id: str  # the injected segment (for two_ways: the repeated copy)
    detail: str  # what was changed, for people
    original_id: str = ""  # two_ways: the segment that was repeated


@dataclass(slots=True)
class InjectedSet:
    kind: str
    units: list[TranslationUnit]
    injections: list[Injection]


# ---------------------------------------------------------------------------------------------
# Building the clean set


def build_clean(fast: bool = False) -> list[TranslationUnit]:
    """The corpus as aligned segment pairs (the aligner's beads, null beads left out)."""
    from termalign.align import align_documents
    from termalign.formats.units import alignment_units
    from termalign.readers import read_document

    alignment = align_documents(read_document(SOURCE), read_document(TARGET), fast=fast)
    return list(alignment_units(alignment))


def build_clean_paragraphs() -> list[TranslationUnit]:
    """Until the aligner is there: paragraphs paired inside matching speaker turns."""
    from termalign.formats.units import PROP_DOCUMENT
    from termalign.readers import read_document

    source, target = read_document(SOURCE), read_document(TARGET)
    units = []
    for en_turn, zh_turn in zip(source.turns, target.turns, strict=True):
        for en_par, zh_par in zip(en_turn.paragraphs, zh_turn.paragraphs, strict=True):
            units.append(
                TranslationUnit(en_par.id, en_par.text, "".join(s.text for s in zh_par.sentences), props={PROP_DOCUMENT: source.doc_id})
            )
    return units


def load_clean() -> list[TranslationUnit]:
    return list(read_units(CLEAN))


def load_glossary() -> Glossary:
    return read_glossary(GLOSSARY if GLOSSARY.exists() else FALLBACK_GLOSSARY)


# ---------------------------------------------------------------------------------------------
# Injection


def _copy(units: list[TranslationUnit]) -> list[TranslationUnit]:
    return [replace(u, props=dict(u.props)) for u in units]


def inject_term_swaps(units: list[TranslationUnit], glossary: Glossary, rng: random.Random, count: int) -> InjectedSet:
    index = TermIndex(glossary)
    candidates: list[tuple[int, str, str, str]] = []
    for position, unit in enumerate(units):
        required = {h.entry for h in leftmost_longest(index.english_hits(unit.source)) if index.required[h.entry]}
        options = []
        for hit in index.chinese_hits(unit.target):
            written = unit.target[hit.start : hit.end]
            if hit.kind is FormKind.ACCEPTED and hit.entry in required and written in NEAR_SYNONYMS:
                options.append((written, NEAR_SYNONYMS[written], hit.entry))
        for written, synonym, entry in dict.fromkeys(options):
            # the swap must leave the term without any approved rendering in the segment
            swapped = unit.target.replace(written, synonym)
            if not any(h.entry == entry and h.kind is FormKind.ACCEPTED for h in index.chinese_hits(swapped)):
                candidates.append((position, written, synonym, entry))
    return _apply(
        units,
        "term_swap",
        candidates,
        rng,
        count,
        lambda unit, c: (unit.target.replace(c[1], c[2]), f"{c[1]} → {c[2]} (glossary entry {index.entries[c[3]].id})"),
    )


def inject_term_drops(units: list[TranslationUnit], glossary: Glossary, rng: random.Random, count: int) -> InjectedSet:
    """Remove an approved rendering of a required source term from the target."""
    index = TermIndex(glossary)
    candidates: list[tuple[int, str, int]] = []
    for position, unit in enumerate(units):
        required = {h.entry for h in leftmost_longest(index.english_hits(unit.source)) if index.required[h.entry]}
        hits = leftmost_longest([h for h in index.chinese_hits(unit.target) if h.kind is FormKind.ACCEPTED])
        for written, entry in dict.fromkeys((unit.target[h.start : h.end], h.entry) for h in hits if h.entry in required):
            dropped = unit.target.replace(written, "")
            if not any(h.entry == entry and h.kind is FormKind.ACCEPTED for h in index.chinese_hits(dropped)):
                candidates.append((position, written, entry))
    return _apply(
        units,
        "term_drop",
        candidates,
        rng,
        count,
        lambda unit, c: (unit.target.replace(c[1], ""), f"dropped {c[1]} (glossary entry {index.entries[c[2]].id}: {index.entries[c[2]].en})"),
    )


def inject_number_changes(units: list[TranslationUnit], rng: random.Random, count: int) -> InjectedSet:
    candidates: list[tuple[int, int, int]] = []
    for position, unit in enumerate(units):
        source = extract_numbers(unit.source, "en")
        target = extract_numbers(unit.target, "zh")
        matched = match_numbers(source, target)
        for pair in matched.matched:
            mention = pair.target
            if mention.spelled or mention.weak:
                continue
            digits = [mention.start + i for i, ch in enumerate(mention.text) if ch.isdigit()]
            if digits:
                candidates.append((position, mention.start, mention.end))
    candidates = list(dict.fromkeys(candidates))

    def change(unit: TranslationUnit, c: tuple[int, int, int]) -> tuple[str, str]:
        _, start, end = c
        text = unit.target
        places = [i for i in range(start, end) if text[i].isdigit()]
        local = random.Random(f"{unit.id}:{start}")
        at = local.choice(places)
        leading = at == places[0]
        choices = [d for d in "0123456789" if d != text[at] and not (leading and d == "0")]
        digit = local.choice(choices)
        changed = text[:at] + digit + text[at + 1 :]
        return changed, f"{text[start:end]} → {changed[start:end]}"

    return _apply(units, "number_change", candidates, rng, count, change)


def inject_sentence_drops(units: list[TranslationUnit], rng: random.Random, count: int) -> InjectedSet:
    candidates = [(position, 0, 0) for position, unit in enumerate(units) if unit.target.strip() and unit.source.strip()]

    def drop(unit: TranslationUnit, c: tuple[int, int, int]) -> tuple[str, str]:
        spans = sentence_spans(unit.target, "zh")
        if len(spans) <= 1:
            return "", f"the only sentence dropped: {unit.target}"
        local = random.Random(unit.id)
        start, end = local.choice(spans)
        return (unit.target[:start] + unit.target[end:]).strip(), f"dropped: {unit.target[start:end]}"

    return _apply(units, "drop_sentence", candidates, rng, count, drop)


def _reworded(target: str) -> str | None:
    for old, new in REWORDINGS:
        if old in target:
            return target.replace(old, new, 1)
    return None


def inject_two_ways(units: list[TranslationUnit], rng: random.Random, count: int) -> InjectedSet:
    """Repeat segments later in the document with a reworded translation."""
    eligible = [
        position
        for position, unit in enumerate(units)
        if len(unit.source.split()) >= 3 and _reworded(unit.target) is not None and position < len(units) - 1
    ]
    chosen = sorted(rng.sample(eligible, min(count, len(eligible))))
    inserts: dict[int, list[TranslationUnit]] = defaultdict(list)
    injections: list[Injection] = []
    for number, position in enumerate(chosen, start=1):
        unit = units[position]
        copy = replace(unit, id=f"{unit.id}#repeat{number}", target=_reworded(unit.target) or "", props=dict(unit.props))
        at = rng.randrange(position + 1, len(units))
        inserts[at].append(copy)
        injections.append(Injection("two_ways", copy.id, f"{unit.target} ⇒ {copy.target}", original_id=unit.id))
    result: list[TranslationUnit] = []
    for position, unit in enumerate(_copy(units)):
        result.extend(inserts.get(position, []))
        result.append(unit)
    return InjectedSet("two_ways", result, injections)


def _apply(units, kind, candidates, rng, count, change) -> InjectedSet:
    """Apply `change` to up to `count` candidates drawn at random, one per segment."""
    by_position: dict[int, list] = defaultdict(list)
    for candidate in candidates:
        by_position[candidate[0]].append(candidate)
    positions = sorted(rng.sample(sorted(by_position), min(count, len(by_position))))
    result = _copy(units)
    injections = []
    for position in positions:
        candidate = rng.choice(by_position[position])
        unit = result[position]
        new_target, detail = change(unit, candidate)
        unit.target = new_target
        injections.append(Injection(kind, unit.id, detail))
    return InjectedSet(kind, result, injections)


def inject_all(units: list[TranslationUnit], glossary: Glossary, seed: int = SEED, per_kind: int = PER_KIND) -> list[InjectedSet]:
    """One injected copy of the clean set per kind of error (deterministic for a seed)."""
    return [
        inject_term_swaps(units, glossary, random.Random(f"{seed}:term_swap"), per_kind),
        inject_number_changes(units, random.Random(f"{seed}:number_change"), per_kind),
        inject_sentence_drops(units, random.Random(f"{seed}:drop_sentence"), per_kind),
        inject_two_ways(units, random.Random(f"{seed}:two_ways"), per_kind),
    ]


# ---------------------------------------------------------------------------------------------
# Scoring


@dataclass(slots=True)
class KindScore:
    kind: str
    injected: int
    detected: int
    missed: list[Injection]

    @property
    def recall(self) -> float:
        return self.detected / self.injected if self.injected else 1.0


@dataclass(slots=True)
class Evaluation:
    segments: int
    flagged: list[str]  # clean segments flagged at warning or error level
    clean: CheckReport
    scores: list[KindScore]

    @property
    def false_alarm_rate(self) -> float:
        return len(self.flagged) / self.segments

    @property
    def recall(self) -> float:
        injected = sum(s.injected for s in self.scores)
        return sum(s.detected for s in self.scores) / injected if injected else 1.0


def _serious(findings: list[Finding]) -> dict[str, set[tuple[str, str]]]:
    by_segment: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for item in findings:
        if item.severity.rank >= Severity.WARNING.rank:
            by_segment[item.segment_id].add((item.check, item.message))
    return by_segment


def evaluate(units: list[TranslationUnit], glossary: Glossary, seed: int = SEED, per_kind: int = PER_KIND) -> Evaluation:
    clean = check_units(units, glossary)
    before = _serious(clean.findings)
    flagged = sorted(before, key=[u.id for u in units].index)
    scores = []
    for injected in inject_all(units, glossary, seed, per_kind):
        report = check_units(injected.units, glossary)
        after = _serious(report.findings)
        missed = []
        for injection in injected.injections:
            wanted = DETECTING[injection.kind]
            places = [injection.segment_id, injection.original_id] if injection.original_id else [injection.segment_id]
            new = {
                (check, message)
                for place in places
                for check, message in after.get(place, set()) - before.get(place.split("#")[0], set())
                if check in wanted
            }
            if not new:
                missed.append(injection)
        scores.append(KindScore(injected.kind, len(injected.injections), len(injected.injections) - len(missed), missed))
    return Evaluation(len(units), flagged, clean, scores)


# ---------------------------------------------------------------------------------------------
# The issue-14 path: two-column TSV pairs and OmegaT glossaries


def write_pairs(units: list[TranslationUnit], path: Path) -> None:
    """Header-less source<TAB>target lines, one per pair (line n is segment "n" when read)."""
    def cell(text: str) -> str:
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")

    path.write_text("".join(f"{cell(u.source)}\t{cell(u.target)}\n" for u in units), encoding="utf-8")


def pairs_glossaries(folder: Path) -> dict[str, Path]:
    """The OmegaT glossaries the pairs path is checked with, by name."""
    from termalign.formats import write_glossary

    exported = folder / "reviewed.glossary.txt"
    write_glossary(load_glossary(), exported, "omegat")
    return {"reviewed, exported to OmegaT": exported, "written by hand": HAND_GLOSSARY}


@dataclass(slots=True)
class PairsEvaluation:
    glossary: str
    pairs: int
    clean: CheckReport
    scores: list[KindScore]

    @property
    def variant_notes(self) -> list[Finding]:
        """Notes of another accepted form (information), which say what the text does, not an error."""
        return [f for f in self.clean.findings if f.check == "terms.variant_form" and f.severity is Severity.INFO]

    @property
    def false_findings(self) -> list[Finding]:
        return [f for f in self.clean.findings if not (f.check == "terms.variant_form" and f.severity is Severity.INFO)]

    @property
    def recall(self) -> float:
        injected = sum(s.injected for s in self.scores)
        return sum(s.detected for s in self.scores) / injected if injected else 1.0


def evaluate_pairs(
    units: list[TranslationUnit], glossary_path: Path, folder: Path, name: str = "", seed: int = SEED, per_kind: int = PER_KIND
) -> PairsEvaluation:
    """Clean and injected pairs through the path of `termalign check pairs.tsv --glossary G.txt`."""
    clean_path = folder / "pairs.tsv"
    write_pairs(units, clean_path)
    pairs = load_inputs(clean_path).units  # ids are line numbers now, as the user's report shows them
    glossary = read_glossary(glossary_path)
    clean = check_units(pairs, glossary)
    before = _serious(clean.findings)
    injected_sets = [
        inject_term_swaps(pairs, glossary, random.Random(f"{seed}:term_swap"), per_kind),
        inject_term_drops(pairs, glossary, random.Random(f"{seed}:term_drop"), per_kind),
        inject_number_changes(pairs, random.Random(f"{seed}:number_change"), per_kind),
    ]
    scores = []
    for injected in injected_sets:
        path = folder / f"pairs.{injected.kind}.tsv"
        write_pairs(injected.units, path)
        after = _serious(check_units(load_inputs(path).units, glossary).findings)
        wanted = DETECTING[injected.kind]
        missed = [
            i for i in injected.injections
            if not {f for f in after.get(i.segment_id, set()) - before.get(i.segment_id, set()) if f[0] in wanted}
        ]  # fmt: skip
        scores.append(KindScore(injected.kind, len(injected.injections), len(injected.injections) - len(missed), missed))
    return PairsEvaluation(name or glossary_path.name, len(pairs), clean, scores)


def evaluate_pairs_path(units: list[TranslationUnit], seed: int = SEED, per_kind: int = PER_KIND) -> list[PairsEvaluation]:
    """`evaluate_pairs` with each of `pairs_glossaries`."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        return [
            evaluate_pairs(units, path, Path(folder), name, seed, per_kind)
            for name, path in pairs_glossaries(Path(folder)).items()
        ]


# ---------------------------------------------------------------------------------------------
# Sentences dropped from the Chinese document itself, the pair aligned on the fly


@dataclass(slots=True)
class DocumentDrops:
    dropped: int
    detected: int
    missed: list[str]  # the dropped sentences not found
    segments: int  # segment pairs of the aligned, injected pair
    detected_by: dict[str, int]


def _segments_with(units: list[TranslationUnit], english_ids: set[str]) -> list[TranslationUnit]:
    return [u for u in units if english_ids & set(u.id.split("+"))]


def evaluate_document_drops(
    glossary: Glossary, count: int = PER_KIND, seed: int = SEED, fast: bool = False
) -> DocumentDrops:
    """Drop `count` sentences from the Chinese document (none two from one bead), align the
    English document with what is left, check, and see whether each omission is reported
    on the segments that hold the English it translated."""
    import tempfile

    from termalign.align import align_documents
    from termalign.formats.units import alignment_units
    from termalign.readers import read_document

    source = read_document(SOURCE)
    target = read_document(TARGET)
    clean_alignment = align_documents(source, target, fast=fast)
    english = source.sentences
    beads = [b for b in clean_alignment.beads if b.src and b.tgt]
    rng = random.Random(f"{seed}:document_drops")
    chosen = sorted(rng.sample(beads, min(count, len(beads))), key=lambda b: b.tgt[0])
    drops = [(rng.choice(b.tgt), {english[i].id for i in b.src}) for b in chosen]
    text = target.text
    for index, _ in sorted(drops, key=lambda d: -d[0]):
        sentence = target.sentences[index]
        text = text[: sentence.start] + text[sentence.end :]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / TARGET.name
        path.write_text(text, encoding="utf-8")
        # the path `termalign check --source S --target T` takes
        injected_units = load_inputs(None, SOURCE, path, fast=fast).units
    clean_units = list(alignment_units(clean_alignment, include_null=True))
    before = _serious(check_units(clean_units, glossary).findings)
    after = _serious(check_units(injected_units, glossary).findings)
    wanted = DETECTING["drop_sentence"]
    detected_by: dict[str, int] = defaultdict(int)
    missed = []
    for index, english_ids in drops:
        old = {f for u in _segments_with(clean_units, english_ids) for f in before.get(u.id, set())}
        new = {
            f for u in _segments_with(injected_units, english_ids) for f in after.get(u.id, set()) if f[0] in wanted
        } - old
        for check in {check for check, _ in new}:
            detected_by[check] += 1
        if not new:
            missed.append(target.sentences[index].text)
    return DocumentDrops(len(drops), len(drops) - len(missed), missed, len(injected_units), dict(detected_by))


# ---------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="align the corpus and store the clean segment pairs")
    build.add_argument("--fast", action="store_true", help="align without sentence embeddings")
    build.add_argument("--paragraphs", action="store_true", help="pair paragraphs inside turns instead of aligning")
    run = sub.add_parser("evaluate", help="inject errors, run the checks, print recall and false alarms")
    run.add_argument("--seed", type=int, default=SEED)
    run.add_argument("--per-kind", type=int, default=PER_KIND)
    run.add_argument("--show-misses", action="store_true")
    run.add_argument("--show-false-alarms", action="store_true")
    pairs = sub.add_parser("pairs", help="TSV pairs + OmegaT glossaries (reviewed export, hand-written): false findings and recall")
    pairs.add_argument("--seed", type=int, default=SEED)
    pairs.add_argument("--per-kind", type=int, default=PER_KIND)
    pairs.add_argument("--show-findings", action="store_true", help="list the findings on the clean pairs")
    pairs.add_argument("--show-misses", action="store_true")
    docs = sub.add_parser("document-drops", help="drop sentences from the Chinese document, align, check")
    docs.add_argument("--count", type=int, default=PER_KIND)
    docs.add_argument("--seed", type=int, default=SEED)
    docs.add_argument("--fast", action="store_true", help="align without sentence embeddings")
    args = parser.parse_args()

    if args.command == "build":
        units = build_clean_paragraphs() if args.paragraphs else build_clean(fast=args.fast)
        TESTSET.mkdir(parents=True, exist_ok=True)
        write_units(units, CLEAN)
        print(f"{len(units)} segment pairs → {CLEAN.relative_to(ROOT)}")
        return

    if args.command == "pairs":
        for result in evaluate_pairs_path(load_clean(), args.seed, args.per_kind):
            flagged = result.clean.summary.segments_flagged
            print(f"{result.glossary}: {result.pairs} clean pairs")
            print(
                f"  false findings {len(result.false_findings)} ({len(result.false_findings) / result.pairs:.3f} per pair; "
                f"{flagged} pairs flagged at warning/error); notes of another accepted form {len(result.variant_notes)}"
            )
            for score in result.scores:
                print(f"  {score.kind:<14} {score.detected:>3}/{score.injected:<3} detected  recall {score.recall:.3f}")
            print(f"  {'all':<14} recall {result.recall:.3f}")
            if args.show_findings:
                for item in result.clean.findings:
                    print(f"  FINDING {item.segment_id} {item.check} {item.severity.value}: {item.message}")
            if args.show_misses:
                for score in result.scores:
                    for miss in score.missed:
                        print(f"  MISSED {miss.kind} {miss.segment_id}: {miss.detail}")
        return
    glossary = load_glossary()
    if args.command == "document-drops":
        drops = evaluate_document_drops(glossary, args.count, args.seed, args.fast)
        print(
            f"{drops.detected}/{drops.dropped} sentences dropped from the Chinese document detected "
            f"(recall {drops.detected / drops.dropped:.3f}) over {drops.segments} aligned segment pairs; "
            f"reported by {drops.detected_by}"
        )
        for sentence in drops.missed:
            print(f"MISSED {sentence}")
        return
    result = evaluate(load_clean(), glossary, args.seed, args.per_kind)
    print(f"glossary: {len(glossary.entries)} entries; clean set: {result.segments} segment pairs")
    for score in result.scores:
        print(f"  {score.kind:<14} {score.detected:>3}/{score.injected:<3} detected  recall {score.recall:.3f}")
    print(f"  {'all':<14} recall {result.recall:.3f}")
    print(
        f"false alarms: {len(result.flagged)} of {result.segments} clean segments flagged at warning/error "
        f"({result.false_alarm_rate:.1%}); {result.clean.summary.by_severity.get('info', 0)} information notes besides"
    )
    if args.show_misses:
        for score in result.scores:
            for miss in score.missed:
                print(f"MISSED {miss.kind} {miss.segment_id}: {miss.detail}")
    if args.show_false_alarms:
        flagged = set(result.flagged)
        for item in result.clean.findings:
            if item.segment_id in flagged and item.severity.rank >= Severity.WARNING.rank:
                print(f"FALSE ALARM {item.segment_id} {item.check}: {item.message}")


if __name__ == "__main__":
    main()
