"""A deterministic generator of synthetic inspection notices, each with its gold record.

    python -m tests.generator OUT_DIR -n 1000 --seed 1 [--monthly 200] [--mix txt=6,html=2,pdf=1,docx=1] [--jobs 2]

writes OUT_DIR/notices/gNNNNNN.{txt,html,pdf,docx} and OUT_DIR/gold/gNNNNNN.json (the gold
format of shared/spec/findings.md, plus an `offender` key on planted repeat offenders), and
with --monthly N the N notices mNNNNNN of monthly series (their gold has `month`).

Regions come from cpca's bundled administrative-division table, so notices cover every
province, prefecture and county. Notice i depends only on (seed, i): the corpus is written
one notice at a time and never held in memory. Repeat offenders are drawn per province from
the seed alone, so the same unit is faulted across quarters, under its full name or its
abbreviation, on its website or its WeChat account.

Monthly series: a few prefectures and counties, drawn from the seed, publish a notice every
month (as 沈阳, 连云港, 章贡区 or 武定县 do); monthly notice k is issuer k mod their number's
notice for the (k div their number)-th month of its run. Each issuer has departments planted
to fail in runs of consecutive months, the runs drawn from the seed alone, so they are
repeat offenders with streaks in months.
"""
import argparse
import csv
import io
import itertools
import json
import logging
import multiprocessing
import random
import re
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from opencc import OpenCC

from ingest.normalize import to_simplified

YEARS = range(2015, 2026)
QUARTER_CN = "一二三四"
MUNICIPALITIES = {"11", "12", "31", "50"}
OUTSIDE_MAINLAND = {"71", "81", "82"}

# ---------------------------------------------------------------- regions (from cpca)


@dataclass
class Region:
    name: str                      # full name: 黔东南苗族侗族自治州
    code: str                      # 12-digit adcode
    children: list = field(default_factory=list)

    @property
    def stem(self):
        """The name without its level word or ethnic designation: 黔东南, 互助, 青海."""
        return _stem(self.name)

    @property
    def short(self):
        """The abbreviation notices use: 黔东南州, 互助县, 青海 (a province loses its suffix)."""
        stem = self.stem
        if self.code[2:] == "0" * 10:
            return stem
        for suffix in ("自治州", "自治县", "自治旗"):
            if self.name.endswith(suffix):
                return stem + suffix[-1]
        return self.name


@lru_cache(maxsize=1)
def _nations():
    text = resources.files("cpca.resources").joinpath("56_nations.csv").read_text("utf-8")
    names = [n.strip() for n in text.splitlines() if n.strip()]
    # longest first, so 柯尔克孜族 goes before a shorter name inside it
    return sorted(names, key=len, reverse=True)


def _stem(name):
    for suffix in ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "省", "市", "盟",
                   "县", "区"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            name = name[: -len(suffix)]
            break
    stripped = True
    while stripped:   # 黔东南苗族侗族 -> 黔东南苗族 -> 黔东南
        stripped = False
        for nation in _nations():
            # 蒙古族 is also written 蒙古 (巴音郭楞蒙古自治州); 水 or 回 alone is no designation
            bare = nation[:-1] if len(nation) > 2 else nation
            for form in (nation, bare):
                if name.endswith(form) and len(name) - len(form) >= 2:
                    name, stripped = name[: -len(form)], True
                    break
    return name


@lru_cache(maxsize=1)
def provinces():
    """The 31 mainland provinces, each with its prefectures and counties, from cpca's table."""
    text = resources.files("cpca.resources").joinpath("adcodes.csv").read_text("utf-8")
    rows = sorted(csv.DictReader(io.StringIO(text)), key=lambda r: r["adcode"])
    provs, prefs = {}, {}
    for r in rows:
        code, name = r["adcode"], r["name"]
        p, c, a = code[:2], code[2:4], code[4:6]
        if p in OUTSIDE_MAINLAND or code[6:] != "000000":
            continue
        if c == "00" and a == "00":
            provs[p] = Region(name, code)
        elif a == "00":
            if name not in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
                prefs[p + c] = Region(name, code)
                provs[p].children.append(prefs[p + c])
        elif name != "市辖区":
            parent = prefs.get(p + c)
            if parent is not None:
                parent.children.append(Region(name, code))
            elif p in MUNICIPALITIES:     # a municipality's districts hang off the province
                provs[p].children.append(Region(name, code))
    return [provs[k] for k in sorted(provs)]


# ---------------------------------------------------------------- vocabulary

