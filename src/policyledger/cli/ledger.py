"""``policyledger ingest``, ``publish``, ``statistics`` and ``assess``: fill the ledger, choose
what the public view shows, and judge it."""

from __future__ import annotations

import argparse
import datetime as dt
from collections import Counter
from pathlib import Path

from policyledger.cli.common import add_db_option, open_ledger, progress, sample_path
from policyledger.errors import PolicyLedgerError

_COLOURS = {"red": "红", "yellow": "黄", "blue": "蓝", "green": "绿", "grey": "灰"}
_STATUS = {
    "achieved": "已完成",
    "on_track": "进度正常",
    "behind": "滞后于序时进度",
    "off_track": "反向变化",
    "overdue": "逾期未完成",
    "no_data": "无数据",
    "not_due": "未到期",
}


def register(commands) -> None:
    ingest = commands.add_parser("ingest", help="extract documents and store them in the ledger")
    ingest.add_argument("files", nargs="*", metavar="FILE", help=".txt, .pdf or .docx files")
    ingest.add_argument("--sample", action="store_true", help="ingest the bundled sample gazette")
    ingest.add_argument(
        "--publish", action="store_true", help="publish what is ingested to the public view"
    )
    add_db_option(ingest)
    ingest.set_defaults(handler=run_ingest)

    publish = commands.add_parser(
        "publish",
        help="show documents in the public view (anonymous visitors), or withdraw them",
        description="Publish documents, given by id or 文号 (the current version of that "
        "document), so that anonymous visitors see them; --unpublish withdraws them. "
        "Every change is audited.",
    )
    publish.add_argument("documents", nargs="+", metavar="DOCUMENT", help="an id or a 文号")
    publish.add_argument(
        "--unpublish", action="store_true", help="withdraw the documents from the public view"
    )
    add_db_option(publish)
    publish.set_defaults(handler=run_publish)

    stats = commands.add_parser(
        "statistics",
        help="load the published Chongqing statistics as observations of the sample's targets",
    )
    add_db_option(stats)
    stats.set_defaults(handler=run_statistics)

    assess = commands.add_parser("assess", help="assess every target and store the results")
    assess.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        type=_date,
        default=None,
        help="the date to assess at (default: today)",
    )
    add_db_option(assess)
    assess.set_defaults(handler=run_assess)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (write YYYY-MM-DD)") from None


def ingest_files(
    database, paths: list[Path], publish: bool = False, actor: str = "cli"
) -> list[str]:
    """Extract and store each file (and publish its documents, in the same transaction); one
    line per document saying what happened."""
    from policyledger.cli.extract import read_and_extract
    from policyledger.storage.ingest import ingest_extraction
    from policyledger.storage.models import Document

    lines = []
    for path in paths:
        source, extraction = read_and_extract(path)
        with database.session() as session:
            result = ingest_extraction(session, extraction, kind=source.kind, actor=actor)
            if publish:
                ids = [doc_id for _, _, doc_id in result.documents if doc_id]
                documents = [session.get(Document, doc_id) for doc_id in ids]
                set_published(session, [d for d in documents if d], True, actor)
        words = {"new": "新增", "new version": "新版本", "unchanged": "未变化"}
        for identity, outcome, _ in result.documents:
            shown = "，已公开" if publish else ""
            lines.append(f"{source.name}  {identity}  {words[outcome]}{shown}")
        if not result.documents:
            lines.append(f"{source.name}  未识别出文件")
    return lines


def run_ingest(args: argparse.Namespace) -> str:
    from policyledger.cli.users import cli_actor

    paths = [Path(f) for f in args.files] + ([sample_path()] if args.sample else [])
    if not paths:
        raise PolicyLedgerError("nothing to ingest: give one or more files, or --sample")
    database = open_ledger(args)
    lines = ingest_files(database, paths, publish=args.publish, actor=cli_actor())
    return "\n".join(lines) + f"\n已写入 {database.url}\n"


