"""``policyledger reward calc|totals|applications``: the foreign-capital reward of
《建设高质量外资集聚地三年行动计划》三、（四）10 (渝府办发〔2022〕107号) — work out one project's
year from figures given on the command line, list the totals per district and year from the
stored project library, and list the stored applications with their checks.

A number that is not a number (or is negative, or loans above what was received) is refused in
one line with exit status 2, as for any other wrong argument."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
from typing import Any, NoReturn

from policyledger.cli.common import add_db_option, open_ledger

LANGS = ("zh", "en")
STATUS = {
    "eligible": ("符合", "eligible"),
    "ineligible": ("不符合", "not eligible"),
    "unknown": ("无法判断", "cannot be decided"),
}
TIER = {"general": ("一般项目", "general tier"), "manufacturing": ("制造业项目", "manufacturing")}
SUGGESTION = {"approve": "核定", "refuse": "不予支持", "check": "人工核实"}
CLAUSE = "渝府办发〔2022〕107号《建设高质量外资集聚地三年行动计划》三、（四）10"


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr (no usage block), exit 2."""

    def error(self, message: str) -> NoReturn:
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def money(text: str) -> float:
    """An amount on the command line: a number ≥ 0 (commas allowed: 12,500,000)."""
    try:
        value = float(text.replace(",", "").strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"'{text}' is not an amount of 0 or more")
    return value


def year(text: str) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a year") from None
    if not 2000 <= value <= 2100:
        raise argparse.ArgumentTypeError(f"{value} is not a year between 2000 and 2100")
    return value


def section(text: str) -> str:
    from policyledger.packs.trade.inputs import INDUSTRY_SECTIONS

    letter = text.strip().upper()
    if letter not in INDUSTRY_SECTIONS:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a section of GB/T 4754 (a letter A–T; C is manufacturing)"
        )
    return letter


