# やさしい日本語 (Easy Japanese) for madoguchi's public pages.
#
# Tag: ja-Hira. Easy Japanese has no tag of its own; the private-use
# ja-x-easy is what BCP 47 would suggest, but unic-langid (used for
# negotiation) rejects private-use subtags. ja-Hira uses only registered
# subtags, so it is valid BCP 47; lang="ja-Hira" is still read as Japanese by
# screen readers and fonts; and no phone sends it, so a phone set to Japanese
# always gets ordinary Japanese. This language is offered in the picker next
# to Japanese and chosen only with ?lang=ja-Hira (then remembered).
#
# Writing: short sentences, です/ます, one idea per sentence. Furigana: write
# 漢字《かんじ》 (the reading in 《》 right after the kanji). For a word that
# is not all kanji, mark its start with ｜: ｜ごみ袋《ごみぶくろ》. Put furigana on
# every kanji a child in the first years of school would not know. Never
# write HTML here: the page turns 《》 into ruby itself.

## Language identity

# This language's name, written in this language (shown in the language picker).
language-name = やさしい日本語
# This language's name in Japanese (shown to ward-office staff on the Japanese card).
language-name-ja = やさしい日本語
# Under the QR code on posters: "Scan to read this in your language".
poster-scan-caption = スマートフォンで　読《よ》みとると、あなたの　ことばで　読《よ》めます

## Site

site-name = 窓口《まどぐち》の　案内《あんない》
site-tagline = 市役所《しやくしょ》の　手続《てつづ》きを　わかりやすく　説明《せつめい》します
skip-to-content = 本文《ほんぶん》へ　すすむ
language-picker = ことば

## Index page

index-title = 市《し》の　手続《てつづ》き
index-intro = 手続《てつづ》きを　えらんでください。または、QRコードの　下《した》に　ある　コードを　書《か》いてください。
no-procedures = 手続《てつづ》きは　まだ　ありません。
search-label = 手続《てつづ》きの　名前《なまえ》や　コードで　さがす
search-submit = 検索《けんさく》
search-none = その　手続《てつづ》きは　ありません。ほかの　ことばで　さがすか、上《うえ》に　コードを　書《か》いて　ください。
code-label = 手続《てつづ》きの　コード
code-hint = 英語《えいご》の　文字《もじ》と　数字《すうじ》で　4〜6　文字《もじ》です（例《れい》：K7Q2）
code-submit = ひらく
code-invalid = 「{ $code }」は　ただしい　コードでは　ありません。コードは　英語《えいご》の　文字《もじ》と　数字《すうじ》で　4〜6　文字《もじ》です。

## Guidance page

procedure-code = コード：{ $code }
section-summary = どんな　手続《てつづ》きですか
section-bring = 持《も》って　いく　もの
section-steps = すること（じゅんばん）
section-where = 行《い》く　ところ
field-office = 役所《やくしょ》
field-floor = 何階《なんかい》
field-counter = 窓口《まどぐち》
section-hours = 受付《うけつけ》の　時間《じかん》
section-fee = お金《かね》
section-contact = 聞《き》きたい　ときの　電話《でんわ》
section-notes = 気《き》を　つけること
fallback-notice = この　手続《てつづ》きは　まだ　やさしい日本語《にほんご》で　読《よ》めません。下《した》は　{ $shown }で　書《か》いて　あります。
borrowed-notice = 一部《いちぶ》は まだ 翻訳《ほんやく》して いないので、ほかの ことばで 書《か》いて います。
stale-notice = この 翻訳《ほんやく》は 古《ふる》い かもしれません。日本語《にほんご》の 案内《あんない》は { $date } に 変《か》わりました。窓口《まどぐち》で 聞《き》いて ください。
stale-read-current = 新《あたら》しい 案内《あんない》：
section-ended-note = かわりに すること
staff-card-heading = 窓口《まどぐち》の　人《ひと》に　見《み》せてください
staff-card-hint = 下《した》の　わくの　中《なか》は、窓口《まどぐち》の　人《ひと》の　ために　ふつうの　日本語《にほんご》で　書《か》いて　あります。
back-to-index = 手続《てつづ》きの　リスト

## The card shown to the staff
# These lines are shown twice: in Japanese (from the ja locale) for the staff,
# and in the resident's language underneath, so they know what the card says.

card-request = この　手続《てつづ》きを　したいです：
# A fixed sentence naming this language, in this language (no variable):
# "I speak English." The Japanese card names it with staff-card-language.
card-language = わたしは　日本語《にほんご》が　わかります。
card-code = 手続《てつづ》きの　コード：{ $code }

## Error pages

not-found-title = 手続《てつづ》きが　見《み》つかりません
not-found-body = コード { $code } の　手続《てつづ》きは　ありません。コードを　もう一度《いちど》　見《み》て、書《か》いてください。
page-not-found-body = この　ページは　ありません。アドレスを　見《み》てください。または、下《した》に　コードを　書《か》いてください。
gone-title = この　手続《てつづ》きは　終《お》わりました
gone-body = この　手続《てつづ》きは　もう　ありません。下《した》の　窓口《まどぐち》で　聞《き》いてください。
bad-request-title = この　アドレスは　まちがっています
bad-request-body = アドレスが　わかりませんでした。アドレスを　見《み》てください。または、下《した》に　コードを　書《か》いてください。
server-error-title = うまく　いきませんでした
server-error-body = 少《すこ》し　待《ま》って、もう一度《いちど》　ためしてください。何回《なんかい》も　うまく　いかない　ときは、窓口《まどぐち》で　聞《き》いてください。

field-address = 住所《じゅうしょ》
forbidden-title = 見《み》ることが　できません
forbidden-body = この　ページは　見《み》ることが　できません。使《つか》える　アカウントで　ログインしてください。
too-many-title = 何回《なんかい》も　ためしました
too-many-body = { $seconds }秒《びょう》　待《ま》ってから、もう一度《いちど》　ためしてください。
unavailable-title = いま　できません
unavailable-body = いまは　できませんでした。少《すこ》し　待《ま》って、もう一度《いちど》　ためしてください。何回《なんかい》も　うまく　いかない　ときは、窓口《まどぐち》で　聞《き》いてください。

## Guidance page tools (the buttons show only where the browser can do them)

# $date is the date in YYYY-MM-DD form.
text-updated = 新《あたら》しく　した　日《ひ》：{ $date }
read-aloud = 読《よ》みあげる
listen = 音《おと》で 聞《き》く
read-aloud-stop = 読《よ》みあげを　止《と》める
copy-link = リンクを　コピーする
link-copied = リンクを　コピーしました。
share = ほかの　人《ひと》に　送《おく》る

## Full-screen card for the staff

staff-mode-open = 大《おお》きく　して　窓口《まどぐち》の　人《ひと》に　見《み》せる
staff-mode-close = 大《おお》きい　画面《がめん》を　閉《と》じる
phrases-heading = 窓口《まどぐち》で　使《つか》う　ことば
phrase-not-understand = わかりません。
phrase-write-down = 紙《かみ》に　書《か》いてください。
phrase-interpreter = 通訳《つうやく》の　人《ひと》は　いますか。

## Offline re-reading

offline-note = インターネットに つながって いません。この 電話《でんわ》に のこした ページを 見《み》せて います。
saved-title = のこした ページ
saved-intro = 開《ひら》いた ページは この 電話《でんわ》に のこります。インターネットが なくても、もう 一度《いちど》 読《よ》めます。どこにも 送《おく》りません。
saved-empty = のこした ページは まだ ありません。手続《てつづ》きの ページを 開《ひら》くと、ここに のこります。