def set_published(session, documents: list, published: bool, actor: str) -> list:
    """Mark documents published (or not) for the public view, auditing each change; return
    the documents that changed."""
    from policyledger.storage import audit

    changed = []
    for document in documents:
        if bool(document.published) == published:
            continue
        old = bool(document.published)
        document.published = published
        action = "publish" if published else "unpublish"
        audit.record(
            session, actor, action, "document", document.id, old_value=old, new_value=published
        )
        changed.append(document)
    return changed


def find_documents(session, refs: list[str]) -> list:
    """Documents by id, or by 文号 (or title-identity): the current version. All or an error."""
    from sqlalchemy import or_, select

    from policyledger.storage.models import Document

    found, missing = [], []
    for ref in refs:
        ref = ref.strip()
        is_id = ref.isdigit() and len(ref) < 10
        document = session.get(Document, int(ref)) if is_id else None
        if document is None:
            document = session.scalar(
                select(Document)
                .where(
                    Document.is_current.is_(True),
                    or_(Document.doc_number == ref, Document.identity == ref),
                )
                .order_by(Document.id.desc())
                .limit(1)
            )
        if document is None:
            missing.append(ref)
        elif document not in found:
            found.append(document)
    if missing:
        raise PolicyLedgerError(
            f"no document {', '.join(missing)} in the ledger (give ids or 文号)"
        )
    return found


def run_publish(args: argparse.Namespace) -> str:
    from policyledger.cli.users import cli_actor

    publish = not args.unpublish
    database = open_ledger(args)
    with database.session() as session:
        documents = find_documents(session, args.documents)
        changed = {d.id for d in set_published(session, documents, publish, cli_actor())}
        lines = []
        for d in documents:
            state = ("已公开" if publish else "已撤回") if d.id in changed else "未变化"
            version = f" 第{d.version}版" if d.version > 1 else ""
            lines.append(f"{state}  #{d.id}  {d.doc_number or d.title}{version}")
    return "\n".join(lines) + "\n"


def run_statistics(args: argparse.Namespace) -> str:
    from policyledger.storage.statistics import load_sample_statistics

    database = open_ledger(args)
    with database.session() as session:
        result = load_sample_statistics(session, actor="cli")
    if result.already:
        return f"公开统计数据已载入过（{result.already} 条），未重复写入\n"
    return (
        f"载入公开统计数据 {result.loaded} 条（附来源链接）；"
        f"为 {result.owners_added} 个无责任单位的目标指定了报送单位\n"
    )


def assess_ledger(database, as_of: dt.date):
    import os

    from policyledger.services.assessment import run_assessment

    with database.session() as session:  # a fresh session: workers may read in parallel
        return run_assessment(session, as_of, actor="cli", workers=os.cpu_count() or 1)


def run_assess(args: argparse.Namespace) -> str:
    from sqlalchemy import select

    from policyledger.storage.models import Target

    as_of = args.as_of or dt.date.today()
    database = open_ledger(args)
    progress(f"正在评估（截至 {as_of}）…")
    results = assess_ledger(database, as_of)
    colours = Counter(r.assessment.warning for r in results)
    lines = [
        f"截至 {as_of} 评估目标 {len(results)} 个："
        + "，".join(
            f"{_COLOURS[c]} {colours[c]}"
            for c in ("red", "yellow", "blue", "green", "grey")
            if colours[c]
        )
    ]
    flagged = [r for r in results if r.assessment.warning in ("red", "yellow")]
    missing = sum(len(r.timeliness.missing) for r in results)
    if flagged:
        lines.append("红黄灯目标：")
        with database.session() as session:
            metrics = dict(
                session.execute(
                    select(Target.id, Target.metric).where(
                        Target.id.in_([r.target_id for r in flagged])
                    )
                ).all()
            )
        for r in flagged:
            a = r.assessment
            value = f"最新值 {a.latest.value:g}" if a.latest else "无数据"
            lines.append(
                f"  {_COLOURS[a.warning]}  {metrics[r.target_id]}：{_STATUS[a.status]}，{value}"
            )
    lines.append(f"应报未报 {missing} 期")
    return "\n".join(lines) + "\n"
