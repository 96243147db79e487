"""Extract quantified targets from the text of one clause.

A target is a quantity the plan commits to reach ("到2025年，全市单位地区生产总值能源消耗比2020年
下降14%"). Thresholds that scope a rule ("35蒸吨/小时以下燃煤锅炉"), reward rates, fee rates and
duties of enterprises are not targets. The decision is made per quantity from the words around
it: the verb before it, what follows it, and rule vocabulary in its sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from policyledger.ingest.notes import split_top
from policyledger.ingest.quantities import (
    Quantity,
    baseline_name,
    find_quantities,
    find_years,
)

_REL_VERBS = (
    "达到|达|超过|突破|不低于|不少于|不超过|不高于|低于|高于|控制在|稳定在|保持在|维持在|压缩在|压缩至|"
    "压缩到|压减至|压减到|压减|降低到|降低至|降低|降到|降至|下降至|下降到|下降|减少到|减少至|减少|削减|"
    "缩短至|缩短到|缩短|提高到|提高至|提高|提升至|提升到|提升|增长到|增长至|增长|增加到|增加至|增加|"
    "上升至|上升到|上升|扩大到|扩大至|扩大|增至|升至|实现|超|占|为|在"
)
_CONSTRUCTION_VERBS = (
    "建成|建设|新建|改建|培育|创建|遴选|选择|选取|完成|打造|认定|引进|引育|举办|开展|推出|建立|组建|"
    "设立|形成|培训|新增|改造|招引|带动|吸引|扶持|培养|评选|命名|布局|储备|签约|创作|办好|建|办|育"
)
_ADVERBS = (
    r"(?:力争|分别|均|总体|累计|约|近|共|合计|全部|年均|每年|全市|分层级|集中|稳定|"
    r"[一二三两四五]年)*"
)
_REL_AT_END = re.compile(rf"({_REL_VERBS}){_ADVERBS}$")
_CONSTRUCTION_AT_END = re.compile(rf"(?:{_CONSTRUCTION_VERBS}){_ADVERBS}$")
_CONSTRUCTION_START = re.compile(
    r"^(?:(?:到|至)?\d{4}年(?:年?底|末)?|力争|全市|累计|集中|分层级|每年|新)*"
    rf"(?:{_CONSTRUCTION_VERBS})"
)
_ANY_VERB = re.compile(rf"{_REL_VERBS}|{_CONSTRUCTION_VERBS}")
_COMMIT_VERB = re.compile(
    rf"(?:{_CONSTRUCTION_VERBS}|达到|突破|超过|提高|提升|下降|降低|增长|增加|减少|实现|控制在|稳定在|"
    rf"不低于|不少于|不超过)"
)
_COMPARISON = re.compile(r"(?:超|超过|大于|小于|低于|高于|不足)" + _ADVERBS + "$")
_INDICATOR_HEAD = re.compile(
    r"(?:率|比例|比重|占比|规模|总额|总量|产值|产量|面积|能力|人数|数量|收入|增加值|投资|进出口|出口|进口|"
    r"销售额|交易额|营业收入|营收|总值|消费量|用量|排放量|减排量|能耗|强度|覆盖率|水平|指数|时间)$"
)
_INCREMENT_METRIC = re.compile(r"减排量|^新增|增量")
_SUFFIX = re.compile(r"^(?:及以上|及以下|以上|以下|以内|左右|多|余)")
_AFTER_VERB = re.compile(r"^(?:执行|达标|实现|覆盖|配备|落实)")

# Words that make a sentence a rule, reward or fee, not a target.
_RULE_SENTENCE = re.compile(
    r"奖励|奖补|补贴(?!性)|补助(?!性)|抵免|费率|降费|贴息|返还|放宽|滞纳金|有效期|收费|税额"
)
_RULE_CLAUSE = re.compile(
    r"不得|严禁|禁止|原则上|最长|最高|最低|至少|一般为|可按|可申请|给予|每月|每周|每季度"
)
_DUTY_FREQUENCY = re.compile(r"每[年月周日季]|每\d+年")

_LEAD_WORDS = re.compile(
    r"^(?:力争|确保|推动|推进|努力|争取|全面|基本|进一步|其中|并且|并|且|同时|以及|使|实现|要|将|"
    r"再|持续|逐步|累计|每年|年均)+"
)
_SCOPE = re.compile(
    r"^(全市|全国|全省|全区|全县|我市|本市|我国|中心城区|主城新区|主城都市区|重庆|市、区县|"
    r"各区县(?:（[^）]*）)?、乡镇（街道）|各区县|各地|各省|试点城市|"
    r"[\u4e00-\u9fff]{2,12}城镇群(?:和[\u4e00-\u9fff]{2,12}城镇群)?)"
)
_BASELINE_PHRASE = re.compile(
    r"(?:比|较|相比|与)(?:(?:19|20)\d\d年(?:底|末)?|“?十[一二三四五六七八九]五”?(?:末)?)"
)
_TRAILING = re.compile(rf"(?:{_REL_VERBS}){_ADVERBS}$|(?:分别|年均|均|总体|稳定|累计)+$")
_SHARED_HEAD = re.compile(
    r"(?:重点工程|排放|使用|综合|回收|处理|利用)?"
    r"(?:减排量|利用率|覆盖率|机械化率|达标率|处理率|回收率|配套率|使用比例|比例|使用量|占比|比重|规模|"
    r"总额|总量|产量|产值)$"
)
_DECREASE = re.compile(r"(?:下降|降低|减少|削减|压减|缩短|缩减)(?!至|到|在)")
_INCREASE = re.compile(r"(?:增长|提高|提升|增加|上升|扩大)(?!至|到|在)")
_LESS_EQUAL = re.compile(r"不超过|不高于|控制在|低于|以内|以下")
_PER_YEAR = re.compile(r"每年|年均")
_LIST_JOIN = re.compile(r"^[、和及与]$")
_TAIL = 16  # end-anchored patterns only need to look at the last few characters
_OPENERS = re.compile("[（〔“《]")
_PLAIN_SUBCLAUSE = re.compile("[^，；：]+")
_STOPS = ("。", "！", "？", "\n")
_STATEMENT = re.compile(r"[^；]+")
_NOUN_THEN_AND = re.compile(r"[^，；、和]*[和及、]")
_BRACKET_THEN_DE = re.compile(r"^（[^）]*）的")
_CONDITION_JOIN = re.compile(r"^(?:或|或者|且|并且)")
_OVERALL = re.compile(r"总体|合计|整体|综合(?:达到|为)")
_NOUN_END = re.compile(r"[，；]|[和及、](?=\d)")
_LEADING_VERBS = re.compile(rf"^(?:{_ADVERBS}(?:{_CONSTRUCTION_VERBS}))+")
_YEAR_PHRASE = r"(?:到|至)?(?:\d{4}年(?:年?底|末)?|“?十[一二三四五六七八九]五”?(?:期间|时期|末)?)"
_YEAR_LEAD = re.compile(rf"^{_YEAR_PHRASE}")
_TEXT_LEAD = re.compile(rf"^(?:{_YEAR_PHRASE}|力争|确保|努力|争取|其中|并|同时)+")
_PROGRAMME_VERB = re.compile(r"(?:实施|开展|组织|培训|培育|吸引|带动)[一二三两四五]?年?$")
_SHARE_OF = re.compile(r"^的[^，；]{1,20}?(?:建成|实现|达到|完成|建立|通过|具备|开展)")
_ANY_NUMBER = re.compile(r"\d|[十百千][万亿]|十[一二三四五六七八九]五")


@dataclass
class Target:
    """One quantified commitment, in the spec's terms, with its span in the normalised text."""

    metric: str
    scope: str | None
    value: int | float
    unit: str
    change: str | None
    relation: str
    baseline: str | None
    year: int | None
    per_year: bool
    text: str
    start: int
    end: int


