"""Chinese SCIO press-conference transcripts (国新办新闻发布会实录).

Layout: a title line; 时间：/地点： lines; an introduction; participant lists under
发布人： and 主持人： (one "title name" per line); then the body, where labels end in a
full-width colon: `工业和信息化部总工程师、新闻发言人 田玉龙：` the first time an official
speaks, `田玉龙：` afterwards, `第一财经记者：` for a named outlet, `记者：` for an unnamed
journalist, `主持人：` for the host. Labels may stand on their own line or open the
paragraph (`田玉龙：各位媒体朋友……`); the title and the name may lack the space between
them when the name is a listed participant or the title ends in a title word (发言人, 局长…).
"""

from __future__ import annotations

import datetime as dt

import regex

from termalign.model import Document, DocumentKind, Lang, Participant, Role
from termalign.readers.build import Line, assemble_turns, split_lines
from termalign.readers.transcript import Label, dedupe_participants, mark_host, parse_body

# A label: up to 40 characters without sentence punctuation, then a colon.
_LABEL = regex.compile(r"^(?P<label>[^，。！？；：:,.!?“”《》（）()]{1,40}?)\s*[：:](?P<rest>.*)$")
_TITLE_WORDS = (
    "发言人 负责人 主持人 理事长 秘书长 董事长 总经理 总工程师 总经济师 总会计师 总师 工程师 局长 部长 司长 厅长 处长 科长 "
    "署长 行长 院长 校长 所长 社长 台长 会长 经理 主任 书记 主席 总裁 委员 巡视员 专员 总监 省长 市长 县长 区长 主管 参赞 "
    "大使 领事 代表 教授 研究员 院士 专家 先生 女士"
).split()
_TITLE_NAME = regex.compile(rf"^(?P<title>.*(?:{'|'.join(_TITLE_WORDS)}))(?P<name>\p{{Han}}{{2,4}})$")
_NAME = regex.compile(r"^\p{Han}{2,4}$|^\p{Lu}[\p{L}\-]*(?: \p{Lu}[\p{L}\-]*){0,3}$")
_HOST_MARKERS = frozenset({"主持人", "主持"})
_LIST_MARKERS = frozenset({"发布人", "发言人", "嘉宾", "出席", "出席嘉宾", "发布嘉宾"})
_HEADER_KEYS = _LIST_MARKERS | frozenset({"时间", "地点", "日期", "来源", "责任编辑", "编辑", "翻译", "摄影", "图片"})
_QUESTION_LABELS = frozenset({"记者", "问", "提问", "答记者问"})
_NOT_NAMES = frozenset(
    "一是 二是 三是 四是 五是 六是 其中 例如 比如 首先 其次 再次 最后 总之 另外 此外 同时 具体 目前 下一步 注 备注 说明 附件 谢谢".split()
)
_MEDIA = regex.compile(r"记者|报|社|台|网|杂志|新闻|电视|广播|通讯|媒体|财经|周刊|频道|客户端")
_DATE = regex.compile(r"(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日")

_FURNITURE = (
    regex.compile(r"^/\s*\d+[\s\u00a0\u3000]+\S"),  # photo gallery captions
    regex.compile(r"^(?:责任编辑|编辑|来源|翻译|摄影)[：:]"),
    regex.compile(r"^【?(?:打印|关闭|返回顶部|分享到?|查看英文版|英文版|Read in English)】?$", regex.IGNORECASE),
)
_CLOSING = regex.compile(r"^(?:[^。！？]{0,16}[，,])?(?:谢谢|感谢|多谢)(?:大家|各位|您|你们?)?[。！!.]*$")
_SPACES = regex.compile(r"[\s\u3000]+")
_SENTENCE_END = regex.compile(r"[。！？；]")


def split_title_name(text: str) -> tuple[str, str]:
    """"工业和信息化部总工程师、新闻发言人 田玉龙" → (title, name); ("", text) when no title shows."""
    text = text.strip()
    parts = _SPACES.split(text)
    if len(parts) >= 2:
        return " ".join(parts[:-1]), parts[-1]
    match = _TITLE_NAME.match(text)
    if match is not None:
        return match.group("title"), match.group("name")
    return "", text


