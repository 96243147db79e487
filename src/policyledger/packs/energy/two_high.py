"""``energy.two_high``: the "两高" project list — which projects are on it, which are under
key guidance (≥ 5,000 tce, 当量值), and which started construction before approval."""

from __future__ import annotations

from policyledger.packs.energy.clauses import ENERGY_REVIEW, TWO_HIGH
from policyledger.packs.energy.inputs import Project, ProjectList
from policyledger.packs.energy.outputs import ProjectFinding, TwoHighResult
from policyledger.rules import ParameterView, RuleInputError, rule

_APPROVALS = {
    "energy_review": ("节能审查", "energy_review_approved", "energy_review_date"),
    "eia": ("环评", "eia_approved", "eia_date"),
}
_STARTED = ("在建", "已投产")


def _finding(project: Project, index: int, p: ParameterView) -> ProjectFinding:
    if project.energy_use < 0:
        raise RuleInputError(f"projects[{index}].energy_use: {project.energy_use} is negative")
    sectors = p["two_high.sectors"]
    on_list = project.sector in sectors
    key_guidance = on_list and project.energy_use >= p["two_high.key_guidance_threshold"]
    started = project.construction_start is not None or project.status in _STARTED
    flags: list[str] = []
    notes: list[str] = []
    for key in p["two_high.required_approvals"]:
        label, approved_field, date_field = _APPROVALS[key]
        approved = getattr(project, approved_field)
        approved_on = getattr(project, date_field)
        if approved_on is not None and not approved:
            raise RuleInputError(
                f"projects[{index}].{approved_field}: a {label} date is given but the "
                "approval is not marked"
            )
        if not started:
            continue
        if not approved:
            flags.append(f"未批先建（未取得{label}批复即开工）")
        elif approved_on is None:
            notes.append(f"{label}批复日期未填，无法判断是否先批后建")
        elif project.construction_start is None:
            notes.append(f"开工日期未填，无法与{label}批复日期比较")
        elif project.construction_start < approved_on:
            flags.append(
                f"未批先建（{project.construction_start}开工，早于{label}批复{approved_on}）"
            )
    return ProjectFinding(
        name=project.name,
        sector=project.sector,
        energy_use=project.energy_use,
        on_list=on_list,
        key_guidance=key_guidance,
        started=started,
        unapproved_start=bool(flags),
        flags=flags,
        notes=notes,
    )


@rule(
    "energy.two_high",
    zh="“两高”项目工作清单、重点指导与未批先建",
    en='"Two-high" project list, key guidance and construction before approval',
    cites=[TWO_HIGH, ENERGY_REVIEW],
    parameters=[
        "two_high.sectors",
        "two_high.key_guidance_threshold",
        "two_high.required_approvals",
    ],
)
def two_high(inputs: ProjectList, p: ParameterView) -> TwoHighResult:
    """逐个项目判断：

    列入“两高”项目工作清单：行业属于参数 sectors（方案未列行业，按生态环境部
    环环评〔2021〕45号“暂按煤电、石化、化工、钢铁、有色金属冶炼、建材等六个行业类别统计”）。
    加强工作指导：列入清单且年综合能源消费量（当量值）≥ key_guidance_threshold
    （5000吨标准煤，“及以上”含5000）。
    未批先建：项目已开工（有开工日期，或状态为在建、已投产），而 required_approvals 中的
    某项审批（节能审查、环评）没有批复，或开工日期早于批复日期（同日批复、开工不算）。
    批复日期或开工日期缺失而无法比较的，写入说明，不算未批先建。未列入清单的项目同样检查
    未批先建（方案四、（一）2 对所有项目要求杜绝未批先建）。
    """
    findings = [_finding(project, i, p) for i, project in enumerate(inputs.projects)]
    return TwoHighResult(
        projects=findings,
        listed=sum(f.on_list for f in findings),
        key_guidance=sum(f.key_guidance for f in findings),
        unapproved_start=sum(f.unapproved_start for f in findings),
    )
