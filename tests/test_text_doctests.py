"""The examples in the docstrings of termalign.text are true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["numbers", "scripts", "chinese", "english", "names", "dictionary", "acronyms"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(f"termalign.text.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
