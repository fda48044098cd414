"""Batch inputs: manifest TSV and two folders paired by file name."""

from __future__ import annotations

from pathlib import Path

import pytest

from termalign.batch import load_pairs, pair_folders, pair_key, read_manifest
from termalign.errors import InputError, UsageError
from termalign.model import DocumentKind


def write(path: Path, text: str = "x\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_manifest_reads_pairs_sorted_with_paths_relative_to_it(tmp_path: Path) -> None:
    manifest = write(
        tmp_path / "lists" / "pairs.tsv",
        "id\ten\tzh\tkind\n"
        "# a comment, then a blank line\n\n"
        "zeta\ta/z.en.txt\ta/z.zh.txt\n"
        "alpha\t/abs/a.en\t/abs/a.zh\tpresplit\n",
    )
    read = read_manifest(manifest)
    assert [p.id for p in read.pairs] == ["alpha", "zeta"]
    alpha, zeta = read.pairs
    assert alpha.en == Path("/abs/a.en") and alpha.kind is DocumentKind.PRESPLIT
    assert zeta.en == tmp_path / "lists" / "a" / "z.en.txt" and zeta.kind is None
    assert read.unmatched == []


def test_manifest_kind_default_applies_where_a_line_names_none(tmp_path: Path) -> None:
    manifest = write(tmp_path / "m.tsv", "a\ta.en\ta.zh\nb\tb.en\tb.zh\tplain\n")
    kinds = {p.id: p.kind for p in read_manifest(manifest, kind=DocumentKind.PRESPLIT).pairs}
    assert kinds == {"a": DocumentKind.PRESPLIT, "b": DocumentKind.PLAIN}


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ("a\ta.en\n", 1, "expected 3 or 4 tab-separated columns"),
        ("a\ta.en\ta.zh\nb\tb.en\tb.zh\tpdf\n", 2, "unknown kind 'pdf'"),
        ("a\ta.en\ta.zh\n\na\tc.en\tc.zh\n", 3, "id 'a' is already used on line 1"),
        ("a\t\ta.zh\n", 1, "empty en column"),
    ],
)
def test_manifest_errors_name_the_line(tmp_path: Path, text: str, line: int, expected: str) -> None:
    manifest = write(tmp_path / "m.tsv", text)
    with pytest.raises(InputError) as caught:
        read_manifest(manifest)
    assert caught.value.line == line
    assert expected in caught.value.message
    assert str(manifest) in str(caught.value)


def test_manifest_without_pairs_or_absent(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no pairs"):
        read_manifest(write(tmp_path / "m.tsv", "id\ten\tzh\n# nothing\n"))
    with pytest.raises(InputError, match="no such file"):
        read_manifest(tmp_path / "absent.tsv")


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("001.en", "001"),
        ("001.zh", "001"),
        ("2023/01-18.en.txt", "2023/01-18"),
        ("report_zh-CN.txt", "report"),
        ("report-EN.TXT", "report"),
        ("plain.txt", "plain"),
        ("kitchen.txt", "kitchen"),  # "en" without a separator before it is part of the name
    ],
)
def test_pair_key_takes_off_extension_and_language_tag(name: str, key: str) -> None:
    assert pair_key(name) == key


def test_folders_pair_by_name_and_report_the_unmatched(tmp_path: Path) -> None:
    en, zh = tmp_path / "en", tmp_path / "zh"
    write(en / "001.en"), write(zh / "001.zh")
    write(en / "2023" / "a.en.txt"), write(zh / "2023" / "a.zh.txt")
    write(en / "only-english.en")
    write(zh / "only-chinese.zh")
    write(en / ".hidden.en"), write(zh / ".hidden.zh")
    manifest = pair_folders(en, zh)
    assert [(p.id, p.en.name, p.zh.name) for p in manifest.pairs] == [("001", "001.en", "001.zh"), ("2023/a", "a.en.txt", "a.zh.txt")]
    assert manifest.unmatched == [en / "only-english.en", zh / "only-chinese.zh"]


def test_folders_refuse_two_files_with_one_name(tmp_path: Path) -> None:
    en, zh = tmp_path / "en", tmp_path / "zh"
    write(en / "a.en.txt"), write(en / "a.txt"), write(zh / "a.zh.txt")
    with pytest.raises(InputError, match="cannot tell which to pair"):
        pair_folders(en, zh)


def test_folders_without_any_pair(tmp_path: Path) -> None:
    write(tmp_path / "en" / "a.en"), write(tmp_path / "zh" / "b.zh")
    with pytest.raises(InputError, match="no file has a counterpart"):
        pair_folders(tmp_path / "en", tmp_path / "zh")


def test_load_pairs_takes_one_manifest_or_two_folders(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="is a folder"):
        load_pairs([tmp_path])
    with pytest.raises(UsageError, match="got 3 paths"):
        load_pairs([tmp_path, tmp_path, tmp_path])
    with pytest.raises(InputError, match="not a folder"):
        load_pairs([tmp_path / "en", tmp_path / "zh"])


def test_mac_dev_folders_pair_by_number(mac_dev: Path) -> None:
    manifest = pair_folders(mac_dev / "en", mac_dev / "zh", kind=DocumentKind.PRESPLIT)
    assert [p.id for p in manifest.pairs] == ["001", "002", "003", "004", "005", "006"]
    assert all(p.en.parent == mac_dev / "en" and p.kind is DocumentKind.PRESPLIT for p in manifest.pairs)
    assert manifest.unmatched == []