# Government departments: (full name, abbreviation). A province's bureau is a 厅 where a
# prefecture's or county's is a 局, so the level rewrites the last character.
DEPARTMENTS = [
    ("发展和改革委员会", "发展改革委"), ("民族宗教事务委员会", "民宗委"),
    ("教育厅", "教育厅"), ("科学技术厅", "科技厅"), ("工业和信息化厅", "工信厅"),
    ("公安厅", "公安厅"), ("民政厅", "民政厅"), ("司法厅", "司法厅"), ("财政厅", "财政厅"),
    ("人力资源和社会保障厅", "人力资源社会保障厅"), ("自然资源厅", "自然资源厅"),
    ("生态环境厅", "生态环境厅"), ("住房和城乡建设厅", "住房城乡建设厅"),
    ("交通运输厅", "交通运输厅"), ("水利厅", "水利厅"), ("农业农村厅", "农业农村厅"),
    ("商务厅", "商务厅"), ("文化和旅游厅", "文化和旅游厅"),
    ("卫生健康委员会", "卫生健康委"),
    ("退役军人事务厅", "退役军人厅"), ("应急管理厅", "应急管理厅"), ("审计厅", "审计厅"),
    ("国有资产监督管理委员会", "国资委"), ("市场监督管理局", "市场监管局"),
    ("广播电视局", "广电局"), ("体育局", "体育局"), ("统计局", "统计局"),
    ("医疗保障局", "医保局"), ("药品监督管理局", "药监局"), ("林业和草原局", "林草局"),
    ("地方金融监督管理局", "地方金融监管局"), ("机关事务管理局", "机关事务局"),
    ("住房公积金管理中心", "公积金中心"), ("政务服务管理局", "政务服务局"),
]
ACCOUNT_PATTERNS = ["{}发布", "健康{}", "平安{}", "{}公安", "{}教育", "{}人社", "{}政务", "{}文旅",
                    "{}应急", "{}普法", "{}医保", "{}交通", "{}民政", "{}统计", "{}商务", "{}河长",
                    "信用{}", "{}生态环境", "{}司法行政", "{}气象"]

CHANNEL_WORDS = {
    "website": ["网站", "政府网站", "门户网站", "政府门户网站"],
    "wechat": ["微信公众号", "政务微信"],
    "weibo": ["政务微博", "新浪微博"],
    "douyin": ["抖音号"],
    "toutiao": ["今日头条号"],
}
# the plural noun an enumeration closes on: A、B、C等网站…
CHANNEL_NOUN = {"website": "网站", "wechat": "微信公众号", "weibo": "政务微博", "douyin": "抖音账号",
                "toutiao": "今日头条账号"}
MEDIA_CHANNELS = ["wechat", "wechat", "wechat", "weibo", "weibo", "douyin", "toutiao"]

