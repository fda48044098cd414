"""Sentence splitting: English abbreviations, numbers, quotes; Chinese stops, titles, numbers."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEED_EN, SEED_ZH
from termalign.segment import sentence_spans, split_sentences


def test_english_abbreviations_do_not_end_sentences() -> None:
    text = "Today, we have invited Mr. Tian Yulong. Ms. Tao Qing will join us at 3 p.m. Jan. 18, 2023."
    assert split_sentences(text, "en") == [
        "Today, we have invited Mr. Tian Yulong.",
        "Ms. Tao Qing will join us at 3 p.m. Jan. 18, 2023.",
    ]


def test_english_latin_and_numbered_abbreviations() -> None:
    text = "Some products, e.g. batteries, grew. Document No. 5 was issued. Travel, etc. all grew."
    assert split_sentences(text, "en") == [
        "Some products, e.g. batteries, grew.",
        "Document No. 5 was issued.",
        "Travel, etc. all grew.",
    ]


def test_english_dotted_abbreviation_ends_a_sentence_only_before_an_opener() -> None:
    assert split_sentences("Exports to the U.S. Treasury rose. Exports to the U.S. The rest fell.", "en") == [
        "Exports to the U.S. Treasury rose.",
        "Exports to the U.S.",
        "The rest fell.",
    ]


def test_english_decimals_and_thousands_never_split() -> None:
    text = "It grew by 3.6% to 2.312 million, with 1,973 stations. 2.593 million piles were added."
    assert split_sentences(text, "en") == [
        "It grew by 3.6% to 2.312 million, with 1,973 stations.",
        "2.593 million piles were added.",
    ]


def test_english_quotes_brackets_and_ellipses_stay_with_their_sentence() -> None:
    text = 'We call it "every county can access 5G services." (It is true.) Well... Then what? Thank you!'
    assert split_sentences(text, "en") == [
        'We call it "every county can access 5G services."',
        "(It is true.)",
        "Well...",
        "Then what?",
        "Thank you!",
    ]


def test_english_lower_case_continuation_is_not_a_new_sentence() -> None:
    assert split_sentences("He said why? and left... and came back.", "en") == ["He said why? and left... and came back."]


def test_english_enumerator_at_paragraph_start() -> None:
    assert split_sentences("1. The first point is clear. 2. The second too.", "en") == [
        "1. The first point is clear.",
        "2. The second too.",
    ]


def test_chinese_stops_and_closing_quotes() -> None:
    text = "他说：“我们将继续努力。”然后离开了！真的吗？是的；谢谢。"
    assert split_sentences(text, "zh") == ["他说：“我们将继续努力。”", "然后离开了！", "真的吗？", "是的；", "谢谢。"]


def test_chinese_no_split_inside_titles_numbers_or_before_a_comma() -> None:
    text = "我们发布了《你好！中国》等文件，增长3。6个百分点。新技术、新模式……，都在发展……下一步继续推进。"
    assert split_sentences(text, "zh") == [
        "我们发布了《你好！中国》等文件，增长3。6个百分点。",
        "新技术、新模式……，都在发展……",
        "下一步继续推进。",
    ]


def test_chinese_ellipsis_inside_a_quotation_goes_on() -> None:
    # a speaker trailing off mid-quotation does not end the sentence; a closed quotation does,
    # and outside quotations the ellipsis still ends one (see the test above)
    text = "“您能…… 说具体些吗？”沙瑞山看汪淼的眼神变得奇怪起来。“这可真是…… 传奇啊！”“是吗……”他笑了。"
    assert split_sentences(text, "zh") == [
        "“您能…… 说具体些吗？”",
        "沙瑞山看汪淼的眼神变得奇怪起来。",
        "“这可真是…… 传奇啊！”",
        "“是吗……”",
        "他笑了。",
    ]


def test_chinese_brackets_close_with_the_sentence() -> None:
    assert split_sentences("（以上数据为初步统计。）下面请提问。", "zh") == ["（以上数据为初步统计。）", "下面请提问。"]


def test_spans_are_stripped_offsets_into_the_text() -> None:
    text = "  First sentence.   Second one!  \n"
    spans = sentence_spans(text, "en")
    assert [text[s:e] for s, e in spans] == ["First sentence.", "Second one!"]
    assert sentence_spans("   \n ", "en") == []


def test_seed_paragraphs_split_into_plausible_sentences() -> None:
    text = SEED_EN.read_text(encoding="utf-8")
    sentences = [s for block in text.split("\n\n") for s in split_sentences(block, "en")]
    assert "Mr. Tian will brief you on the development of the industry and information technology sector in 2022 and take your questions." in sentences
    assert "2.593 million charging piles and 675 battery charging stations were added in 2022." in sentences
    # no sentence starts in lower case (a false split after an abbreviation would)
    assert not [s for s in sentences if s[0].islower()]


def test_seed_chinese_sentences_end_with_a_stop() -> None:
    if not SEED_ZH.exists():
        return
    text = SEED_ZH.read_text(encoding="utf-8")
    body = text.split("邢慧娜：", 1)[1]
    sentences = [s for block in body.split("\n\n") for s in split_sentences(block, "zh") if not s.endswith("：")]
    assert len(sentences) > 300
    unterminated = [s for s in sentences if not regex.search(r"[。！？；…][”’」』）]*$", s)]
    assert unterminated == []


# --- properties -------------------------------------------------------------------------

_EN_ALPHABET = st.sampled_from(list("abc XYZ.,!?…\"'”’()[]0123456789 \n\t") + ["Mr.", "U.S.", "e.g.", "3.6", "..."])
_ZH_ALPHABET = st.sampled_from(list("我们的工业。！？；…，、“”‘’《》（）「」1234567890 .\n") + ["……", "3.6"])


def _assert_lossless(text: str, lang: str) -> None:
    spans = sentence_spans(text, lang)
    position = 0
    for start, end in spans:
        assert position <= start < end <= len(text)
        assert text[position:start].strip() == ""  # only whitespace between sentences
        assert text[start:end] == text[start:end].strip()
        position = end
    assert text[position:].strip() == ""
    joined = "".join(text[s:e] for s, e in spans)
    assert _without_space(joined) == _without_space(text)


def _without_space(text: str) -> str:
    return "".join(c for c in text if not c.isspace())


@settings(max_examples=300, deadline=None)
@given(st.lists(_EN_ALPHABET, max_size=60).map("".join))
def test_english_splitting_never_loses_or_reorders_characters(text: str) -> None:
    _assert_lossless(text, "en")


@settings(max_examples=300, deadline=None)
@given(st.lists(_ZH_ALPHABET, max_size=60).map("".join))
def test_chinese_splitting_never_loses_or_reorders_characters(text: str) -> None:
    _assert_lossless(text, "zh")


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_text_splits_losslessly(text: str) -> None:
    _assert_lossless(text, "en")
    _assert_lossless(text, "zh")
