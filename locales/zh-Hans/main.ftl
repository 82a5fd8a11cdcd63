# The page's own words for madoguchi's public pages.
# Reference locale: every other locale translates these ids.
# Variables in { $braces } must be kept as they are.

## Language identity

# This language's name, written in this language (shown in the language picker).
language-name = 简体中文
# This language's name in Japanese (shown to ward-office staff on the Japanese card).
language-name-ja = 中国語（簡体字）
poster-scan-caption = 扫码即可用您的语言阅读

## Site

site-name = Madoguchi
site-tagline = 用您的语言讲解市政府的办事手续
skip-to-content = 跳到正文
language-picker = 语言

## Index page

index-title = 市政办事手续
index-intro = 请选择一项手续，或输入二维码下方印着的代码。
no-procedures = 还没有发布任何手续。
search-label = 按名称或代码搜索手续
search-submit = 搜索
search-none = 没有符合搜索条件的手续。请换个词搜索，或在上方输入代码。
code-label = 手续代码
code-hint = 4到6位字母和数字，例如 K7Q2
code-submit = 打开
code-invalid = “{ $code }”不是有效的代码。代码由4到6位字母和数字组成。

## Guidance page

procedure-code = 代码：{ $code }
section-summary = 这是什么手续？
section-bring = 需要带的东西
section-steps = 办理步骤
section-where = 去哪里办理
field-office = 办事机构
field-address = 地址
field-floor = 楼层
field-counter = 窗口
section-hours = 办公时间
section-fee = 费用
section-contact = 联系方式
section-notes = 注意事项
fallback-notice = 这项手续还没有简体中文版本。下面用{ $shown }显示。
borrowed-notice = 部分内容尚未翻译，以其他语言显示：
stale-notice = 本译文制作于日文原文更新（{ $date }）之前，部分内容可能已过时，请向窗口工作人员确认。
stale-read-current = 最新内容：
section-ended-note = 替代办法
staff-card-heading = 请把这个给工作人员看
staff-card-hint = 下面框里的内容是用日语写给窗口工作人员看的。
back-to-index = 所有手续

## The card shown to the staff
# These lines are shown twice: in Japanese (from the ja locale) for the staff,
# and in the resident's language underneath, so they know what the card says.

card-request = 我想办理以下手续：
# A fixed sentence naming this language, in this language (no variable):
# "I speak English." The Japanese card names it with staff-card-language.
card-language = 我说中文。
card-code = 手续代码：{ $code }

## Error pages

not-found-title = 找不到这项手续
not-found-body = 没有代码为 { $code } 的手续。请检查代码后再试一次。
page-not-found-body = 这个页面不存在。请检查网址，或在下面输入代码。
gone-title = 这项手续已经结束
gone-body = 这项手续已不再办理。请到下面的窗口咨询。
bad-request-title = 这个请求有问题
bad-request-body = 无法识别这个网址。请检查网址，或在下面输入代码。
server-error-title = 出了点问题
server-error-body = 请稍后再试。如果一直出现这个问题，请到窗口咨询。
forbidden-title = 不允许访问
forbidden-body = 您无法打开此页面。请使用有权限的账户登录。
too-many-title = 尝试次数过多
too-many-body = 请等待 { $seconds } 秒后再试。
unavailable-title = 系统繁忙
unavailable-body = 目前无法处理。请稍等一分钟后再试。如果一直出现，请到窗口咨询。

## Guidance page tools (the buttons show only where the browser can do them)

text-updated = 最后更新：{ $date }
read-aloud = 朗读
listen = 收听
read-aloud-stop = 停止朗读
copy-link = 复制链接
link-copied = 链接已复制。
share = 分享

## Full-screen card for the staff

staff-mode-open = 全屏显示给工作人员
staff-mode-close = 退出全屏
phrases-heading = 窗口常用语
phrase-not-understand = 我不明白。
phrase-write-down = 请写下来。
phrase-interpreter = 有口译人员吗？

## Offline re-reading

offline-note = 没有网络连接。现在显示的是保存在这部手机上的页面。
saved-title = 已保存的页面
saved-intro = 您打开过的页面会保存在这部手机上，没有网络也能再次阅读。不会发送到任何地方。
saved-empty = 还没有保存任何页面。打开一项手续的页面后，就会保存在这里。
