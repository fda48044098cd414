"""Command-line edge: each module registers one command (or a few close ones) on `app`.

The modules only parse options, call the core and print; the work happens in the core.
"""

from __future__ import annotations

from termalign.cli.app import app

# Each import registers its commands on `app`.
# (command modules are imported below as they are added)
from termalign.cli import segment  # noqa: F401
from termalign.cli import align  # noqa: F401  (align, evaluate)
from termalign.cli import terms  # noqa: F401
from termalign.cli import export  # noqa: F401  (export, convert, validate)
from termalign.cli import check  # noqa: F401
from termalign.cli import report  # noqa: F401
from termalign.cli import batch  # noqa: F401


def main() -> None:
    app()
