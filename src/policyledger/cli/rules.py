"""``policyledger rules list|explain|check``: the rules of the installed packs, what a rule
encodes (its clauses read from the ledger, its parameters with their sources), and a check of
parameter files for analysts who edit them."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

from policyledger.cli.common import add_db_option
from policyledger.errors import PolicyLedgerError


def register(commands) -> None:
    rules = commands.add_parser(
        "rules",
        help="list, explain and check the rules of the installed packs",
        description="Rules encode policy clauses as tested calculations (see docs/rules.md).",
    )
    actions = rules.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True

    listing = actions.add_parser("list", help="every rule with its title and clause citations")
    listing.add_argument("--pack", metavar="PACK", help="only the rules of this pack")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=run_list)

    explain = actions.add_parser(
        "explain",
        help="a rule's explanation, inputs, parameters and the text of the clauses it encodes",
    )
    explain.add_argument("rule", metavar="RULE", help="a rule id, e.g. energy.barometer")
    explain.add_argument(
        "--on",
        metavar="YYYY-MM-DD",
        help="mark the parameter values in force on this date (default: today)",
    )
    add_db_option(explain)
    explain.set_defaults(handler=run_explain)

    check = actions.add_parser(
        "check",
        help="check parameter files (dates, duplicate keys, sources) and run the packs' "
        "cases; exit status 1 if anything is wrong",
    )
    check.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="parameter files or folders to check (default: every installed pack: its "
        "parameters, and its cases run)",
    )
    check.set_defaults(handler=run_check)


def run_list(args: argparse.Namespace) -> str:
    from policyledger.rules import discover_packs, get_pack

    packs = [get_pack(args.pack)] if args.pack else discover_packs()
    if args.json:
        rows = [
            {
                "pack": pack.name,
                "id": r.id,
                "title_zh": r.title_zh,
                "title_en": r.title_en,
                "citations": [
                    {"document": c.document, "clause": c.clause, "quote": c.quote}
                    for c in r.citations
                ],
                "parameters": list(r.parameters),
                "input": r.input_type.__name__,
                "output": r.output_type.__name__,
            }
            for pack in packs
            for r in pack.rules
        ]
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    lines = []
    for pack in packs:
        lines.append(f"{pack.name} {pack.version}  {pack.title_zh}")
        for r in pack.rules:
            lines.append(f"  {r.id}  {r.title_zh} / {r.title_en}")
            lines.append("      条款: " + "；".join(dict.fromkeys(c.cite() for c in r.citations)))
    return "\n".join(lines) + "\n" if lines else "no rule packs are installed\n"


def run_explain(args: argparse.Namespace) -> str:
    from policyledger.rules import describe, find_rule

    on = _date(args.on) if args.on else dt.date.today()
    pack, rule = find_rule(args.rule)
    parameters = pack.parameters
    out = [
        f"{rule.id}  {rule.title_zh}",
        f"{rule.title_en}",
        f"pack: {pack.name} {pack.version}",
        "",
        rule.doc,
        "",
        f"输入 inputs ({rule.input_type.__name__}):",
    ]
    out += _fields(rule.input_type, describe)
    out += ["", f"输出 outputs ({rule.output_type.__name__}):"]
    out += _fields(rule.output_type, describe, nested=False)
    out += ["", f"参数 parameters (in force on {on}):"]
    clauses: dict[tuple[str, str], list[str]] = {}
    for citation in rule.citations:
        clauses.setdefault((citation.document, citation.clause), []).append(citation.quote)
    for key in rule.parameters:
        parameter = parameters[key]
        out.append(f"  {key}  {parameter.title}".rstrip())
        for period in parameter.periods:
            mark = "  ← in force" if period.covers(on) else ""
            unit = f" {period.unit}" if period.unit else ""
            out.append(f"    {_value(period.value)}{unit}  valid {period.validity()}{mark}")
            out.append(f"      source: {period.source.cite()}  「{period.source.quote}」")
            if period.note:
                out.append(f"      note: {period.note}")
            quotes = clauses.setdefault((period.source.document, period.source.clause), [])
            quotes.append(period.source.quote)
        if not any(period.covers(on) for period in parameter.periods):
            out.append(f"    (no value in force on {on})")
    out += ["", "条款 clauses (text from the ledger):"]
    out += _clauses(clauses, getattr(args, "db", None))
    return "\n".join(out) + "\n"


def _fields(cls, describe, nested: bool = True, indent: str = "  ") -> list[str]:
    """The fields of ``cls``, then those of the dataclasses its fields hold."""
    lines = []
    inner: list[type] = []
    for f in describe(cls):
        unit = f" [{f.unit}]" if f.unit else ""
        if not f.required:
            kind = f"{f.type}, optional"
        else:
            kind = f"{f.type} or empty" if f.nullable else f.type
        lines.append(f"{indent}{f.name}  {f.zh}{unit}  {kind}".rstrip())
        if nested:
            for candidate in _nested_types(cls, f.name):
                if candidate not in inner:
                    inner.append(candidate)
    for candidate in inner:
        lines.append(f"{indent}{candidate.__name__}:")
        lines += _fields(candidate, describe, nested=False, indent=indent + "  ")
    return lines


def _nested_types(cls, name: str) -> list[type]:
    import dataclasses
    import typing

    hint = typing.get_type_hints(cls)[name]  # Annotated is stripped: the bare type
    found = []
    for candidate in (hint, *typing.get_args(hint)):
        if isinstance(candidate, type) and dataclasses.is_dataclass(candidate):
            found.append(candidate)
    return found


def _value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


def _clauses(clauses: dict[tuple[str, str], list[str]], db: str | None) -> list[str]:
    from policyledger.rules.clauses import clause_text

    session, database, problem = _open_ledger(db)
    out = []
    if problem:
        out.append(f"  ({problem}: showing the quotes of the rule and parameter files)")
    try:
        for (document, clause), quotes in clauses.items():
            found, reason = (
                (None, "") if session is None else clause_text(session, document, clause)
            )
            if found is not None:
                out.append(f"  {document} {clause} — {found.document_title}")
                out += [f"    {line}" for line in found.text.splitlines()]
                continue
            distinct = [q for q in dict.fromkeys(quotes) if q]
            shown = [q for q in distinct if not any(q != o and q in o for o in distinct)]
            note = f"  ({reason})" if reason else ""
            out.append(f"  {document} {clause}{note}")
            out += [f"    「{quote}」" for quote in shown]
    finally:
        if session is not None:
            session.close()
        if database is not None:
            database.dispose()
    return out


def _open_ledger(db: str | None):
    """(session, database, None) for an existing ledger, else (None, None, reason)."""
    from sqlalchemy import inspect
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    from policyledger.storage.db import open_database, resolve_url

    try:
        url = make_url(resolve_url(db))
    except Exception:
        return None, None, f"{db} is not a database path or URL"
    local = url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:")
    if local and not Path(url.database).is_file():
        return None, None, f"no ledger at {url.database}"
    try:
        database = open_database(db, migrate=False)
    except PolicyLedgerError as error:
        return None, None, str(error)
    try:
        if "document" not in inspect(database.engine).get_table_names():
            database.dispose()
            return None, None, f"{database.url} is not a ledger"
        return database.sessions(), database, None
    except SQLAlchemyError as error:
        database.dispose()
        reason = " ".join(str(getattr(error, "orig", None) or error).split())[:200]
        return None, None, f"cannot read the ledger: {reason}"


def run_check(args: argparse.Namespace) -> str:
    from policyledger.rules import (
        RulesError,
        discover_packs,
        load_cases,
        read_parameter_files,
        run_case,
    )

    problems: list[str] = []
    summary: list[str] = []
    if args.paths:
        for raw in args.paths:
            path = Path(raw)
            if path.is_dir():
                folder = path / "parameters" if (path / "parameters").is_dir() else path
                files = sorted(folder.glob("*.yaml"))
                if not files:
                    problems.append(f"{raw}: no .yaml parameter files")
                    continue
                found, file_problems = read_parameter_files(files, folder, str(folder))
            elif path.is_file():
                found, file_problems = read_parameter_files([path])
            else:
                problems.append(f"{raw}: no such file or folder")
                continue
            problems += file_problems
            summary.append(f"{raw}: {len(found)} parameters")
    else:
        for pack in discover_packs():
            try:
                parameters = pack.parameters
                pack_problems = pack.problems()
                cases = load_cases(pack)
            except RulesError as error:
                problems += [f"{pack.name}: {p}" for p in getattr(error, "problems", (str(error),))]
                continue
            problems += [f"{pack.name}: {p}" for p in pack_problems]
            for case in cases:
                problems += [f"{pack.name}: {p}" for p in run_case(case)]
            summary.append(
                f"{pack.name}: {len(parameters)} parameters, {len(pack.rules)} rules, "
                f"{len(cases)} cases"
            )
    if problems:
        for problem in problems:
            print(problem, flush=True)
        noun = "problem" if len(problems) == 1 else "problems"
        raise PolicyLedgerError(f"{len(problems)} {noun} found")
    return "".join(f"{line} OK\n" for line in summary) or "nothing to check\n"


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise PolicyLedgerError(f"--on {text}: not a date (YYYY-MM-DD)") from None
