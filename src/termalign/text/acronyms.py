"""Acronyms and the phrases they abbreviate, by initials: MIIT ↔ "Ministry of Industry and
Information Technology", SMEs ↔ "small- and medium-sized enterprises", IoT ↔ "Internet of
Things".

- `acronym_letters(short)`: an acronym's letters, its plural s dropped ("" for a non-acronym);
- `phrase_initials(long)`: the initials an acronym of a phrase may have (every word, or its
  content words);
- `abbreviates(short, long)`: whether one is an acronym of the other.

Two glossary lines are one name when one's English abbreviates the other's (the checker reads
an OmegaT glossary's "MIIT 工信部" and "Ministry of Industry and Information Technology
工业和信息化部" so). `terms.acronyms` finds "long form (ACRONYM)" definitions in running text,
the Schwartz–Hearst way; here both forms are given and only their relation is asked.
"""

from __future__ import annotations

from termalign.text.english import STOPWORDS

__all__ = ["acronym_letters", "phrase_initials", "abbreviates"]


def acronym_letters(short: str) -> str:
    """An acronym's letters in lower case, its plural s dropped (SMEs → sme, IoT → iot); ""
    when `short` is not written as an acronym (two capitals at least, letters only)."""
    core = short[:-1] if len(short) > 2 and short.endswith("s") and short[-2].isupper() else short
    if not core.isalpha() or sum(ch.isupper() for ch in core) < 2:
        return ""
    return core.lower()


def phrase_initials(long: str) -> tuple[str, ...]:
    """The initials an acronym of `long` could have: of every word (IoT: Internet of Things)
    and of its content words (MIIT: Ministry of Industry and Information Technology). A
    hyphenated word gives one initial (SMEs: small- and medium-sized enterprises). None for
    a single word."""
    words = [w for w in (w.strip("-'’\"“”").lower() for w in long.replace(",", " ").split()) if w]
    if len(words) < 2:
        return ()
    every = "".join(w[0] for w in words)
    content = "".join(w[0] for w in words if w not in STOPWORDS)
    return (every,) if content == every else (every, content)


def abbreviates(short: str, long: str) -> bool:
    """True when `short` is an acronym made of the initials of the phrase `long`.

    >>> abbreviates("MIIT", "Ministry of Industry and Information Technology"), abbreviates("SMEs", "small- and medium-sized enterprises")
    (True, True)
    >>> abbreviates("IoT", "Internet of Things"), abbreviates("ICT", "industrial internet")
    (True, False)
    """
    letters = acronym_letters(short)
    return bool(letters) and letters in phrase_initials(long)
