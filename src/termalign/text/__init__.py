"""Shared linguistic knowledge that the aligner, the term extractor and the checker all use.

- `numbers`: numbers in English and Chinese with spans, exact values and kinds; cross-language
  matching (887,000 = 88.7万, 2021-2025 = 2021—2025年, four = 四).
- `scripts`: Simplified/Traditional conversion (OpenCC) and wrong-script spans.
- `names`: pinyin romanisations of Chinese names, every heteronym reading.
- `dictionary`: CC-CEDICT English ↔ Chinese lexicon and the sentence-pair lexical score.
- `english`: tokens, stopwords, light lemmatiser, term keys, tolerant term search, Latin strings.
- `chinese`: Han character counts, full-width folding.

Submodules are imported on demand (the dictionary and OpenCC load data on first use).
"""
