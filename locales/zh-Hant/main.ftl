# The page's own words for madoguchi's public pages.
# Reference locale: every other locale translates these ids.
# Variables in { $braces } must be kept as they are.

## Language identity

# This language's name, written in this language (shown in the language picker).
language-name = 繁體中文
# This language's name in Japanese (shown to ward-office staff on the Japanese card).
language-name-ja = 中国語（繁体字）
poster-scan-caption = 掃描即可用您的語言閱讀

## Site

site-name = Madoguchi
site-tagline = 用您的語言說明市政府的各項手續
skip-to-content = 跳到主要內容
language-picker = 語言

## Index page

index-title = 市政府辦理手續
index-intro = 請選擇一項手續，或輸入 QR Code 下方印的代碼。
no-procedures = 目前還沒有公開任何手續。
search-label = 依名稱或代碼搜尋手續
search-submit = 搜尋
search-none = 沒有符合搜尋條件的手續。請換個詞搜尋，或在上方輸入代碼。
code-label = 手續代碼
code-hint = 4到6個英文字母和數字，例如 K7Q2
code-submit = 開啟
code-invalid = 「{ $code }」不是有效的代碼。代碼由4到6個英文字母和數字組成。

## Guidance page

procedure-code = 代碼：{ $code }
section-summary = 這是什麼手續？
section-bring = 需要攜帶的東西
section-steps = 辦理步驟
section-where = 辦理地點
field-office = 機關
field-address = 地址
field-floor = 樓層
field-counter = 櫃檯
section-hours = 服務時間
section-fee = 費用
section-contact = 聯絡方式
section-notes = 注意事項
fallback-notice = 這項手續還沒有繁體中文版本。以下用{ $shown }顯示。
borrowed-notice = 部分內容尚未翻譯，以其他語言顯示：
stale-notice = 本譯文製作於日文原文更新（{ $date }）之前，部分內容可能已過時，請向櫃檯人員確認。
stale-read-current = 最新內容：
section-ended-note = 替代辦法
staff-card-heading = 請出示給工作人員看
staff-card-hint = 下方框內的內容是用日文寫給櫃檯工作人員看的。
back-to-index = 所有手續

## The card shown to the staff
# These lines are shown twice: in Japanese (from the ja locale) for the staff,
# and in the resident's language underneath, so they know what the card says.

card-request = 我想辦理以下手續：
# A fixed sentence naming this language, in this language (no variable):
# "I speak English." The Japanese card names it with staff-card-language.
card-language = 我說中文。
card-code = 手續代碼：{ $code }

## Error pages

not-found-title = 找不到這項手續
not-found-body = 沒有代碼為 { $code } 的手續。請確認代碼後再試一次。
page-not-found-body = 這個頁面不存在。請確認網址，或在下方輸入代碼。
gone-title = 這項手續已經停止辦理
gone-body = 這項手續已不再提供。請到下方的櫃檯詢問。
bad-request-title = 這個請求有問題
bad-request-body = 無法辨識這個網址。請確認網址，或在下方輸入代碼。
server-error-title = 發生錯誤
server-error-body = 請稍後再試。如果一直發生，請到櫃檯詢問。
forbidden-title = 不允許存取
forbidden-body = 您無法開啟此頁面。請使用有權限的帳號登入。
too-many-title = 嘗試次數過多
too-many-body = 請等待 { $seconds } 秒後再試。
unavailable-title = 系統忙碌中
unavailable-body = 目前無法處理。請稍候一分鐘再試。如果持續發生，請到櫃檯詢問。

## Guidance page tools (the buttons show only where the browser can do them)

text-updated = 最後更新：{ $date }
read-aloud = 朗讀
listen = 收聽
read-aloud-stop = 停止朗讀
copy-link = 複製連結
link-copied = 已複製連結。
share = 分享

## Full-screen card for the staff

staff-mode-open = 以全螢幕出示給工作人員
staff-mode-close = 關閉全螢幕
phrases-heading = 櫃檯常用語
phrase-not-understand = 我不明白。
phrase-write-down = 請寫下來。
phrase-interpreter = 有口譯人員嗎？

## Offline re-reading

offline-note = 目前沒有網路連線。現在顯示的是儲存在這支手機上的頁面。
saved-title = 已儲存的頁面
saved-intro = 您開啟過的頁面會儲存在這支手機上，沒有網路也能再次閱讀。不會傳送到任何地方。
saved-empty = 還沒有儲存任何頁面。開啟一項手續的頁面後，就會儲存在這裡。
