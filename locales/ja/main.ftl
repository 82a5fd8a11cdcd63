# The page's own words for madoguchi's public pages.
# Reference locale: every other locale translates these ids.
# Variables in { $braces } must be kept as they are.

## Language identity

# This language's name, written in this language (shown in the language picker).
language-name = 日本語
# This language's name in Japanese (shown to ward-office staff on the Japanese card).
language-name-ja = 日本語
poster-scan-caption = スキャンすると、あなたの言語で読めます

## Site

site-name = 窓口案内
site-tagline = 市役所の手続きを、あなたの言葉で説明します
skip-to-content = 本文へ移動
language-picker = 言語

## Index page

index-title = 市の手続き
index-intro = 手続きを選ぶか、QRコードの下に書いてあるコードを入力してください。
no-procedures = 公開されている手続きは、まだありません。
search-label = 手続きの名前やコードで探す
search-submit = 検索
search-none = 該当する手続きはありません。別の言葉で探すか、上の欄にコードを入力してください。
code-label = 手続きコード
code-hint = 英数字4〜6文字（例：K7Q2）
code-submit = 開く
code-invalid = 「{ $code }」は正しいコードではありません。コードは英数字4〜6文字です。

## Guidance page

procedure-code = コード：{ $code }
section-summary = どんな手続きですか
section-bring = 持っていくもの
section-steps = 手順
section-where = 行く場所
field-office = 役所
field-address = 住所
field-floor = 階
field-counter = 窓口
section-hours = 受付時間
section-fee = 手数料
section-contact = 問い合わせ先
section-notes = 注意すること
fallback-notice = この手続きは、まだ日本語で読むことができません。下に{ $shown }で表示しています。
borrowed-notice = 一部の項目はまだ翻訳されていないため、別の言語で表示しています。
stale-notice = この翻訳は、日本語の案内が変更された日（{ $date }）より前のものです。内容が古い場合がありますので、窓口で確認してください。
stale-read-current = 最新の案内：
section-ended-note = 代わりにすること
staff-card-heading = 窓口の職員に見せてください
staff-card-hint = 下の枠の中は、窓口の職員のために日本語で書いてあります。
back-to-index = すべての手続き

## The card shown to the staff
# These lines are shown twice: in Japanese (from the ja locale) for the staff,
# and in the resident's language underneath, so they know what the card says.

card-request = 次の手続きをしたいです。
# A fixed sentence naming this language, in this language (no variable):
# "I speak English." The Japanese card names it with staff-card-language.
card-language = 私は日本語を話します。
card-code = 手続きコード：{ $code }

## Error pages

not-found-title = 手続きが見つかりません
not-found-body = コード { $code } の手続きはありません。コードを確認して、もう一度試してください。
page-not-found-body = このページはありません。アドレスを確認するか、下にコードを入力してください。
gone-title = この手続きは終了しました
gone-body = この手続きは、今は行っていません。下の窓口で聞いてください。
bad-request-title = このリクエストに問題があります
bad-request-body = アドレスがわかりませんでした。アドレスを確認するか、下にコードを入力してください。
server-error-title = エラーが起きました
server-error-body = 少し待ってから、もう一度試してください。何度も起きるときは、窓口で聞いてください。
forbidden-title = 許可されていません
forbidden-body = このページを開く権限がありません。権限のあるアカウントでログインしてください。
too-many-title = 試行回数が多すぎます
too-many-body = { $seconds } 秒待ってから、もう一度お試しください。
unavailable-title = ただいま処理できません
unavailable-body = いまは処理できませんでした。少し待ってから、もう一度お試しください。何度も起きるときは、窓口でお尋ねください。

## Guidance page tools (the buttons show only where the browser can do them)

text-updated = 最終更新日：{ $date }
read-aloud = 読み上げる
listen = 音声で聞く
read-aloud-stop = 読み上げを止める
copy-link = リンクをコピー
link-copied = リンクをコピーしました。
share = 共有

## Full-screen card for the staff

staff-mode-open = 全画面で職員に見せる
staff-mode-close = 全画面を閉じる
phrases-heading = 窓口で使えることば
phrase-not-understand = わかりません。
phrase-write-down = 紙に書いてください。
phrase-interpreter = 通訳の方はいますか？

## Offline re-reading

offline-note = 通信がありません。この電話に保存したページを表示しています。
saved-title = 保存したページ
saved-intro = 開いたページはこの電話に保存され、通信がなくてももう一度読めます。どこにも送信されません。
saved-empty = 保存したページはまだありません。手続きのページを開くと、ここに保存されます。
