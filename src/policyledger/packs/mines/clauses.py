"""The clauses the mines pack encodes.

The document is 《重庆市人民政府办公厅关于加强非煤矿山安全生产工作的实施意见》, issued with
渝府办发〔2022〕105号 on 14 September 2022 (Chongqing Municipal People's Government Gazette 2022
No. 18). Clause paths are written as the document writes them (``二、（四）1``); the ledger
stores them as ``二/四/1``. Quotes are verbatim (a test checks every quote of 105号 against
the clause text in a ledger holding the sample gazette). ``……`` separates quoted parts of one
clause.
"""

from __future__ import annotations

from policyledger.rules import cite

OPINION = "渝府办发〔2022〕105号"

GOALS = cite(
    OPINION,
    "一、（二）",
    "到2025年，全市大中型非煤矿山比例不低于60%；非煤矿山开采、铲装、运输、通风等主要作业工序"
    "机械化率达到100%；三级标准化企业达到100%；安全管理信息化率达到100%",
)
CHIEF_ENGINEER_GOAL = cite(OPINION, "一、（二）", "非煤矿山总工程师配备达到100%")
LICENCE = cite(
    OPINION,
    "二、（一）2",
    "严格非煤矿山安全生产许可管理和新改扩建项目安全设施设计审查",
)
PERSONS = cite(
    OPINION,
    "二、（一）3",
    "地下非煤矿山企业主要负责人每月带班下井不得少于5个工作日，实际控制人每月在非煤矿山生产现场"
    "履行安全职责时间不得少于10个工作日、每月研究解决1次安全生产重大问题并形成会议纪要。对正在"
    "生产或基建的非煤矿山，总工程师在矿在岗履职时间每月不少于15个工作日",
)
PRINCIPAL_CHECK = cite(
    OPINION, "二、（一）3", "主要负责人每月至少组织1次非煤矿山安全隐患排查并签字备查"
)
ACCESS = cite(
    OPINION,
    "二、（二）2",
    "严把开采深度超800米、与煤共生金属非金属非煤矿山，边坡高度超200米、开采规模超1000万吨的露天"
    "非煤矿山，以及坝高超200米、库容超1亿立方米的尾矿库建设项目安全准入关，严格建设项目安全设施"
    "设计审查",
)
GEOLOGY = cite(
    OPINION, "二、（二）2", "高风险非煤矿山建设项目安全设施设计依据的地质资料应当达到勘探程度"
)
DEVOLVED = cite(
    OPINION,
    "二、（二）2",
    "将年产50万吨以下（不含50万吨、新建矿山除外）的金属非金属露天非煤矿山建设项目安全设施设计"
    "审查权下放至区县",
)
NO_LICENCE = cite(
    OPINION,
    "二、（二）2",
    "对不进行爆破作业的页岩、型材、砂岩，可以不申办安全生产许可证，但应组织建设项目安全设施设计审查",
)
CONSTRUCTION = cite(
    OPINION,
    "二、（二）3",
    "非煤矿山企业要在批准的施工期限内完成项目建设，确需延期的要报经属地区县批准同意，延期时间原则上"
    "不超过1年，延期后再延期的应当重新履行安全设施设计审查程序",
)
STAFF_GOAL = cite(OPINION, "二、（三）1", "到2025年，市、区县非煤矿山专业执法人员配备率达到75%")
ENFORCEMENT = cite(
    OPINION,
    "二、（三）2",
    "开展检查诊断、行政处罚、整改复查闭环执法，严格落实执法“清零”和执法强度提升行动，对重点区县"
    "非煤矿山安全监管执法情况开展月排名、月通报和月考核",
)
MAJOR_HAZARDS = cite(OPINION, "二、（三）3", "围绕重大风险、重大隐患和突出违法“两重大一突出”问题")
TRANSPORT = cite(
    OPINION,
    "二、（三）3",
    "开展非煤矿山车辆运输专项整治，严格人车分离……强化非煤矿山外包工程整治，实行发包单位和承包"
    "单位双领导带班制度",
)
BLACKLIST = cite(
    OPINION,
    "二、（三）4",
    "对列入安全生产诚信管理“黑名单”的企业，在投融资、保险税收、招标投标、土地出让等方面依法予以限制",
)
INSURANCE = cite(OPINION, "二、（三）4", "推行安全责任保险，按规定提取安全费用")
OPEN_PIT = cite(
    OPINION,
    "二、（四）1",
    "露天非煤矿山要按照自上而下开采顺序，采用台阶开采，严禁掏采或者“一面墙”开采",
)
SLOPES = cite(
    OPINION,
    "二、（四）1",
    "对现状高度200米及以上的边坡要进行在线监测，100米及以上的边坡要每年进行1次边坡稳定性分析；"
    "对现状堆置高度200米及以上的排土场要进行在线监测，100米及以上的排土场要每年进行1次边坡稳定性分析",
)
RESERVES = cite(OPINION, "二、（四）2", "新建地下非煤矿山开拓矿量不得少于3年")
LEVELS = cite(OPINION, "二、（四）2", "中小型非煤矿山同时回采的中段数量不得多于3个")
PILLAR = cite(OPINION, "二、（四）2", "相邻非煤矿山之间要留设50米以上的保安矿柱")
VENTILATION = cite(
    OPINION, "二、（四）2", "完善地下非煤矿山机械通风系统，严禁以自然通风代替机械通风"
)
HOIST = cite(
    OPINION,
    "二、（四）2",
    "新建提升深度超过300米且单次提升超过9人的竖井提升系统，严禁使用单绳缠绕式提升机",
)
MAN_CAR = cite(OPINION, "二、（四）2", "新改扩建斜井严禁使用插爪式人车")
WATER = cite(
    OPINION,
    "二、（四）2",
    "水文地质类型为中等及以上的非煤矿山严格落实“三专两探一撤”措施，有老采空区的非煤矿山要配齐"
    "专用探放水设备",
)
SCALING = cite(
    OPINION,
    "二、（四）2",
    "开采深度超过800米或者开采规模超过30万吨/年的非煤矿山，鼓励采用机械化撬毛作业",
)
STAFFING = cite(OPINION, "二、（四）2", "实施井下劳动定员管理，严格控制井下单班作业人数")
BUILDING_STONE = cite(
    OPINION,
    "二、（四）2",
    "矿体埋藏深度小于200米的新建建筑石料非煤矿山，原则上不得采用地下开采方式",
)
TAILINGS_CLOSURE = cite(
    OPINION,
    "二、（四）3",
    "重点推动锰矿关闭企业、“头顶库”、运行到设计最终标高或者不再进行排尾作业、停用时间超过3年以及"
    "没有生产经营主体的尾矿库闭库销号工作",
)
TAILINGS_MONITORING = cite(OPINION, "二、（四）3", "推动运行尾矿库在线监测率达到100%")
CHECKS = cite(
    OPINION,
    "二、（五）2",
    "严格非煤矿山班组长日排查、矿长周排查、主要负责人月排查工作机制；对规模小、管理层级单一的"
    "非煤矿山，实行班组长或矿长日排查、主要负责人周排查机制",
)
FIVE_ITEMS = cite(OPINION, "二、（五）2", "对重大隐患整改做到责任、措施、资金、时限和预案“五落实”")
STRUCTURE = cite(
    OPINION,
    "二、（五）3",
    "地下非煤矿山、尾矿库以及大型露天非煤矿山要建立安全生产管理和生产技术管理“两套机构”，地下"
    "非煤矿山还应当配备矿长、总工程师和分管安全、生产、机电等“五职矿长”",
)
TWO_LISTS = cite(
    OPINION, "二、（五）4", "到2022年年底，非煤矿山企业重点岗位“两单两卡”编制率达到100%"
)
MANGANESE = cite(OPINION, "二、（六）1", "整体淘汰退出秀山县、城口县、酉阳县等县锰矿")
MECHANIZATION = cite(
    OPINION,
    "二、（六）2",
    "到2025年年底全市大中型非煤矿山开采、铲装、运输、通风等重点作业机械化达到100%",
)
STANDARDIZATION = cite(
    OPINION,
    "二、（六）3",
    "到2025年年底，全市三级标准化非煤矿山达到100%，二级标准化不低于40%，一级标准化达到5个",
)
INFORMATIZATION = cite(
    OPINION,
    "二、（六）4",
    "到2025年年底全市非煤矿山安全管理信息化、在线视频监控实现100%",
)
ESCALATION = cite(
    OPINION,
    "三",
    "加强警示提醒、考核巡查、挂牌督办……对事故频发的单位进行警示约谈、公开曝光、严肃追责",
)