# per problem: section headings, and predicates for websites and for accounts ({n} a number)
PROBLEMS = {
    "not_updated": (
        ["信息更新不及时", "部分栏目长期不更新", "不及时更新问题反弹",
         "内容保障不到位"],
        ["首页信息更新不及时", "更新不及时栏目超过{n}个", "动态类栏目超过2周未更新",
         "部分栏目长期不更新"],
        ["超过{n}天未更新", "更新频次达不到要求", "长期不更新", "每月更新少于4天"]),
    "blank_column": (
        ["空白栏目仍然存在", "栏目空白问题"],
        ["存在空白栏目", "存在{n}个空白栏目", "首页栏目显示为空白"],
        ["菜单栏目显示为空白"]),
    "broken_link": (
        ["错链断链问题", "链接可用性差"],
        ["存在错链断链", "首页链接无法打开", "存在{n}处断链"],
        ["菜单链接无法打开", "发布的链接打开后显示错误"]),
    "site_unavailable": (
        ["网站无法访问", "服务可用性不高"],
        ["首页无法访问", "多次监测无法打开", "因服务器故障无法访问"],
        ["无法正常访问"]),
    "display_error": (
        ["页面显示异常", "页面错乱"],
        ["页面显示异常", "部分页面错乱", "首页显示不正常"],
        ["图文内容显示异常"]),
    "wording_error": (
        ["存在严重表述错误", "信息审核把关不严", "错敏信息时有发生"],
        ["存在严重表述错误", "存在严重表述不规范", "存在错别字", "出现涉政表述错误"],
        ["存在严重表述不规范", "发布内容出现错别字", "出现涉政表述错误"]),
    "interaction_poor": (
        ["互动回应不及时", "留言办理时效差"],
        ["网民留言未及时答复", "留言办理超过时限", "未提供有效的互动功能"],
        ["未提供有效互动功能", "留言长期未回复", "自动回复设置不规范"]),
    "service_impractical": (
        ["办事服务不实用", "在线服务功能不可用"],
        ["办事服务功能无法使用", "在线办事入口无效", "办事指南要素缺失无法使用"],
        ["服务功能无法使用", "菜单服务不可用"]),
    "security": (
        ["网络安全防护薄弱", "安全漏洞防护手段落后"],
        ["存在SQL注入漏洞", "存在XSS跨站漏洞", "被植入暗链", "存在信息泄露风险"],
        ["账号被盗用发布不良信息"]),
    "policy_interpretation": (
        ["政策解读执行不到位", "政策解读缺失"],
        ["未设置政策解读栏目", "政策文件未同步发布解读材料", "未关联发布政策解读"],
        ["未同步推送政策解读"]),
    "ipv6": (
        ["IPv6改造力度有待加强", "IPv6部署改造滞后"],
        ["未完成IPv6改造", "不支持IPv6访问", "未进行IPV6改造"],
        []),
    "disclosure": (
        ["政府信息公开平台未全面改造", "政务公开标准化目录公布缓慢"],
        ["未完成政府信息公开平台改造", "未公开政府信息公开年度报告",
         "未在网站公开标准目录"],
        []),
    "registration": (
        ["基本信息变更报备不及时", "备案信息不准确"],
        ["基本信息未及时报备", "备案信息与实际不符", "网站变更后未及时修改报备信息"],
        ["账号更名后未报备", "基本信息未及时报备", "备案名称与实际不符"]),
    "zombie_account": (
        ["停止维护的账号未及时注销", "“僵尸”账号清理不到位"],
        [],
        ["长期无人维护未关停", "属于“僵尸”账号未注销", "已停止更新未及时注销"]),
    "repost_missing": (
        ["重要信息转载不到位", "未按要求转载"],
        ["未按要求转载国务院重要信息", "未及时转载重要政策信息"],
        ["未按要求转发重要信息"]),
    "rectification": (
        ["问题整改不到位", "整改报告报送不及时"],
        ["上季度通报问题仍未整改", "整改不到位", "未按时报送整改报告"],
        ["通报问题整改不到位", "未按时报送整改情况"]),
    "improper_conduct": (
        ["少数账号不严肃不规范", "发布行为不规范"],
        [],
        ["参与非政务工作互动或点赞", "发布后短时间内频繁删稿",
         "转发与政务无关的娱乐信息"]),
    "unspecified": (
        ["部分网站问题突出", "检查不合格"],
        ["问题突出", "检查不合格", "单项否决指标不达标"],
        ["检查不合格", "问题突出"]),
    "other": (
        ["域名使用不规范"],
        ["域名不符合政府网站域名管理规定", "名称与主办单位不一致"],
        []),
}
# the word a pipe table's problem column uses for each problem
TABLE_WORDS = {"not_updated": "更新不及时", "blank_column": "空白栏目", "broken_link": "错链断链",
               "site_unavailable": "无法访问", "display_error": "页面显示异常",
               "wording_error": "严重表述错误", "interaction_poor": "互动回应差",
               "security": "安全漏洞", "ipv6": "未完成IPv6改造"}

COMMENDATIONS = ["达标率较高的{noun}有", "进步较明显的{noun}有", "监管较好的{noun}有",
                 "得分靠前的{noun}有", "建设管理成效明显的{noun}有"]
PRAISE_PREDICATES = ["等{noun}建设管理成效明显", "等{noun}连续四个季度检查合格",
                     "等{noun}得分较高"]
SECTION_NUMS = "一二三四五六七八九十"
SPAM = ["您所在的位置:首页 > 政务公开 > 通知公告", "字号:[ 大 中 小 ] 打印本页 关闭窗口",
        "分享到: 微信 微博", "【打印】 【关闭】", "扫一扫在手机打开当前页"]
NEXT_STEPS = [
    "切实履行主管主办职责。各地区、各部门要落实政府网站和政务新媒体监管主体责任,"
    "健全内容保障、"
    "值班读网和应急处置机制,发现问题及时整改。",
    "严格落实信息审核把关制度。要严格执行“三审三校”要求,"
    "做好信息发布前的审核校对,避免错字漏字和表述错误。",
    "加快清理整合。要准确掌握本地区本部门政务新媒体的数量和运维状况,"
    "对无力维护的账号坚决予以关停。",
    "加强安全防护。要健全安全监测预警机制,定期开展漏洞扫描,"
    "确保网站和账号安全平稳运行。",
    "提升互动服务水平。要及时办理答复网民留言,不断优化在线办事服务,"
    "增强群众获得感。",
]


# ---------------------------------------------------------------- units


