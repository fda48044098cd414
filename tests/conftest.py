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