class ChineseDialect:
    """How Chinese SCIO transcripts write labels, furniture, closings and questions."""

    def label(self, line: str, participants: list[Participant], seen: set[str]) -> Label | None:
        match = _LABEL.match(line)
        if match is None:
            return None
        written_label = match.group("label").strip()
        rest = match.group("rest")
        inline = bool(rest.strip())
        label = self._read_label(written_label, participants, seen, inline)
        if label is None:
            return None
        written = line[: match.start("rest")].strip()
        text_start = match.start("rest") if inline else None
        return Label(written, label.speaker, label.title, label.role, text_start)

    def _read_label(self, text: str, participants: list[Participant], seen: set[str], inline: bool) -> Label | None:
        if text in _HEADER_KEYS:
            return None
        if text in _QUESTION_LABELS:
            return Label(text, None, role=Role.QUESTION)
        host_prefix = next((m for m in sorted(_HOST_MARKERS, key=len, reverse=True) if text.startswith(m)), None)
        if host_prefix is not None:
            name = text[len(host_prefix) :].strip()
            return Label(text, name or None, role=Role.HOST)
        known = max((p.name for p in participants if text.endswith(p.name)), key=len, default=None)
        if known is not None:
            return Label(text, known, text[: -len(known)].strip())
        if text in seen:
            return Label(text, text)
        if text.endswith("记者"):
            return Label(text, text[:-2].strip() or None, role=Role.QUESTION)
        title, name = split_title_name(text)
        if title and _NAME.match(name):
            return Label(text, name, title)
        if not inline and _NAME.match(text) and text not in _NOT_NAMES:
            return Label(text, text)
        return None

    def is_furniture(self, line: str) -> bool:
        return any(pattern.search(line) for pattern in _FURNITURE)

    def is_closing(self, paragraph: str) -> bool:
        return bool(_CLOSING.match(paragraph.strip()))

    def is_question(self, paragraph: str) -> bool:
        return "？" in paragraph or "?" in paragraph

    def is_media(self, speaker: str) -> bool:
        return bool(_MEDIA.search(speaker))


DIALECT = ChineseDialect()


def parse_scio_zh(text: str, path: str) -> Document:
    """Read a Chinese SCIO transcript: header facts, participants and speaker turns."""
    lines = split_lines(text)
    participants, body_start = _header(lines)
    participants = mark_host(participants, _first_speaker(lines[body_start:], participants))
    drafts = parse_body(text, lines[body_start:], DIALECT, participants)
    header = [line.stripped for line in lines[:body_start] if not line.is_blank]
    return Document(
        path,
        Lang.ZH,
        DocumentKind.TRANSCRIPT,
        assemble_turns(text, Lang.ZH, drafts),
        title=header[0] if header else "",
        date=_header_date(header),
        place=_header_value(header, "地点"),
        participants=participants,
        text=text,
    )


def looks_like_scio_zh(text: str) -> bool:
    """At least three speaker labels on their own line, by at least two speakers."""
    names: list[str] = []
    for line in split_lines(text):
        label = DIALECT.label(line.stripped, [], set())
        if label is not None and label.text_start is None:
            names.append(label.written)
    return len(names) >= 3 and len(set(names)) >= 2


def _header(lines: list[Line]) -> tuple[list[Participant], int]:
    """Participants listed before the body, and the index of the body's first label."""
    found: list[Participant] = []
    role: Role | None = None  # inside a 发布人/主持人 list
    for index, line in enumerate(lines):
        if line.is_blank:
            continue
        content = line.stripped
        match = _LABEL.match(content)
        key = match.group("label").strip() if match else ""
        if match is not None and (key in _LIST_MARKERS or key in _HOST_MARKERS):
            listed = match.group("rest").strip()
            marker_role = Role.HOST if key in _HOST_MARKERS else Role.SPEAKER
            if listed:
                found.append(_participant(listed, marker_role))
                role = None
                continue
            if _lists_participant_next(lines, index):
                role = marker_role
                continue
        if role is not None and match is None and _is_participant_line(content):
            found.append(_participant(content, role))
            continue
        role = None
        if match is not None and DIALECT.label(content, dedupe_participants(found), set()) is not None:
            return dedupe_participants(found), index
    return dedupe_participants(found), len(lines)


def _participant(text: str, role: Role) -> Participant:
    title, name = split_title_name(text)
    return Participant(name, title, role)


def _is_participant_line(text: str) -> bool:
    title, name = split_title_name(text)
    return bool(title) and bool(_NAME.match(name)) and not _SENTENCE_END.search(text)


def _lists_participant_next(lines: list[Line], index: int) -> bool:
    following = next((line for line in lines[index + 1 :] if not line.is_blank), None)
    return following is not None and _LABEL.match(following.stripped) is None and _is_participant_line(following.stripped)


def _first_speaker(body: list[Line], participants: list[Participant]) -> str | None:
    for line in body:
        if not line.is_blank:
            label = DIALECT.label(line.stripped, participants, set())
            return label.speaker if label is not None else None
    return None


def _header_value(header: list[str], key: str) -> str:
    for line in header:
        match = _LABEL.match(line)
        if match is not None and match.group("label").strip() == key:
            return match.group("rest").strip()
    return ""


def _header_date(header: list[str]) -> dt.date | None:
    for line in [_header_value(header, "时间"), _header_value(header, "日期"), *header]:
        match = _DATE.search(line)
        if match is not None:
            try:
                return dt.date(int(match.group("year")), int(match.group("month")), int(match.group("day")))
            except ValueError:
                continue
    return None