@dataclass
class Unit:
    names: tuple        # ways a notice may name it; the first is the full name
    key: str            # canonical identity, for repeat-offender checks
    kind: str           # "gov" (a region's government), "dept", or "account"
    channel: str = ""   # fixed for accounts


def _dept_name(dept, level):
    return dept if level == "province" or not dept.endswith("厅") else dept[:-1] + "局"


def region_units(region, level):
    """The units a notice at this region's level can name: its lower governments, its
    departments (full and abbreviated) and a few new-media accounts."""
    units = []
    lower = region.children if level != "county" else []
    for child in lower:
        names = (child.name, child.short) if child.short != child.name else (child.name,)
        units.append(Unit(names, child.name, "gov"))
        for grand in child.children[:6]:
            units.append(Unit((child.short + grand.name, grand.name), child.name + grand.name, "gov"))
    # a department's own region is named by its level word: 省民宗委, 州自然资源局, 区司法局
    municipality = level == "province" and region.code[:2] in MUNICIPALITIES
    prefix = next((word for word in ("自治区", "省", "州", "盟", "地区", "市", "区", "旗", "县")
                   if region.name.endswith(word)), "县")
    for full, short in DEPARTMENTS:
        # a municipality's bureaus are 局, as a prefecture's are
        dept_level = "prefecture" if municipality else level
        full, short = _dept_name(full, dept_level), _dept_name(short, dept_level)
        local = region.name if level == "province" else region.short
        names = (region.name + full, prefix + short, local + short)
        units.append(Unit(names, region.name + full, "dept"))
    for child in [region] + lower[:8]:
        for pattern in ACCOUNT_PATTERNS[:10]:
            name = pattern.format(child.stem)
            units.append(Unit((name,), name, "account"))
    return units


# ---------------------------------------------------------------- one notice


@lru_cache(maxsize=1)
def _s2t():
    return OpenCC("s2t")


def _pct(n, failed):
    return round((n - failed) * 100 / n, 2) if n else 100.0


def _fmt_pct(rate):
    return f"{rate:g}"


