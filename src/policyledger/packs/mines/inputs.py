"""The registry row of a non-coal mine or tailings pond: what the compliance rules read.

One :class:`Mine` per mine (one row of a registry template; the Chinese label and unit of each
field are in its annotation, see :func:`policyledger.rules.describe`). Only the id (采矿许可证
号 or the registry's number) and the name are required: every fact may be left empty, and an
empty fact makes the checks that need it ``unknown`` — never a silent pass. Heights and depths
are in metres, outputs in 万吨/年, capacities in 万立方米, days in working days of the month
reported (the last complete month before the check date).

Enumerations are codes: ``type`` open_pit | underground | tailings_pond; ``status``
construction | producing | suspended | closed; ``size_class`` large | medium | small;
``standardization`` 一级 | 二级 | 三级 | none.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from dataclasses import dataclass
from typing import Annotated, Literal

from policyledger.rules import Label, label

MineType = Literal["open_pit", "underground", "tailings_pond"]
MineStatus = Literal["construction", "producing", "suspended", "closed"]
SizeClass = Literal["large", "medium", "small"]
Grade = Literal["一级", "二级", "三级", "none"]
Hydrogeology = Literal["simple", "medium", "complex"]
HoistType = Literal["single_rope_winding", "multi_rope_winding", "friction", "other"]
ManCar = Literal["claw", "other", "none"]
ReviewLevel = Literal["city", "district"]
GeologyLevel = Literal["勘探", "详查", "普查"]


@dataclass(frozen=True)
class Mine:
    """A non-coal mine or tailings pond and its facts (see the module docstring)."""

    # --- registry ------------------------------------------------------------------------------
    id: Annotated[str, label("矿山编号（采矿许可证号或尾矿库编号）")]
    name: Annotated[str, label("矿山（尾矿库）名称")]
    enterprise: Annotated[str | None, label("企业名称")] = None
    type: Annotated[
        MineType | None, label("类型（open_pit 露天/underground 地下/tailings_pond 尾矿库）")
    ] = None
    mineral: Annotated[str | None, label("开采矿种", note="如 石灰岩、建筑石料、锰矿、页岩")] = None
    building_stone: Annotated[bool | None, label("建筑石料矿山")] = None
    annual_output: Annotated[float | None, label("生产规模", "万吨/年")] = None
    size_class: Annotated[
        SizeClass | None, label("规模类型（large 大型/medium 中型/small 小型）")
    ] = None
    district: Annotated[str | None, label("所在区县")] = None
    licence_valid_until: Annotated[dt.date | None, label("安全生产许可证有效期至")] = None
    status: Annotated[
        MineStatus | None,
        label("状态（construction 基建/producing 生产/suspended 停产/closed 关闭）"),
    ] = None
    new_build: Annotated[bool | None, label("新建矿山（建设项目）")] = None
    blasting: Annotated[bool | None, label("进行爆破作业")] = None
    principal: Annotated[str | None, label("主要负责人")] = None
    actual_controller: Annotated[str | None, label("实际控制人")] = None
    chief_engineer: Annotated[str | None, label("总工程师")] = None
    has_chief_engineer: Annotated[bool | None, label("已配备总工程师")] = None
    standardization: Annotated[Grade | None, label("安全生产标准化等级（一级/二级/三级/none）")] = (
        None
    )
    blacklisted: Annotated[bool | None, label("企业列入安全生产诚信管理“黑名单”")] = None
    single_management_level: Annotated[bool | None, label("管理层级单一")] = None
    # --- 四化: mechanization, information -------------------------------------------------------
    mech_mining: Annotated[bool | None, label("开采作业机械化")] = None
    mech_loading: Annotated[bool | None, label("铲装作业机械化")] = None
    mech_transport: Annotated[bool | None, label("运输作业机械化")] = None
    mech_ventilation: Annotated[bool | None, label("通风作业机械化", note="露天矿山留空")] = None
    safety_info_system: Annotated[bool | None, label("安全管理信息化")] = None
    video_monitoring: Annotated[bool | None, label("重点岗位在线视频监控")] = None
    # --- open pit (二、（四）1) ------------------------------------------------------------------
    top_down: Annotated[bool | None, label("自上而下开采顺序")] = None
    benching: Annotated[bool | None, label("台阶开采")] = None
    undercutting: Annotated[bool | None, label("存在掏采或“一面墙”开采")] = None
    slope_height: Annotated[float | None, label("边坡现状最大高度", "米")] = None
    slope_online_monitoring: Annotated[bool | None, label("边坡在线监测")] = None
    slope_analysis_date: Annotated[dt.date | None, label("最近一次边坡稳定性分析日期")] = None
    dump_height: Annotated[float | None, label("排土场现状堆置高度", "米", note="无排土场填0")] = (
        None
    )
    dump_online_monitoring: Annotated[bool | None, label("排土场在线监测")] = None
    dump_analysis_date: Annotated[dt.date | None, label("最近一次排土场边坡稳定性分析日期")] = None
    # --- underground (二、（四）2) ---------------------------------------------------------------
    developed_reserve_years: Annotated[float | None, label("开拓矿量保有期", "年")] = None
    levels_mined: Annotated[int | None, label("同时回采的中段数量", "个")] = None
    has_neighbour: Annotated[bool | None, label("有相邻矿山")] = None
    pillar_width: Annotated[float | None, label("与相邻矿山之间保安矿柱宽度", "米")] = None
    ventilation: Annotated[
        Literal["mechanical", "natural"] | None, label("通风方式（mechanical 机械/natural 自然）")
    ] = None
    shaft_hoist_new: Annotated[bool | None, label("新建竖井提升系统", note="无竖井提升填否")] = None
    hoist_depth: Annotated[float | None, label("竖井提升深度", "米")] = None
    hoist_persons: Annotated[int | None, label("单次提升人数", "人")] = None
    hoist_type: Annotated[
        HoistType | None,
        label("提升机类型（single_rope_winding 单绳缠绕式/multi_rope_winding/friction/other）"),
    ] = None
    inclined_shaft_new: Annotated[bool | None, label("新改扩建斜井", note="无斜井填否")] = None
    man_car: Annotated[ManCar | None, label("斜井人车（claw 插爪式/other 其他/none 无）")] = None
    hydrogeology: Annotated[
        Hydrogeology | None, label("水文地质类型（simple 简单/medium 中等/complex 复杂）")
    ] = None
    three_probe_measures: Annotated[bool | None, label("落实“三专两探一撤”措施")] = None
    old_workings: Annotated[bool | None, label("有老采空区")] = None
    drainage_probing: Annotated[bool | None, label("配齐专用探放水设备")] = None
    deposit_depth: Annotated[float | None, label("矿体埋藏深度", "米")] = None
    mining_depth: Annotated[float | None, label("开采深度", "米")] = None
    mechanized_scaling: Annotated[bool | None, label("采用机械化撬毛作业")] = None
    staffing_quota: Annotated[
        int | None, label("井下单班劳动定员", "人", note="未实施定员管理填0")
    ] = None
    max_shift_headcount: Annotated[int | None, label("井下单班最多作业人数", "人")] = None
    # --- tailings ponds (二、（四）3) ------------------------------------------------------------
    dam_height: Annotated[float | None, label("尾矿坝坝高", "米")] = None
    pond_capacity: Annotated[float | None, label("尾矿库总库容", "万立方米")] = None
    tailings_online_monitoring: Annotated[bool | None, label("尾矿库在线监测")] = None
    head_top: Annotated[bool | None, label("“头顶库”")] = None
    final_elevation: Annotated[bool | None, label("已运行到设计最终标高或不再排尾")] = None
    idle_since: Annotated[dt.date | None, label("停用日期", note="在用留空")] = None
    has_operator: Annotated[bool | None, label("有生产经营主体")] = None
    manganese_closed: Annotated[bool | None, label("属锰矿关闭企业")] = None
    closed_out: Annotated[bool | None, label("已闭库销号")] = None
    # --- approval and construction (二、（二）) --------------------------------------------------
    coal_coexisting: Annotated[bool | None, label("与煤共生")] = None
    design_slope_height: Annotated[float | None, label("设计最终边坡高度", "米")] = None
    design_reviewed: Annotated[bool | None, label("已组织安全设施设计审查")] = None
    design_review_level: Annotated[
        ReviewLevel | None, label("安全设施设计审查层级（city 市级/district 区县）")
    ] = None
    geology_level: Annotated[
        GeologyLevel | None, label("设计依据的地质资料程度（勘探/详查/普查）")
    ] = None
    construction_deadline: Annotated[dt.date | None, label("批准的施工期限截止日")] = None
    extension_until: Annotated[dt.date | None, label("延期至", note="未延期留空")] = None
    extension_approved: Annotated[bool | None, label("延期经属地区县批准")] = None
    extensions: Annotated[int | None, label("延期次数", "次")] = None
    redesign_reviewed: Annotated[bool | None, label("再延期后已重新履行设计审查")] = None
    # --- management (二、（一）3, 二、（三）, 二、（五）) ----------------------------------------
    principal_underground_days: Annotated[
        int | None, label("主要负责人当月带班下井", "个工作日")
    ] = None
    controller_onsite_days: Annotated[
        int | None, label("实际控制人当月在生产现场履职", "个工作日")
    ] = None
    controller_meetings: Annotated[
        int | None, label("实际控制人当月研究安全生产重大问题会议（有纪要）", "次")
    ] = None
    chief_engineer_days: Annotated[int | None, label("总工程师当月在矿在岗履职", "个工作日")] = None
    two_organizations: Annotated[bool | None, label("建立安全生产管理和生产技术管理“两套机构”")] = (
        None
    )
    five_posts: Annotated[bool | None, label("“五职矿长”配齐")] = None
    two_lists_two_cards: Annotated[bool | None, label("重点岗位“两单两卡”编制完成")] = None
    person_vehicle_separation: Annotated[bool | None, label("人车分离")] = None
    outsourced: Annotated[bool | None, label("有外包工程")] = None
    dual_leadership: Annotated[bool | None, label("发包、承包单位双领导带班")] = None
    safety_insurance: Annotated[bool | None, label("投保安全生产责任保险")] = None
    safety_fees: Annotated[bool | None, label("按规定提取安全费用")] = None


_LABELS: dict[str, Label] = {}


def fact_label(name: str) -> str:
    """The Chinese label of the :class:`Mine` field ``name`` (the name itself otherwise)."""
    if not _LABELS:
        hints = typing.get_type_hints(Mine, include_extras=True)
        for f in dataclasses.fields(Mine):
            extras = getattr(hints[f.name], "__metadata__", ())
            _LABELS[f.name] = next((e for e in extras if isinstance(e, Label)), Label(f.name))
    found = _LABELS.get(name)
    return found.zh if found is not None else name


def mechanized(mine: Mine) -> bool | None:
    """All main operations (开采、铲装、运输、通风) mechanized; ventilation counts only
    underground. None when one of them is unknown and none is known to be manual."""
    values = [mine.mech_mining, mine.mech_loading, mine.mech_transport]
    if mine.type == "underground":
        values.append(mine.mech_ventilation)
    if any(v is False for v in values):
        return False
    return None if any(v is None for v in values) else True


def district_name(written: str | None) -> str | None:
    """The body registry's name of a district or county as written (秀山县 →
    秀山土家族苗族自治县, 重庆市万州区 → 万州区); the text as written when the registry does not
    know it."""
    if written is None:
        return None
    from policyledger.registry.bodies import DISTRICT_KINDS, default_registry

    body = default_registry().resolve(written, jurisdiction="cq")
    if body is None or body.kind not in DISTRICT_KINDS:
        return "".join(written.split())
    return body.name