@dataclass
class Region:
    """A stretch of clause text to search, and whether years carry across its sentences."""

    start: int
    end: int
    goals: bool = False


def extract_targets(
    text: str, regions: list[Region], masked: list[tuple[int, int]] = ()
) -> list[Target]:
    """Targets in the given regions of ``text``; ``masked`` spans (notes) are skipped.

    Callers that search many regions of one text should mask it once with ``mask_spans`` and
    pass no ``masked`` spans here.
    """
    if masked:
        text = mask_spans(text, masked)
    targets: list[Target] = []
    carried_year: int | None = None
    for region in regions:
        body = text[region.start : region.end]
        for start, end in _numbered_sentences(body):
            sentence_start = region.start + start
            sentence = body[start:end]
            found, last_year = _sentence_targets(
                sentence, sentence_start, carried_year if region.goals else None, region.goals
            )
            targets.extend(found)
            if region.goals and last_year is not None:
                carried_year = last_year
    return targets


def _numbered_sentences(body: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the sentences that hold a digit, a Chinese magnitude or a plan period:
    the only ones that can state a target or a target year."""
    pos = 0
    while (m := _ANY_NUMBER.search(body, pos)) is not None:
        start = max(body.rfind(stop, 0, m.start()) for stop in _STOPS) + 1
        ends = [i for i in (body.find(stop, m.end()) for stop in _STOPS) if i >= 0]
        end = min(ends) if ends else len(body)
        yield start, end
        pos = end + 1


def mask_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span replaced by sentence stops of the same length (offsets kept)."""
    parts, last = [], 0
    for a, b in sorted(spans):
        if a < last:
            a = last
        if a >= b:
            continue
        parts.append(text[last:a])
        parts.append("。" * (b - a))
        last = b
    parts.append(text[last:])
    return "".join(parts)


def _sentence_targets(
    sentence: str, offset: int, inherited_year: int | None, track_years: bool
) -> tuple[list[Target], int | None]:
    if not _ANY_NUMBER.search(sentence):
        return [], None
    quantities = find_quantities(sentence)
    if not quantities and not track_years:
        return [], None
    years = find_years(sentence)
    last_year = years[-1].year if years else None
    if not quantities:
        return [], last_year
    rule_spans = [
        (m.start(), m.end())
        for m in _STATEMENT.finditer(sentence)
        if _RULE_SENTENCE.search(m.group())
    ]
    targets: list[Target] = []
    for clause_start, clause in _subclauses(sentence):
        clause_end = clause_start + len(clause)
        inside = [q for q in quantities if clause_start <= q.start and q.end <= clause_end]
        if not inside or _RULE_CLAUSE.search(clause) or clause.endswith("的"):
            continue  # a rule, or the condition of one ("…并与其签订1年以上劳动合同的")
        if any(a <= clause_start < b for a, b in rule_spans):
            continue
        groups = _value_groups(sentence, inside)
        local_start = clause_start
        verb = ""
        for k, group in enumerate(groups):
            year = next(
                (y.year for y in reversed(years) if y.end <= group[0].start), inherited_year
            )
            next_start = groups[k + 1][0].start if k + 1 < len(groups) else clause_end
            found = _group_targets(
                sentence,
                offset,
                (clause_start, local_start),
                clause_end,
                group,
                next_start,
                year,
                verb,
            )
            targets.extend(found)
            verb = ""
            if found and (m := _CONSTRUCTION_AT_END.search(sentence[local_start : group[0].start])):
                between = sentence[group[-1].end : next_start]
                if _NOUN_THEN_AND.fullmatch(between):
                    verb = m.group()  # "建设50所高水平高等职业学校和150个骨干专业"
            tail = group[-1].end
            if m := _SUFFIX.match(sentence[tail:clause_end]):
                tail += m.end()
            # "建成绿色园区30个、绿色工厂300家": the next item starts after the 、
            local_start = tail + 1 if sentence.startswith("、", tail) else clause_start
    return targets, last_year


def _subclauses(sentence: str) -> list[tuple[int, str]]:
    """Comma/semicolon-separated parts of a sentence (outside brackets), with their offsets."""
    if not _OPENERS.search(sentence):
        return [(m.start(), m.group()) for m in _PLAIN_SUBCLAUSE.finditer(sentence)]
    parts = []
    depth = 0
    start = 0
    for i, c in enumerate(sentence):
        if c in "（〔“《":
            depth += 1
        elif c in "）〕”》" and depth:
            depth -= 1
        elif c in "，；：" and depth == 0:
            parts.append((start, sentence[start:i]))
            start = i + 1
    parts.append((start, sentence[start:]))
    return [(s, t) for s, t in parts if t]


def _value_groups(sentence: str, quantities: list[Quantity]) -> list[list[Quantity]]:
    """Group quantities written as a list ("4.32万吨、0.18万吨" / "65%和55%")."""
    groups: list[list[Quantity]] = []
    for q in quantities:
        if groups:
            prev = groups[-1][-1]
            between = _SUFFIX.sub("", sentence[prev.end : q.start])
            if _LIST_JOIN.match(between) and not prev.chinese and not q.chinese:
                groups[-1].append(q)
                continue
        groups.append([q])
    return groups


def _group_targets(
    sentence: str,
    offset: int,
    starts: tuple[int, int],
    clause_end: int,
    group: list[Quantity],
    next_start: int,
    year: int | None,
    shared_verb: str = "",
) -> list[Target]:
    clause_start, local_start = starts
    first, last = group[0], group[-1]
    suffix_m = _SUFFIX.match(sentence[last.end : clause_end])
    suffix = suffix_m.group() if suffix_m else ""
    tail_start = last.end + len(suffix)
    rest = sentence[tail_start:clause_end]
    local_rest = sentence[tail_start:next_start]
    if local_rest.startswith("、") and next_start < clause_end:
        local_rest = ""  # a list of targets: "建成绿色园区30个、绿色工厂300家"
    full_pre = sentence[clause_start : first.start]
    local_pre = sentence[local_start : first.start]
    if shared_verb:
        local_pre = shared_verb
        text_from = sentence.rfind(shared_verb, clause_start, first.start)
        local_start = text_from if text_from >= 0 else local_start
    kind = _accept(full_pre, local_pre, rest, local_rest, first, year)
    if kind is None:
        return []
    scope, metrics, text_start = _metrics(
        sentence, clause_start, first, local_pre, rest, kind, len(group)
    )
    if shared_verb:
        text_start = local_start
    if first.chinese:
        metrics = [sentence[first.start : tail_start] + _noun_after(rest)]
    per_year = bool(_PER_YEAR.search(full_pre))
    change = _change(local_pre, metrics[0] if metrics else "")
    baseline = baseline_name(full_pre)
    text_end = tail_start if kind != "count" else clause_end
    span_text = sentence[text_start:text_end]
    targets = []
    if len(group) > 1:
        values = group
        if len(metrics) != len(group):
            metrics = [metrics[0] if metrics else ""] * len(group)
        pairs = list(zip(metrics, values, strict=True))
    else:
        pairs = [(m, first) for m in (metrics or [""])]
    for metric, q in pairs:
        q_suffix_m = _SUFFIX.match(sentence[q.end : clause_end])
        q_suffix = q_suffix_m.group() if q_suffix_m else suffix
        targets.append(
            Target(
                metric=metric,
                scope=scope,
                value=q.number,
                unit=q.unit,
                change=change,
                relation=_relation(local_pre, q_suffix),
                baseline=baseline,
                year=year,
                per_year=per_year,
                text=span_text,
                start=offset + text_start,
                end=offset + text_end,
            )
        )
    return targets


def _accept(
    full_pre: str, local_pre: str, rest: str, local_rest: str, q: Quantity, year: int | None
) -> str | None:
    """Decide whether the quantity is a target; return how it is phrased, or None."""
    if q.unit == "%" and year is not None and _SHARE_OF.match(rest):
        return "share"  # "全国80%以上的县（市、区）建成标准化服务体系"
    if rest.startswith("的") or _BRACKET_THEN_DE.match(rest):
        return None  # an attribute: "年产废量1万吨以上的企业"
    if _CONDITION_JOIN.match(rest):
        return None  # one of several conditions
    if local_pre.endswith(("第", "每", "前", "后")):
        return None
    if q.unit.endswith("次") and _DUTY_FREQUENCY.search(full_pre):
        return None
    closes = not local_rest
    if _COMPARISON.search(local_pre[-_TAIL:]) and (rest.startswith("、") or "的" in rest):
        return None  # a threshold: "边坡高度超200米、开采规模超1000万吨的露天非煤矿山"
    if q.chinese:
        return (
            "count"
            if _CONSTRUCTION_AT_END.search(local_pre[-_TAIL:])
            or _PROGRAMME_VERB.search(local_pre[-_TAIL:])
            else None
        )
    if rel := _REL_AT_END.search(local_pre[-_TAIL:]):
        if rel.group(1) in ("在", "为", "占", "超", "达") and not closes:
            return None
        return (
            "level"
            if closes or _COMPARISON.search(local_pre[-_TAIL:])
            else ("level" if not _ANY_VERB.search(rest[:2]) else None)
        )
    if _CONSTRUCTION_AT_END.search(local_pre[-_TAIL:]):
        return "count"
    if closes and _CONSTRUCTION_START.match(local_pre):
        return "count"  # "建成绿色园区30个"
    if closes and (
        _COMMIT_VERB.search(full_pre)
        or _INDICATOR_HEAD.search(local_pre[-_TAIL:])
        or local_pre.startswith(("新增", "累计", "带动"))
    ):
        return "level"
    if q.unit == "%" and _AFTER_VERB.match(rest) and year is not None:
        return "share"
    return None


def _clean_metric(phrase: str) -> tuple[str | None, str]:
    """Strip lead words, scope, baseline and trailing verbs; return (scope, metric)."""
    phrase = _YEAR_LEAD.sub("", phrase)
    phrase = _LEAD_WORDS.sub("", phrase)
    scope = None
    if m := _SCOPE.match(phrase):
        scope = m.group(1)
        phrase = phrase[m.end() :]
        phrase = _LEAD_WORDS.sub("", phrase)
    phrase = _BASELINE_PHRASE.sub("", phrase)
    previous = None
    while previous != phrase:
        previous = phrase
        phrase = _TRAILING.sub("", phrase)
    return scope, phrase.strip("、，")


def _metrics(
    sentence: str,
    clause_start: int,
    first: Quantity,
    local_pre: str,
    rest: str,
    kind: str,
    n_values: int,
) -> tuple[str | None, list[str], int]:
    """Scope, one metric per target, and where the target's text starts in the sentence."""
    pre_start = max(clause_start, first.start - len(local_pre))
    lead = _TEXT_LEAD.match(local_pre)
    text_start = pre_start + (lead.end() if lead else 0)
    scope, phrase = _clean_metric(local_pre)
    if scope is None and len(local_pre) < first.start - clause_start:
        scope = _clean_metric(sentence[clause_start : first.start])[0]
    if kind == "count":
        if _CONSTRUCTION_AT_END.search(local_pre[-_TAIL:]) and rest:
            return scope, [_noun_after(rest)], text_start
        phrase = _strip_verb(phrase)
        if "的" in phrase[1:]:
            phrase = phrase.rsplit("的", 1)[1] or phrase
        return scope, [phrase], text_start
    if kind == "share":
        return scope, [(phrase + rest).lstrip("的")], text_start
    if not phrase and rest:
        return scope, [_noun_after(rest)], text_start
    overall = bool(_OVERALL.search(local_pre))
    items = _metric_items(phrase, n_values, kind, overall)
    return scope, items, text_start


def _strip_verb(phrase: str) -> str:
    """ "分层级建设国际营销服务公共平台" → "国际营销服务公共平台"; 新增/累计 stay: they are part of
    what is counted."""
    if phrase.startswith(("新增", "累计")):
        return phrase
    return _LEADING_VERBS.sub("", phrase)


def _noun_after(rest: str) -> str:
    """The counted thing written after the number: "10家国家级贸易双循环企业"."""
    noun = _NOUN_END.split(rest)[0]
    return noun.rsplit("的", 1)[1] if "的" in noun[1:] else noun


def _metric_items(phrase: str, n_values: int, kind: str, overall: bool) -> list[str]:
    """One metric per target: "A、B利用率" → ["A利用率", "B利用率"] when the sentence lists them."""
    items = split_top(phrase, "、")
    if n_values > 1 and len(items) != n_values:
        items = split_top(phrase, "、和")
    if n_values > 1 and len(items) == n_values:
        return _share_head(items)
    if n_values == 1 and kind == "level" and not overall and _is_metric_list(items):
        return _share_head(items)
    return [phrase]


def _is_metric_list(items: list[str]) -> bool:
    """ "农药、化肥利用率" names two indicators; "开采、铲装、运输、通风等主要作业工序机械化率"
    or "各级党政机关、事业单位新增和更新的公务用车…占比" names one."""
    if not 2 <= len(items) <= 6:
        return False
    if any("等" in i for i in items) or "的" in items[-1]:
        return False
    if any(i.startswith(("各", "市", "区县", "乡镇", "县")) for i in items[:-1]):
        return False
    return all(len(i) <= 12 for i in items[:-1])


def _share_head(items: list[str]) -> list[str]:
    m = _SHARED_HEAD.search(items[-1])
    if not m:
        return items
    head = m.group()
    return [i if _SHARED_HEAD.search(i) else i + head for i in items[:-1]] + [items[-1]]


def _change(local_pre: str, metric: str) -> str | None:
    if _INCREMENT_METRIC.search(metric):
        return None
    verb = _REL_AT_END.search(local_pre[-_TAIL:])
    if not verb:
        return None
    word = verb.group(1)
    if _DECREASE.fullmatch(word) or _DECREASE.match(word + " "):
        return "decrease"
    if _INCREASE.fullmatch(word) or _INCREASE.match(word + " "):
        return "increase"
    return None


def _relation(local_pre: str, suffix: str) -> str:
    if suffix == "左右":
        return "≈"
    if suffix in ("以内", "以下", "及以下"):
        return "<="
    verb = _REL_AT_END.search(local_pre[-_TAIL:])
    if verb and _LESS_EQUAL.fullmatch(verb.group(1)):
        return "<="
    return ">="
