"""Which lines of a page are the notice, and which are the site around it.

Rules read the language and shape of page furniture — breadcrumbs, navigation bars,
font-size and print widgets, copyright and reposting disclaimers, related-article lists,
injected spam titles — never a list of particular sites. A line of the notice itself
(long lists of unit names joined by 、 included) matches none of them.
"""
import re

# Words that only site furniture uses: navigation targets and page widgets.
_WIDGET = (r"首页|主页|收藏|无障碍|关怀版|长者版|适老|登录|注册|投稿"
           r"|RSS|English|繁体|简体|网站地图|联系我们|打印|关闭窗口|分享到"
           r"|字号|字体|纠错|扫一扫|手机版|移动版|藏文版|[Ee][Nn]")
WIDGET = re.compile(_WIDGET)
# 您的位置: A / B / C    当前位置: 首页>要闻>公告
BREADCRUMB = re.compile(r"^[•·【\[]?\s*[您你]?(?:当前|现在|目前)?(?:的|所在的?)?位置\s*[:：]"
                        r"|^(?:网站)?首页\s*[>/»＞]")
# A bar of short items split by | or 丨: "设为首页 | 加入收藏 | 无障碍阅读".
BAR_SPLIT = re.compile(r"\s*[|丨｜]\s*")
# What a nav bar's items name: the site's sections and the page's widgets.
SITE_SECTION = re.compile(_WIDGET + r"|公开|专题|专栏|办事|互动|交流|新闻|要闻"
                                    r"|动态|概况|走进|地图|中心|频道"
                                    r"|政策|解读|信箱|留言|服务$|网站$|版$")
# What a table's heading row names: what each column holds (序号 | 网站名称 | 主办单位 | 存在问题).
COLUMN_HEAD = re.compile(r"(序号|编号|名称|单位|主体|部门|问题|描述|说明|网址|域名"
                         r"|地址|链接|结果|结论|情况|得分|分数|等次|等级|排名|类型"
                         r"|类别|平台|账号|条数|次数|数量|时间|日期|备注|标识码"
                         r"|合格|\d{1,2}\s*月份?)$")
# 字号: 默认 超大 | 打印 |    【字体:大 中 小】打印本页    A+ A-
SIZE_WIDGET = re.compile(r"(字号|字体|字体大小)\s*[:：]\s*[\[【]?\s*(默认|大\s*中\s*小|超大|分享|$)"
                         r"|【\s*字体|\bA\+\s*A-|打印本页|分享到\s*[:：]?\s*$|打印\s*[|丨]?\s*$")
# A page-meta label with nothing after it: "作者:" "浏览:" "文 号:".
EMPTY_LABEL = re.compile(r"^[•·\s]*(作\s*者|编\s*辑|责任编辑|来\s*源|信息来源|浏览量?"
                         r"|阅读(次数|人数)?|点击(数|量)?"
                         r"|人\s*气|文\s*号|索\s*引\s*号|发布机构|字\s*号|字\s*体)\s*[:：]\s*$")
# The labels of a page's meta line: "发布时间:… 来源:… 阅读次数:".
META_LABEL = re.compile(r"(发布时间|发布日期|日期|时间|来源|作者|编辑|浏览"
                        r"|阅读次数|阅读人数|点击|人气)\s*[:：]")
URL = re.compile(r"(https?://|www\.)\S+|\b[a-z0-9-]+(\.[a-z0-9-]+)*\.(com|cn|net|org|top|tw|xyz|cc|info)\b/?",
                 re.I)
# An SEO spam title: short phrases glued by underscores, no sentence punctuation.
SPAM_TITLE = re.compile(r"^[^,。:;、]{2,40}(_[^,。:;、]{2,40}){2,}$")
MOJIBAKE = re.compile(r"[?�]{3,}")
# An advertisement injected into a reposted page: tagged as one, or giving a private contact
# (联系微信LN8890, 联系QQ 3302****5), which no notice does.
AD_LINE = re.compile(r"^[★☆\s]*[【\[]\s*(?:广告|推广|赞助)\s*[】\]]"
                     r"|(?:加|联系|咨询)\s*(?:微信|VX|QQ)\s*[:：号]?\s*"
                     r"[A-Za-z0-9*][A-Za-z0-9*_-]{4,}", re.I)
# A printed page's number: "— 2 —", "-3-", "第2页 共5页".
PAGE_NUMBER = re.compile(r"[-—–]+\s*\d{1,3}\s*[-—–]+|第\s*\d{1,3}\s*页\s*[,/]?\s*(共\s*\d{1,3}\s*页)?")
# Where the page's trailer starts: everything from here on belongs to the site.
TRAILER = re.compile(r"^[【\[]?\s*(版权声明|版权所有|免责声明|Copyright|©|\(c\)"
                     r"|相关(文章|阅读|新闻|链接|推荐)"
                     r"|推荐阅读|热点推荐|热门文章|上一篇|下一篇|扫一扫|我要纠错"
                     r"|责任编辑|原网页已被"
                     r"|本文来源于|转载请注明|扫描二维码|本文关键词|关注我们)", re.I)