class NoticeWriter:
    """Composes one notice: its text (simplified, section by section) and its gold record."""

    def __init__(self, rng, province, region, level, year, quarter, offenders, period_word=None,
                 tagged=frozenset()):
        self.rng, self.province, self.region, self.level = rng, province, region, level
        self.year, self.quarter = year, quarter
        self.tagged = tagged        # planted offenders that fail only when due, tagged as the others
        # the period as a table's heading names it
        self.period_word = period_word or f"{year}年第{QUARTER_CN[quarter - 1]}季度"
        self.offenders = offenders
        self.units = region_units(region, level)
        self.used = set()
        self.lines = []
        self.findings = []
        self.pass_rates = []

    # -- helpers
    def pick_units(self, k, kinds):
        pool = [u for u in self.units if u.kind in kinds and u.key not in self.used and u.key not in self.tagged]
        chosen = self.rng.sample(pool, min(k, len(pool)))
        self.used.update(u.key for u in chosen)
        return chosen

    def name_of(self, unit):
        return self.rng.choice(unit.names)

    def add(self, name, channel, polarity, problem, unit=None):
        f = {"unit": name, "channel": channel, "polarity": polarity, "problem": problem}
        if unit is not None and (unit.key in self.offenders or unit.key in self.tagged):
            f["offender"] = unit.key
        self.findings.append(f)

    def channel_for(self, unit, problem=None):
        """An account keeps one platform; a government or department is faulted on its
        website or, less often, on its WeChat account."""
        if unit.kind == "account":
            return MEDIA_CHANNELS[zlib.crc32(unit.key.encode()) % len(MEDIA_CHANNELS)]
        if unit.key in self.tagged:     # a monthly offender's runs are on its website
            return "website"
        if problem and not PROBLEMS[problem][1]:
            return "wechat"
        if problem and not PROBLEMS[problem][2]:
            return "website"
        return "website" if self.rng.random() < 0.75 else "wechat"

    # -- sections
    def opening(self, scope_word, period):
        addressees = {
            "province": "各市、自治州人民政府,省政府各部门、各直属机构:",
            "prefecture": "各县(市、区)人民政府,市政府各部门、各直属机构:",
            "county": "各乡镇人民政府、街道办事处,县政府各部门:",
        }[self.level]
        basis = self.rng.choice([
            "根据《国务院办公厅秘书局关于印发政府网站与政务新媒体检查指标、"
            "监管工作年度考核指标的通知》"
            "(国办秘函〔2019〕19号)要求",
            "按照国务院办公厅和省政府办公厅"
            "关于政府网站与政务新媒体常态化监管工作的有关要求",
            "根据《政府网站发展指引》(国办发〔2017〕47号)"
            "和《关于推进政务新媒体健康有序发展的意见》"
            "(国办发〔2018〕123号)有关要求",
        ])
        self.lines += [addressees,
                       f"{basis},"
                       f"{self.office}组织开展了{period}{scope_word}政府网站和政务新媒体检查工作,"
                       "现将有关情况通报如下:"]

    def overall(self, scope_word, q_word):
        rng = self.rng
        n_site = rng.randint(20, 460)
        n_media = rng.randint(40, 3000)
        f_site = rng.choice([0, 0, rng.randint(1, max(1, n_site // 8))])
        f_media = rng.randint(0, max(1, n_media // 5))
        r_site, r_media = _pct(n_site, f_site), _pct(n_media, f_media)
        style = rng.randrange(3)
        if style == 0:
            text = (f"本次共检查{scope_word}{n_site}个政府网站、{n_media}个政务新媒体,"
                    f"其中存在突出问题的政府网站"
                    f"{f_site}个、政务新媒体{f_media}个,"
                    f"合格率分别为{_fmt_pct(r_site)}%和{_fmt_pct(r_media)}%。")
        elif style == 1:
            text = (f"{q_word},{scope_word}正常运行{n_site}个政府网站,经检查,不合格{f_site}个,"
                    f"合格率为{_fmt_pct(r_site)}%;检查政务新媒体{n_media}个,不合格{f_media}个,"
                    f"合格率为{_fmt_pct(r_media)}%。")
        else:
            text = (f"对{scope_word}纳入监管的{n_site}个政府网站进行了全覆盖检查,"
                    f"其中{f_site}个不合格,"
                    f"总体达标率{_fmt_pct(r_site)}%。抽查政务新媒体{n_media}个,{f_media}个不合格,"
                    f"达标率{_fmt_pct(r_media)}%。")
        self.pass_rates += [
            {"scope": "website", "checked": n_site, "failed": f_site, "rate": r_site},
            {"scope": "new_media", "checked": n_media, "failed": f_media, "rate": r_media},
        ]
        self.lines += ["一、总体情况", "(一)总体情况。" + text]

    def commendations(self):
        rng = self.rng
        self.lines.append("(二)监管情况。")
        for i, (noun, kinds) in enumerate([("政府网站", {"gov", "dept"}), ("政务新媒体", {"account"})]):
            units = self.pick_units(rng.randint(2, 6), kinds)
            if not units:
                continue
            channel = "website" if noun == "政府网站" else None
            names = []
            for u in units:
                name = self.name_of(u)
                ch = channel or self.channel_for(u)
                names.append(name)
                self.add(name, ch, "positive", None, u)
            if rng.random() < 0.6:
                self.lines.append(f"{i + 1}.{noun}情况:{rng.choice(COMMENDATIONS).format(noun=noun)}:"
                                  f"{'、'.join(names)}。")
            else:
                self.lines.append(f"{i + 1}.{noun}情况:{'、'.join(names)}"
                                  f"{rng.choice(PRAISE_PREDICATES).format(noun=noun)}。")

    def problems(self, heading_no, due=()):
        """The problems section; the units `due` (planted to fail this period) are faulted in
        its first paragraph, for a problem that websites and accounts both have."""
        rng = self.rng
        self.lines.append(f"{SECTION_NUMS[heading_no]}、"
                          f"{rng.choice(['主要问题', '存在的问题', '发现的问题'])}")
        codes = rng.sample(sorted(PROBLEMS), rng.randint(2, 6))
        if due:
            codes[0] = rng.choice([c for c in sorted(PROBLEMS) if PROBLEMS[c][1] and PROBLEMS[c][2]])
        number = 0
        for code in codes:
            headings, site_preds, media_preds = PROBLEMS[code]
            para = f"({SECTION_NUMS[number]}){rng.choice(headings)}。"
            if rng.random() < 0.5:
                para += ("个别单位对监管工作重视不够,常态化监测机制不健全,"
                         "导致问题反复出现。")
            # planted offenders are faulted first, under one of their names and channels
            offenders = [u for u in self.units if u.key in self.offenders and u.key not in self.used]
            chosen = rng.sample(offenders, min(len(offenders), rng.choice([0, 0, 1, 2])))
            self.used.update(u.key for u in chosen)
            if due:
                chosen, due = list(due) + chosen, ()
            chosen += self.pick_units(rng.randint(1, 5), {"gov", "dept", "account"})
            by_channel = {}
            for u in chosen:
                ch = self.channel_for(u, code)
                if (site_preds if ch == "website" else media_preds):
                    by_channel.setdefault(ch, []).append(u)
            clauses = []
            for ch, us in by_channel.items():
                preds = site_preds if ch == "website" else media_preds
                pred = rng.choice(preds).format(n=rng.randint(3, 30))
                clauses.append(self.enumeration(us, ch, code, pred))
            if clauses:
                self.lines.append(para + "".join(clauses))
                number += 1

    def enumeration(self, units, channel, code, pred):
        rng = self.rng
        names = [self.name_of(u) for u in units]
        for u, name in zip(units, names):
            self.add(name, channel, "negative", code, u)
        noun = CHANNEL_NOUN[channel]
        if len(names) == 1:
            word = rng.choice(CHANNEL_WORDS[channel])
            return f"{names[0]}{word}{pred}。"
        style = rng.randrange(4)
        if style == 0:
            return f"如:{'、'.join(names)}等{noun}{pred}。"
        if style == 1:
            return f"{'、'.join(names)}等{len(names)}个{noun}{pred}。"
        if style == 2:
            tagged = "、".join(f"{n}({noun})" for n in names)
            return f"{pred}的{noun}分别是:{tagged}。"
        word = rng.choice(CHANNEL_WORDS[channel])
        return f"其中,{'、'.join(n + word for n in names)}{pred}。"

    def table(self):
        """An attachment table, flattened to pipes as pages copied from the web are."""
        rng = self.rng
        units = self.pick_units(rng.randint(3, 8), {"gov", "dept"})
        if not units:
            return
        rows = ["附件", f"{self.period_word}政府网站检查问题情况",
                "序号 | 网站名称 | 存在问题 |"]
        for i, u in enumerate(units, 1):
            code = rng.choice(sorted(TABLE_WORDS))
            name = self.name_of(u)
            rows.append(f"{i} | {name}{rng.choice(['政府网站', '网站', '门户网站'])} | {TABLE_WORDS[code]} |")
            self.add(name, "website", "negative", code, u)
        self.lines += rows

    def closing(self, heading_no, published):
        rng = self.rng
        self.lines.append(f"{SECTION_NUMS[heading_no]}、"
                          f"{rng.choice(['下一步工作要求', '工作要求', '下步要求'])}")
        for i, para in enumerate(rng.sample(NEXT_STEPS, rng.randint(2, 4))):
            self.lines.append(f"({SECTION_NUMS[i]}){para}")
        self.lines += [self.office, f"{published.year}年{published.month}月{published.day}日"]


@dataclass
class Published:
    year: int
    month: int
    day: int

    def iso(self):
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def _place(rng):
    """A province, the notice's region within it and the region's level."""
    province = rng.choice(provinces())
    roll = rng.random()
    if roll < 0.4 or not province.children:
        return province, province, "province"
    child = rng.choice(province.children)
    if province.code[:2] in MUNICIPALITIES or (roll < 0.8 and child.children):
        # a municipality's child is a district: a county-level notice
        level = "county" if province.code[:2] in MUNICIPALITIES else "prefecture"
        return province, child, level
    if child.children:
        return province, rng.choice(child.children), "county"
    return province, child, "prefecture"


@lru_cache(maxsize=64)
def _offenders(seed, province_code):
    """Units of a province that keep failing, drawn from the seed alone (not the notice)."""
    province = next(p for p in provinces() if p.code == province_code)
    rng = random.Random(f"offenders/{seed}/{province_code}")
    keys = set()
    for region, level in [(province, "province")] + [(c, "prefecture") for c in province.children[:4]]:
        units = [u for u in region_units(region, level) if u.kind in ("gov", "dept")]
        keys.update(u.key for u in rng.sample(units, min(2, len(units))))
    return frozenset(keys)


def compose(seed, index):
    """Notice `index` of the corpus for `seed`: (simplified text, title, gold record, style)."""
    rng = random.Random(f"notice/{seed}/{index}")
    province, region, level = _place(rng)
    year, quarter = rng.choice(YEARS), rng.randint(1, 4)
    w = NoticeWriter(rng, province, region, level, year, quarter, _offenders(seed, province.code))
    q_cn = QUARTER_CN[quarter - 1]
    period = rng.choice([f"{year}年第{q_cn}季度", f"{year}年{q_cn}季度"])
    return _write(w, period, f"{q_cn}季度", (year, quarter * 3 + 1), {"quarter": quarter})


@dataclass(eq=False)        # one object per issuer (monthly_issuers is cached): hashed by identity
class MonthlyIssuer:
    province: Region
    region: Region
    level: str                # prefecture or county
    start: int                # the month of its first notice, as year * 12 + month - 1


MONTHLY_ISSUERS = 6


@lru_cache(maxsize=8)
def monthly_issuers(seed):
    """The prefectures and counties that publish monthly, each in a province of its own,
    drawn from the seed alone; none among the prefectures whose units fail quarterly."""
    rng = random.Random(f"monthly/{seed}")
    issuers = []
    for i, province in enumerate(rng.sample(provinces(), MONTHLY_ISSUERS)):
        prefecture = rng.choice(province.children[4:] or province.children)
        if province.code[:2] in MUNICIPALITIES:      # a municipality's child is a district
            region, level = prefecture, "county"
        elif i % 2 and prefecture.children:
            region, level = rng.choice(prefecture.children), "county"
        else:
            region, level = prefecture, "prefecture"
        issuers.append(MonthlyIssuer(province, region, level, rng.choice(YEARS[1:-3]) * 12 + rng.randrange(12)))
    return tuple(issuers)


@lru_cache(maxsize=64)
def monthly_offenders(seed, issuer):
    """{unit key: the months of the issuer's run (0 = its first notice) the unit fails in}:
    three of its departments, each failing in two runs of two to four months in a row."""
    rng = random.Random(f"monthly-offenders/{seed}/{issuer.region.code}")
    departments = [u for u in region_units(issuer.region, issuer.level) if u.kind == "dept"]
    offenders = {}
    for unit in rng.sample(departments, 3):
        months = set()
        for _ in range(2):
            first = rng.randrange(36)
            months.update(range(first, first + rng.randint(2, 4)))
        offenders[unit.key] = frozenset(months)
    return offenders


def compose_monthly(seed, index):
    """Monthly notice `index`: like `compose`'s, of a monthly issuer's month."""
    issuers = monthly_issuers(seed)
    issuer, position = issuers[index % len(issuers)], index // len(issuers)
    year, month = divmod(issuer.start + position, 12)
    month += 1
    rng = random.Random(f"monthly-notice/{seed}/{index}")
    planted = monthly_offenders(seed, issuer)
    w = NoticeWriter(rng, issuer.province, issuer.region, issuer.level, year, None,
                     _offenders(seed, issuer.province.code), f"{year}年{month}月", frozenset(planted))
    due = [u for u in w.units if position in planted.get(u.key, ())]
    period = rng.choice([f"{year}年{month}月", f"{year}年{month}月份"])
    return _write(w, period, f"{month}月", (year, month + 1), {"quarter": None, "month": month}, due)


def _write(w, period, short_period, published_in, gold_period, due=()):
    """The text of the notice `w` writes for `period` (`short_period` as the overall section
    names it), published in (year, month) `published_in` (a month 13 is January next)."""
    rng, province, region, level, year = w.rng, w.province, w.region, w.level, w.year
    scope_word = {"province": "全省", "prefecture": "全市", "county": "全县"}[level]
    if region.name.endswith("自治区"):
        scope_word = "全区"
    elif region.name.endswith("州"):
        scope_word = "全州"
    elif level == "county" and region.name.endswith("区"):
        scope_word = "全区"
    # the issuer names the chain above a county, so its province can be told
    chain = region.name
    if level == "county":
        parent = next((c for c in province.children if region in c.children), None)
        chain = (parent.name if parent else province.name) + region.name
    elif level == "prefecture" and rng.random() < 0.5:
        chain = province.name + region.name
    w.office = chain + ("人民政府办公厅" if level == "province" else "人民政府办公室")
    title = f"{w.office}关于{period}{scope_word}政府网站和政务新媒体检查情况的通报"
    published_year, month = published_in
    published = Published(published_year + (month > 12), (month - 1) % 12 + 1, rng.randint(1, 28))

    w.used.update(u.key for u in due)      # not commended in the month they fail
    w.opening(scope_word, period)
    w.overall(scope_word, short_period)
    if rng.random() < 0.7:
        w.commendations()
    w.problems(1, due)
    if rng.random() < 0.3:
        w.table()
    w.closing(2, published)

    header = []
    if rng.random() < 0.3:
        header.append(rng.choice(SPAM))
    header += [title, f"发布时间:{published.iso()} 来源:{w.office}"]
    text = "\n".join(header + w.lines) + "\n"

    script = rng.choices(["simplified", "traditional", "pinyin"], weights=[6, 3, 1])[0]
    masked = rng.random() < 0.02
    gold = {"doc": None, "province": province.name, "year": year, **gold_period,
            "published": published.iso(), "pass_rates": w.pass_rates, "findings": w.findings}
    if masked:
        text = re.sub(r"[0-9]", "*", text)
        gold.update(year=None, published=None, pass_rates=[])
    if script != "simplified":
        # gold keeps what the notice says, simplified as tongbao simplifies it (place names
        # such as 乾安 kept): names that do not survive the round trip are recorded as they come back
        for f in gold["findings"]:
            f["unit"] = to_simplified(_s2t().convert(f["unit"]))
        text = _s2t().convert(text)
        title = _s2t().convert(title)
        if script == "pinyin":
            text = glue_pinyin(text, rng)
    return text, title, gold, script


@lru_cache(maxsize=4096)
def _reading(char):
    from pypinyin import Style, pinyin
    return pinyin(char, style=Style.TONE)[0][0]


def glue_pinyin(text, rng):
    """Glue a reading after some characters, 關(guān) style, as some sites render ruby text."""
    # only readings with a tone mark: a toneless one (了 le) is not how such pages gloss
    chars = sorted({c for c in text if "\u4e00" <= c <= "\u9fff" and not _reading(c).isascii()})
    glued = set(rng.sample(chars, len(chars) // 6))
    return "".join(f"{c}({_reading(c)})" if c in glued else c for c in text)


# ---------------------------------------------------------------- files


# the share of each format in a corpus; PDFs are the slowest to write (about 2 s each)
FORMAT_WEIGHTS = {"txt": 6, "html": 2, "pdf": 1, "docx": 1}


def write_notice(out_dir, seed, index, mix=None, monthly=False):
    """Write notice `index` (of the monthly series if `monthly`) and its gold record; returns
    the notice's path."""
    text, title, gold, _ = (compose_monthly if monthly else compose)(seed, index)
    name = f"{'m' if monthly else 'g'}{index:06d}"
    rng = random.Random(f"format/{seed}/{index}" if not monthly else f"format/{seed}/{name}")
    mix = mix or FORMAT_WEIGHTS
    fmt = rng.choices(list(mix), weights=list(mix.values()))[0]
    path = Path(out_dir) / "notices" / f"{name}.{fmt}"
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "txt":
        path.write_text(text, encoding="utf-8")
    else:
        # a published document has real tables where the text copy has pipe-flattened rows
        from tests import render
        lines = text.split("\n")
        rows = [[c.strip() for c in line.strip().strip("|").split("|")]
                for line in lines if " | " in line]
        body = "\n".join(line for line in lines if " | " not in line)
        getattr(render, f"to_{fmt}")(body, path, tables=[rows] if rows else None)
    gold["doc"] = path.name
    gold_path = Path(out_dir) / "gold" / f"{name}.json"
    gold_path.parent.mkdir(parents=True, exist_ok=True)
    gold_path.write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def _write_one(args):
    return write_notice(*args)


def generate(out_dir, n, seed=1, mix=None, start=0, jobs=1, monthly=0):
    """Write notices start..start+n-1, each on its own, then monthly notices 0..monthly-1;
    yields each path as it is written. With jobs > 1 they are written by that many processes
    (same files, same bytes)."""
    tasks = itertools.chain(((out_dir, seed, i, mix) for i in range(start, start + n)),
                            ((out_dir, seed, i, mix, True) for i in range(monthly)))
    if jobs <= 1:
        _quiet()
        yield from map(_write_one, tasks)
        return
    with multiprocessing.get_context("spawn").Pool(jobs, initializer=_quiet) as pool:
        yield from pool.imap(_write_one, tasks, chunksize=8)


def _quiet():
    # fontTools reports every bitmap table of the CJK font it drops while subsetting
    logging.getLogger("fontTools").setLevel(logging.ERROR)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("-n", type=int, default=1000, help="number of notices")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--start", type=int, default=0, help="index of the first notice")
    ap.add_argument("--monthly", type=int, default=0, help="number of notices of monthly series")
    ap.add_argument("--jobs", type=int, default=1, help="processes writing notices")
    ap.add_argument("--mix", default=",".join(f"{k}={v}" for k, v in FORMAT_WEIGHTS.items()),
                    help="formats and their weights, e.g. txt=6,html=2,pdf=1,docx=1")
    args = ap.parse_args(argv)
    try:
        mix = {k: float(v) for k, v in (item.split("=") for item in args.mix.split(","))}
    except ValueError:
        ap.error(f"--mix: expected FORMAT=WEIGHT,…, got {args.mix!r}")
    unknown = set(mix) - set(FORMAT_WEIGHTS)
    if unknown:
        ap.error(f"unknown formats: {', '.join(sorted(unknown))}")
    count = sum(1 for _ in generate(args.out_dir, args.n, args.seed, mix, args.start, args.jobs, args.monthly))
    print(f"wrote {count} notices and their gold records to {args.out_dir}")


if __name__ == "__main__":
    main()
