"""The monthly bulletin (月度通报): for a period, the summary by warning colour and status, the red
and yellow lists with each figure's clause and source, the rankings of districts and departments
with their parts, the reports not received, and three charts — as DOCX (official-document
style), PDF or HTML.

``make_bulletin`` does it all: ``data.load_bulletin`` reads the ledger (assessing the period's
last day first if that was never stored), ``charts.start_charts`` draws, and the writer of the
chosen format lays it out. Outside a server the three charts are drawn in forked processes while
WeasyPrint loads. The heavy libraries (matplotlib, python-docx, WeasyPrint) are
imported only when used.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from policyledger.errors import PolicyLedgerError
from policyledger.reports.bulletin.model import Bulletin

FORMATS = ("docx", "pdf", "html")
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}


@dataclass(frozen=True)
class Output:
    """A written bulletin: its bytes, its contents, and its page count (PDF only)."""

    data: bytes
    bulletin: Bulletin
    fmt: str
    pages: int | None

    @property
    def file_name(self) -> str:
        """A file name for a download: 月度通报-2024-12.docx."""
        kind = self.bulletin.title.removeprefix("政策落实情况")
        return f"政策落实情况{kind}-{self.bulletin.period.label}.{self.fmt}"


def format_for(path: str, fmt: str | None = None) -> str:
    """The format asked for, or the one the file name's suffix names."""
    if fmt:
        if fmt not in FORMATS:
            raise PolicyLedgerError(f"unknown format {fmt!r} (use docx, pdf or html)")
        return fmt
    suffix = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    suffix = "html" if suffix == "htm" else suffix
    if suffix not in FORMATS:
        raise PolicyLedgerError(
            f"cannot tell the format from {path!r}: name it .docx, .pdf or .html, or give --format"
        )
    return suffix


def make_bulletin(
    session: Session,
    period: str,
    plan: str | None = None,
    fmt: str = "docx",
    progress: Callable[[str], None] | None = None,
    workers: int | None = None,
) -> Output:
    """The bulletin of ``period`` (only plans whose name contains ``plan``) as ``fmt`` bytes."""
    import os

    from policyledger.reports.bulletin.charts import cjk_font, start_charts
    from policyledger.reports.bulletin.data import load_bulletin

    fmt = format_for("", fmt)
    cjk_font()  # before any work: no Chinese font, no bulletin
    if fmt == "pdf":
        from policyledger.reports.bulletin.pdf import weasyprint_installed

        weasyprint_installed()
    say = progress or (lambda _message: None)
    bulletin = load_bulletin(session, period, plan, workers=workers, progress=say)
    say("正在绘制图表…")
    charts = start_charts(bulletin, workers if workers is not None else os.cpu_count() or 1)
    if fmt == "pdf":  # load WeasyPrint while the chart workers draw
        from policyledger.reports.bulletin.pdf import ensure_weasyprint

        ensure_weasyprint()
    charts.finish()
    say(f"正在生成 {fmt.upper()}…")
    if fmt == "docx":
        from policyledger.reports.bulletin.docx_writer import write_docx

        return Output(write_docx(bulletin), bulletin, fmt, None)
    if fmt == "html":
        from policyledger.reports.bulletin.html import render_html

        return Output(render_html(bulletin).encode("utf-8"), bulletin, fmt, None)
    from policyledger.reports.bulletin.pdf import render_pdf

    data, pages = render_pdf(bulletin)
    return Output(data, bulletin, fmt, pages)


__all__ = ["FORMATS", "MEDIA_TYPES", "Bulletin", "Output", "format_for", "make_bulletin"]
