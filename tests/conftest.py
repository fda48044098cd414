"""Shared test fixtures: the bundled corpus and the shared data beside the project."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
GLOSSARIES = ROOT / "glossaries"
TEST_DATA = Path(__file__).resolve().parent / "data"
# ../shared beside the clone (always there in CI; absent in a user's clone)
SHARED = Path(os.environ.get("TERMALIGN_SHARED", ROOT.parent / "shared"))

SEED_EN = CORPORA / "scio-2023-01-18-miit-industry-it-2022.en.txt"
SEED_ZH = CORPORA / "scio-2023-01-18-miit-industry-it-2022.zh.txt"

# Issue 4: official phrases of the seed transcript a translator expects, with their Chinese.
SEED_TERMS = {
    "specialized and sophisticated SMEs that produce new and unique products": "专精特新中小企业",
    '"Double Gigabit" networks': "“双千兆”网络",
    '"little giant" enterprises': "“小巨人”企业",
    "industries above the designated size": "规模以上工业",
    "new energy vehicles": "新能源汽车",
    "industrial internet": "工业互联网",
    "MIIT": "工业和信息化部",
    "ICT": "信息通信",
    "IoT": "物联网",
    "SMEs": "中小企业",
}


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with the reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: ../shared is only beside CI and developer checkouts, not user clones")
    return path


@pytest.fixture(scope="session")
def mac_dev() -> Path:
    return shared_path("data", "mac-dev")


@pytest.fixture(scope="session")
def schemas() -> Path:
    return shared_path("schemas")
