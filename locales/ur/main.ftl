### اردو (ur): main.ftl, made by `madoguchi locales new` from English.
### NATIVE REVIEW PENDING: no native speaker has reviewed this language yet.
### Every message is translated (2026-12-04, by the madoguchi team, not by a native
### speaker): until a native speaker has reviewed it, treat its wording as a draft.


## Language identity

# This language's name, written in this language (shown in the language picker).
language-name = اردو
# This language's name in Japanese (shown to ward-office staff on the Japanese card).
language-name-ja = ウルドゥー語

# Under the QR code on posters, in every language the service has: "Scan to read this in your language".
poster-scan-caption = اپنی زبان میں پڑھنے کے لیے اسکین کریں


## Site


site-name = Madoguchi


site-tagline = شہر کی دفتری کارروائیاں، آپ کی اپنی زبان میں


skip-to-content = اصل مواد پر جائیں


language-picker = زبان


## Index page


index-title = شہر کی دفتری کارروائیاں


index-intro = کوئی کارروائی چنیں، یا QR کوڈ کے نیچے چھپا ہوا کوڈ لکھیں۔


no-procedures = ابھی تک کوئی کارروائی شائع نہیں کی گئی۔


# The search box on the index: its label, its button, and what shows when nothing matches.
search-label = نام یا کوڈ سے کارروائی تلاش کریں


search-submit = تلاش کریں


search-none = آپ کی تلاش سے کوئی کارروائی نہیں ملی۔ دوسرے الفاظ آزمائیں، یا اوپر کوڈ لکھیں۔


code-label = کارروائی کا کوڈ


code-hint = 4 سے 6 حروف اور نمبر، مثلاً K7Q2


code-submit = کھولیں


code-invalid = “{ $code }” درست کوڈ نہیں ہے۔ کوڈ میں 4 سے 6 حروف اور نمبر ہوتے ہیں۔


## Guidance page


procedure-code = کوڈ: { $code }


section-summary = یہ کیا ہے؟


section-bring = ساتھ کیا لے جائیں


section-steps = مراحل


section-where = کہاں جائیں


field-office = دفتر


field-address = پتہ


field-floor = منزل


field-counter = کاؤنٹر


section-hours = کھلنے کے اوقات


section-fee = فیس


section-contact = رابطہ


section-notes = اہم باتیں


fallback-notice = یہ کارروائی ابھی اردو میں دستیاب نہیں ہے۔ نیچے یہ { $shown } زبان میں دکھائی گئی ہے۔


borrowed-notice = کچھ حصوں کا ترجمہ ابھی نہیں ہوا۔ وہ کسی اور زبان میں دکھائے گئے ہیں:


stale-notice = یہ ترجمہ { $date } کو جاپانی متن بدلنے سے پہلے کیا گیا تھا۔ کچھ معلومات پرانی ہو سکتی ہیں: براہ کرم عملے سے پوچھ لیں۔


stale-read-current = موجودہ متن:


section-ended-note = اس کے بجائے کیا کریں


staff-card-heading = یہ عملے کو دکھائیں


staff-card-hint = نیچے والا خانہ کاؤنٹر کے عملے کے لیے جاپانی زبان میں لکھا گیا ہے۔


back-to-index = تمام کارروائیاں


## The card shown to the staff


card-request = مجھے یہ کارروائی کرنی ہے:


# A fixed sentence naming this language, in this language (no variable):
# "I speak English." The Japanese card names it with staff-card-language.
card-language = میری زبان اردو ہے۔


card-code = کارروائی کا کوڈ: { $code }


## Error pages


not-found-title = کارروائی نہیں ملی


not-found-body = { $code } کوڈ والی کوئی کارروائی نہیں ہے۔ براہ کرم کوڈ چیک کریں اور دوبارہ کوشش کریں۔


page-not-found-body = یہ صفحہ موجود نہیں ہے۔ براہ کرم ویب ایڈریس چیک کریں، یا نیچے کوڈ لکھیں۔


gone-title = یہ کارروائی ختم ہو چکی ہے


gone-body = یہ کارروائی اب دستیاب نہیں ہے۔ براہ کرم نیچے دیے گئے کاؤنٹر پر پوچھیں۔


bad-request-title = اس درخواست میں کچھ گڑبڑ ہے


bad-request-body = ویب ایڈریس سمجھ میں نہیں آیا۔ براہ کرم اسے چیک کریں، یا نیچے کوڈ لکھیں۔


server-error-title = کچھ غلط ہو گیا


server-error-body = براہ کرم تھوڑی دیر بعد دوبارہ کوشش کریں۔ اگر ایسا بار بار ہو تو کاؤنٹر پر پوچھیں۔


forbidden-title = اجازت نہیں ہے


forbidden-body = یہ صفحہ آپ کے لیے نہیں کھل سکتا۔ براہ کرم ایسے اکاؤنٹ سے سائن ان کریں جسے یہ صفحہ کھولنے کی اجازت ہو۔


too-many-title = بہت زیادہ کوششیں ہو گئیں


too-many-body =
    براہ کرم { $seconds ->
        [one] { $seconds } سیکنڈ
       *[other] { $seconds } سیکنڈ
    } انتظار کریں، پھر دوبارہ کوشش کریں۔


unavailable-title = اس وقت مصروف ہے


unavailable-body = یہ کام ابھی نہیں ہو سکا۔ براہ کرم ایک منٹ بعد دوبارہ کوشش کریں۔ اگر ایسا بار بار ہو تو کاؤنٹر پر پوچھیں۔


## Guidance page tools (the buttons show only where the browser can do them)


# $date is the date in YYYY-MM-DD form.
text-updated = آخری تبدیلی: { $date }


read-aloud = پڑھ کر سنائیں
listen = سنیں


read-aloud-stop = پڑھنا بند کریں


copy-link = لنک کاپی کریں


link-copied = لنک کاپی ہو گیا۔


share = شیئر کریں


## Full-screen card for the staff


staff-mode-open = عملے کو پوری اسکرین پر دکھائیں


staff-mode-close = پوری اسکرین بند کریں


phrases-heading = کاؤنٹر پر کام آنے والے جملے


# These phrases are shown twice: in Japanese for the staff and in the
# resident's language underneath.
phrase-not-understand = مجھے سمجھ نہیں آیا۔


phrase-write-down = براہ کرم اسے لکھ کر دیں۔


phrase-interpreter = کیا یہاں کوئی ترجمان ہے؟

## Offline re-reading

offline-note = انٹرنیٹ کنکشن نہیں ہے: یہ اس فون میں محفوظ کی گئی کاپی ہے۔
saved-title = محفوظ صفحات
saved-intro = آپ جو صفحات کھولتے ہیں وہ اس فون میں محفوظ ہو جاتے ہیں، اس لیے آپ انہیں انٹرنیٹ کنکشن کے بغیر بھی دوبارہ پڑھ سکتے ہیں۔ کچھ بھی کہیں نہیں بھیجا جاتا۔
saved-empty = ابھی تک کوئی صفحہ محفوظ نہیں ہوا۔ کسی کارروائی کا صفحہ کھولیں تو وہ یہاں محفوظ ہو جائے گا۔
