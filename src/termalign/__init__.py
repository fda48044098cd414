"""termalign: English–Chinese alignment, terminology and translation QA for official texts."""

__version__ = "0.1.0"
