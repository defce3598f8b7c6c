"""Indicator taxonomy: canonical 一级/二级 names, their aliases, and the template versions that group them.

Sources: form-guide §2 and rules-research §6. A filing follows one version; the version decides where
服务对象满意度指标 and 成本指标 sit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

OUTPUT: Final = "产出指标"
BENEFIT: Final = "效益指标"
SATISFACTION: Final = "满意度指标"
COST: Final = "成本指标"
LEVEL1: Final = (COST, OUTPUT, BENEFIT, SATISFACTION)

SATISFACTION_L2: Final = "服务对象满意度指标"

_LEVEL1_ALIASES: Final = {
    "产出": OUTPUT,
    "效益": BENEFIT,
    "效果": BENEFIT,
    "满意度": SATISFACTION,
    "成本": COST,
}

_LEVEL2_ALIASES: Final = {
    "数量": "数量指标",
    "质量": "质量指标",
    "时效": "时效指标",
    "进度": "时效指标",
    "产出进度": "时效指标",
    "成本": "成本指标",
    "产出成本": "成本指标",
    "经济效益": "经济效益指标",
    "社会效益": "社会效益指标",
    "生态效益": "生态效益指标",
    "环境效益": "生态效益指标",
    "生态环境效益": "生态效益指标",
    "可持续影响": "可持续影响指标",
    "服务对象满意度": SATISFACTION_L2,
    "社会公众或服务对象满意度": SATISFACTION_L2,
    "社会公众满意度": SATISFACTION_L2,
    "经济成本": "经济成本指标",
    "社会成本": "社会成本指标",
    "生态环境成本": "生态环境成本指标",
}


@dataclass(frozen=True, slots=True)
class Version:
    key: str
    title: str
    tree: dict[str, tuple[str, ...]]

    def parent(self, level2: str) -> str | None:
        for level1, children in self.tree.items():
            if level2 in children:
                return level1
        return None


OLDER: Final = Version(
    "older",
    "older / Hubei-style template (满意度 inside 效益, 成本 inside 产出)",
    {
        OUTPUT: ("数量指标", "质量指标", "时效指标", "成本指标"),
        BENEFIT: ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", SATISFACTION_L2),
    },
)
V2015: Final = Version(
    "2015",
    "财预〔2015〕88号 template (满意度指标 its own 一级)",
    {
        OUTPUT: ("数量指标", "质量指标", "时效指标", "成本指标"),
        BENEFIT: ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
        SATISFACTION: (SATISFACTION_L2,),
    },
)
V2021: Final = Version(
    "2021",
    "财预〔2021〕101号 template (成本指标 and 满意度指标 their own 一级)",
    {
        COST: ("经济成本指标", "社会成本指标", "生态环境成本指标"),
        OUTPUT: ("数量指标", "质量指标", "时效指标"),
        BENEFIT: ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
        SATISFACTION: (SATISFACTION_L2,),
    },
)
VERSIONS: Final = {v.key: v for v in (OLDER, V2015, V2021)}

_ALL_LEVEL2: Final = frozenset(name for v in VERSIONS.values() for kids in v.tree.values() for name in kids)

_SPACE = re.compile(r"[\s\u00a0\u3000]+")
_PUNCT = re.compile(r"[：:（）()\[\]【】]")


def _key(text: str) -> str:
    return _PUNCT.sub("", _SPACE.sub("", text))


def canonical_level1(text: str) -> str | None:
    """ "产出" / "产出指标" / " 产出指标：" → "产出指标"; None when the text is no 一级 name."""
    key = _key(text)
    if key in LEVEL1:
        return key
    return _LEVEL1_ALIASES.get(key.removesuffix("指标"))


def canonical_level2(text: str) -> str | None:
    """ "数量" / "数量指标" / "进度指标" → canonical 二级; None when the text is no 二级 name."""
    key = _key(text)
    if key in _ALL_LEVEL2:
        return key
    return _LEVEL2_ALIASES.get(key.removesuffix("指标"))


def detect_version(level1_names: set[str], level2_names: set[str]) -> Version:
    """Pick the version a filing follows from the 一级 names it uses (and 成本 二级 names)."""
    if COST in level1_names or level2_names & set(V2021.tree[COST]):
        return V2021
    if SATISFACTION in level1_names:
        return V2015
    return OLDER


def infer_level1(level2: str, version: Version) -> str | None:
    """The 一级 that a 二级 belongs to under `version`, falling back to any version that knows it."""
    parent = version.parent(level2)
    if parent is not None:
        return parent
    for other in (V2021, V2015, OLDER):
        parent = other.parent(level2)
        if parent is not None:
            return parent
    return None