# The caption above a QR code: "某某微信公众号" / "扫描二维码 关注我们".
QR_CAPTION = re.compile(r"(公众号|微信号|微博|客户端|APP)$", re.I)
RELATED_HEADING = re.compile(r"[【\[]?(相关(文章|阅读|新闻|链接|推荐)"
                             r"|推荐阅读|热点推荐|热门文章|延伸阅读)[】\]]?[:：]?")
REPOST_DISCLAIMER = re.compile(r"转载.{0,20}(目的|仅供).{0,30}(不代表|不构成)|版权归.{0,30}所有")
# Leftovers of a page <head>: `…" />`, `content="…`.
MARKUP_RESIDUE = re.compile(r'"\s*/?>\s*$|^\s*/?>|\b(content|href|src)="')


def _cells(s):
    """The items of a bar or the cells of a table row: split by | or 丨, else by spaces
    (tabs are spaces by now)."""
    return [c for c in (BAR_SPLIT.split(s) if BAR_SPLIT.search(s) else s.split(" ")) if c]


def _columns(cells):
    return sum(bool(COLUMN_HEAD.search(c)) for c in cells)


def reads_as_table_head(cells):
    """序号 | 网站名称 | 主办单位 | 检查结果 | 存在问题: most cells name what a column holds."""
    return len(cells) >= 2 and _columns(cells) >= max(2, len(cells) / 2)


def reads_as_navigation(cells, split_by_bars=True):
    """首页 | 政务公开 | 专题专栏: the cells name more site sections than table columns.
    Words split by spaces only are a bar when most of them are sections."""
    sections = sum(bool(SITE_SECTION.search(c)) and not COLUMN_HEAD.search(c) for c in cells)
    return sections > _columns(cells) and (split_by_bars or sections * 2 >= len(cells))


# The page furniture met is a line of at most a few dozen characters; a run-on notice of one line
# that quotes a disclaimer (转载…仅供…) is still the notice.
LONGEST_FURNITURE = 300


def is_furniture(line, at_top=False):
    """True for a line that belongs to the site around the notice.

    `at_top`: the line is among the first of the page, where navigation bars sit."""
    s = line.strip()
    if not s:
        return True
    if len(s) > LONGEST_FURNITURE and re.search(r"[。；;]", s):
        return False         # a paragraph of text, whatever site words it holds: never dropped whole
    if BREADCRUMB.search(s) or MARKUP_RESIDUE.search(s) or EMPTY_LABEL.match(s):
        return True
    # Short lines or page-meta lines only: a finding may speak of a site's 字号.
    if (len(s) <= 40 or len(META_LABEL.findall(s)) >= 2) and SIZE_WIDGET.search(s):
        return True
    if len(s) <= 40 and MOJIBAKE.search(s):
        return True
    if AD_LINE.search(s) and len(s) <= 80:
        return True
    if REPOST_DISCLAIMER.search(s):
        return True
    if SPAM_TITLE.match(s) or RELATED_HEADING.fullmatch(s) or PAGE_NUMBER.fullmatch(s):
        return True
    bare = URL.sub("", s).strip(" |/:：-")
    if URL.search(s) and len(bare) < 20 and "。" not in bare and "|" not in s:
        return True          # a domain or link standing alone, maybe with a greeting
    if re.fullmatch(r"[A-Za-z]{1,8}", s):
        return True          # EN, English, RSS standing alone
    cells = _cells(s)
    if reads_as_table_head(cells):
        return False         # a table's heading row, whatever widget word a column names
    items = [i for i in BAR_SPLIT.split(s) if i]
    if at_top and len(cells) >= 4 and all(len(i) <= 8 and not re.search(r"\d|、", i) for i in cells) \
            and reads_as_navigation(cells, split_by_bars=len(items) > 1):
        return True          # a bar of site links above the notice
    widgets = sum(bool(WIDGET.search(i)) for i in items)
    if len(items) >= 3 and all(len(i) <= 12 and not i.isdigit() for i in items) \
            and widgets >= max(2, len(items) / 2):
        return True          # 设为首页 | 加入收藏 | 无障碍阅读; a table row has few such cells
    if len(s) <= 30 and "|" not in s and WIDGET.search(s) and not re.search(r"[,。;]", s) \
            and not re.search(r"(通报|检查|抽查|情况|网站|新媒体|单位|政府)", s):
        return True
    if len(s) <= 40 and s[-1] in "!！" and not re.search(r"\d", s):
        return True          # a site's slogan
    return False


def notice_lines(lines):
    """The indices of the lines to keep: furniture out, and the trailer cut off."""
    total = sum(len(l) + 1 for l in lines)
    end, pos = len(lines), 0
    for i, line in enumerate(lines):
        if pos > total // 2 and TRAILER.search(line.strip()):
            end = i - 1 if i and QR_CAPTION.search(lines[i - 1].strip()) and len(lines[i - 1]) < 30 else i
            break
        pos += len(line) + 1
    return {i for i in range(end) if not is_furniture(lines[i], at_top=i < 6)}