def register(commands) -> None:
    reward = commands.add_parser(
        "reward",
        help="the foreign-capital reward (渝府办发〔2022〕107号): calc, totals, applications",
        description="The reward for foreign capital received (2%%, manufacturing 4%%, at most "
        "10,000,000 yuan per project and year): work out one project's year, or list the totals "
        "and the applications stored in the ledger.",
    )
    actions = reward.add_subparsers(dest="action", metavar="ACTION", parser_class=OneLineParser)
    actions.required = True

    calc = actions.add_parser("calc", help="work out the reward of one project's year")
    calc.add_argument("--year", type=year, required=True, help="the year the capital arrived")
    calc.add_argument(
        "--received", type=money, required=True, help="foreign capital received (USD)"
    )
    calc.add_argument(
        "--loans", type=money, default=0.0, help="of which foreign shareholder loans (USD; 0)"
    )
    calc.add_argument(
        "--section", type=section, required=True, help="GB/T 4754 section: C manufacturing …"
    )
    calc.add_argument("--kind", choices=("new", "capital_increase"), default="new")
    calc.add_argument("--quasi-finance", action="store_true", help="a quasi-finance project")
    calc.add_argument(
        "--other-support",
        action="store_true",
        help="already given another municipal reward in the same direction this year",
    )
    calc.add_argument("--lang", choices=LANGS, default="zh")
    calc.add_argument("--json", action="store_true", help="print the result as JSON")
    calc.set_defaults(handler=run_calc, parser=calc)

    totals = actions.add_parser("totals", help="the totals per district and year from the ledger")
    totals.add_argument("--year", type=year, help="only this year")
    totals.add_argument("--json", action="store_true")
    add_db_option(totals)
    totals.set_defaults(handler=run_totals)

    listing = actions.add_parser("applications", help="the stored applications with their check")
    listing.add_argument("--year", type=year, help="only applications for this year")
    listing.add_argument("--json", action="store_true")
    add_db_option(listing)
    listing.set_defaults(handler=run_applications)


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _amount(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def run_calc(args: argparse.Namespace) -> str:
    from policyledger.packs.trade import pack
    from policyledger.packs.trade.inputs import RewardClaim
    from policyledger.rules import ParameterExpired, to_plain

    if args.loans > args.received:
        args.parser.error(
            f"--loans {_amount(args.loans)} is more than --received {_amount(args.received)}"
        )
    claim = RewardClaim(
        project="命令行测算",
        year=args.year,
        kind=args.kind,
        industry_section=args.section,
        quasi_finance=args.quasi_finance,
        received_usd=args.received,
        shareholder_loans_usd=args.loans,
        other_support_same_direction=args.other_support,
    )
    try:
        result = pack.run("trade.reward", claim, dt.date(args.year, 12, 31))
    except ParameterExpired as error:
        args.parser.error(
            f"no reward rules were in force in {args.year} (the notice is dated 2022-09-20 and "
            f"rewards capital received from 2023 on): {error}"
        )
    if args.json:
        return _dumps({"claim": to_plain(claim), "result": to_plain(result)})
    en = args.lang == "en"
    status = STATUS[result.status][en]
    tier = f"（{TIER[result.tier][0]}）" if result.tier and not en else ""
    if result.tier and en:
        tier = f" ({TIER[result.tier][1]})"
    capped = ("capped" if en else "已按上限封顶") if result.capped else ""
    if en:
        lines = [
            f"Foreign-capital reward for {args.year} ({CLAUSE})",
            f"Result: {status}{tier}",
            f"Reward: {_amount(result.amount_cny)} yuan" + (f" ({capped})" if capped else ""),
            "Reasons:",
            *(f"  {r}" for r in result.reasons_en),
            "Working:",
            *(f"  {w}" for w in result.working_en),
        ]
    else:
        lines = [
            f"{args.year}年 实际到位外资奖励测算（{CLAUSE}）",
            f"结论：{status}{tier}",
            f"奖励金额：{_amount(result.amount_cny)} 元" + (f"（{capped}）" if capped else ""),
            "理由：",
            *(f"  {r}" for r in result.reasons),
            "计算过程：",
            *(f"  {w}" for w in result.working),
        ]
    return "\n".join(lines) + "\n"


_TOTAL_HEAD = (
    "年度",
    "区县",
    "项目数",
    "实际到位外资(美元)",
    "其中股东贷款",
    "奖励基数",
    "符合",
    "无法判断",
    "应奖励(元)",
    "申报",
    "申报金额",
    "核定金额",
    "已兑付",
    "不予支持",
)


def _total_row(line) -> list[str]:
    from policyledger.packs.trade.totals import SUMMED

    name = "全市" if line.city else (line.district or "（项目库外）")
    cells = [str(line.year), name]
    for key in SUMMED:
        value = getattr(line, key)
        cells.append(str(value) if isinstance(value, int) else _amount(value))
    return cells


def run_totals(args: argparse.Namespace) -> str:
    from policyledger.packs.trade.results import reward_totals
    from policyledger.packs.trade.totals import SUMMED

    database = open_ledger(args)
    try:
        with database.session() as session:
            totals = reward_totals(session, args.year)
    finally:
        database.dispose()
    if args.json:
        keys = ("year", "district", "body_id", *SUMMED, "errors")
        return _dumps(
            {
                "synthetic": totals.synthetic,
                "districts": [{k: getattr(t, k) for k in keys} for t in totals.districts],
                "city": [{k: getattr(t, k) for k in keys} for t in totals.city],
            }
        )
    if not totals.city:
        return "账本中没有外资项目年度到资记录 · no project-years in the ledger\n"
    rows = [list(_TOTAL_HEAD)]
    for year_ in totals.years:
        rows += [_total_row(t) for t in totals.districts if t.year == year_]
        rows += [_total_row(t) for t in totals.city if t.year == year_]
    lines = [" | ".join(r) for r in rows]
    if totals.synthetic:
        lines.insert(0, "合成数据（虚构，仅供演示）· synthetic data")
    for line in totals.city:
        lines += [f"  ! {e}" for e in line.errors]
    return "\n".join(lines) + "\n"


def run_applications(args: argparse.Namespace) -> str:
    from policyledger.packs.trade.results import application_checks
    from policyledger.rules import to_plain

    database = open_ledger(args)
    try:
        with database.session() as session:
            lines, flagged = application_checks(session, args.year)
    finally:
        database.dispose()
    if args.json:
        return _dumps(
            {
                "synthetic": flagged,
                "applications": [
                    {
                        "application": to_plain(line.application),
                        "district": line.district,
                        "check": to_plain(line.check) if line.check else None,
                        "error": line.error,
                    }
                    for line in lines
                ],
            }
        )
    if not lines:
        return "账本中没有外资奖励申报 · no applications in the ledger\n"
    out = ["合成数据（虚构，仅供演示）· synthetic data"] if flagged else []
    for line in lines:
        a = line.application
        head = (
            f"{a.id}  {a.project} {a.year}年  {line.district or '—'}  {a.status or '—'}  "
            f"申报 {_amount(a.applied_cny)} 核定 {_amount(a.approved_cny)} "
            f"兑付 {_amount(a.paid_cny)}"
        )
        out.append(head)
        if line.check is None:
            out.append(f"    无法核对 · cannot check: {line.error}")
            continue
        check = line.check
        out.append(
            f"    应奖励 {_amount(check.entitled_cny)} 元；建议："
            f"{SUGGESTION.get(check.suggestion, check.suggestion)} "
            f"{_amount(check.suggested_cny) if check.suggested_cny is not None else ''}".rstrip()
        )
        out += [f"    ! {p}" for p in check.problems]
    return "\n".join(out) + "\n"
