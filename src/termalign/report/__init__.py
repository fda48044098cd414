"""HTML reports for people: the alignment review report and the check findings report.

Both are single self-contained files (inline CSS, JavaScript and SVG; no network).
"""

from termalign.report.alignment import render_alignment_report, write_alignment_report
from termalign.report.findings import render_findings_report

__all__ = ["render_alignment_report", "write_alignment_report", "render_findings_report"]
