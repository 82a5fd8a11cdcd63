### සිංහල (si): main.ftl, made by `madoguchi locales new` from English.
### NATIVE REVIEW PENDING: no native speaker has reviewed this language yet.
### Every message is translated (2026-12-04, by the madoguchi team, not by a native
### speaker): until a native speaker has reviewed it, treat its wording as a draft.


## Language identity

# This language's name, written in this language (shown in the language picker).
language-name = සිංහල
# This language's name in Japanese (shown to ward-office staff on the Japanese card).
language-name-ja = シンハラ語

# Under the QR code on posters, in every language the service has: "Scan to read this in your language".
poster-scan-caption = ඔබේ භාෂාවෙන් කියවීමට මෙය ස්කෑන් කරන්න


## Site


site-name = Madoguchi


site-tagline = නගර කාර්යාලයේ කටයුතු, ඔබේ භාෂාවෙන් පැහැදිලි කර ඇත


skip-to-content = ප්‍රධාන කොටසට යන්න


language-picker = භාෂාව


## Index page


index-title = නගර කාර්යාලයේ කටයුතු


index-intro = කටයුත්තක් තෝරන්න, නැතහොත් QR කේතයට යටින් මුද්‍රණය කර ඇති කේතය ටයිප් කරන්න.


no-procedures = තවම කිසිම කටයුත්තක් පළ කර නැත.


# The search box on the index: its label, its button, and what shows when nothing matches.
search-label = නමෙන් හෝ කේතයෙන් කටයුතු සොයන්න


search-submit = සොයන්න


search-none = ඔබ සෙවූ දෙයට ගැළපෙන කටයුත්තක් නැත. වෙනත් වචන භාවිත කරන්න, නැතහොත් ඉහත කේතය ටයිප් කරන්න.


code-label = කටයුතු කේතය


code-hint = අකුරු සහ ඉලක්කම් 4 සිට 6 දක්වා, උදාහරණයක් ලෙස K7Q2


code-submit = විවෘත කරන්න


code-invalid = “{ $code }” නිවැරදි කේතයක් නොවේ. කේතයක අකුරු සහ ඉලක්කම් 4 සිට 6 දක්වා ඇත.


## Guidance page


procedure-code = කේතය: { $code }


section-summary = මෙය කුමක්ද?


section-bring = රැගෙන යා යුතු දේ


section-steps = පියවර


section-where = යා යුතු තැන


field-office = කාර්යාලය


field-address = ලිපිනය


field-floor = මහල


field-counter = කවුන්ටරය


section-hours = විවෘත වේලාවන්


section-fee = ගාස්තුව


section-contact = විමසීම් සඳහා


section-notes = සැලකිය යුතු කරුණු


fallback-notice = මෙම කටයුත්ත තවම සිංහලෙන් නැත. පහත එය { $shown } භාෂාවෙන් පෙන්වා ඇත.


borrowed-notice = සමහර කොටස් තවම පරිවර්තනය කර නැත. ඒවා වෙනත් භාෂාවකින් පෙන්වා ඇත:


stale-notice = මෙම පරිවර්තනය කළේ ජපන් පාඨය { $date } දින වෙනස් වීමට පෙරය. සමහර තොරතුරු පරණ විය හැක: කරුණාකර කවුන්ටරයේ නිලධාරීන්ගෙන් විමසන්න.


stale-read-current = දැනට ඇති පාඨය:


section-ended-note = ඒ වෙනුවට කළ යුතු දේ


staff-card-heading = මෙය නිලධාරියාට පෙන්වන්න


staff-card-hint = පහත කොටුවේ ඇත්තේ කවුන්ටරයේ නිලධාරීන් සඳහා ජපන් භාෂාවෙන් ලියූ පාඨයකි.


back-to-index = සියලු කටයුතු


## The card shown to the staff


card-request = මට මෙම කටයුත්ත කර ගැනීමට අවශ්‍යයි:


# A fixed sentence naming this language, in this language (no variable):
# "I speak English." The Japanese card names it with staff-card-language.
card-language = මම සිංහල කතා කරනවා.


card-code = කටයුතු කේතය: { $code }


## Error pages


not-found-title = කටයුත්ත හමු නොවීය


not-found-body = { $code } කේතය සහිත කටයුත්තක් නැත. කරුණාකර කේතය පරීක්ෂා කර නැවත උත්සාහ කරන්න.


page-not-found-body = මෙම පිටුව නැත. කරුණාකර වෙබ් ලිපිනය පරීක්ෂා කරන්න, නැතහොත් පහත කේතය ටයිප් කරන්න.


gone-title = මෙම කටයුත්ත අවසන් කර ඇත


gone-body = මෙම කටයුත්ත දැන් සිදු නොකෙරේ. කරුණාකර පහත සඳහන් කවුන්ටරයෙන් විමසන්න.


bad-request-title = මෙම ඉල්ලීමේ යම් ගැටලුවක් ඇත


bad-request-body = වෙබ් ලිපිනය තේරුම් ගත නොහැකි විය. කරුණාකර එය පරීක්ෂා කරන්න, නැතහොත් පහත කේතය ටයිප් කරන්න.


server-error-title = යම් දෝෂයක් සිදු විය


server-error-body = කරුණාකර මඳ වේලාවකින් නැවත උත්සාහ කරන්න. දිගටම මෙසේ සිදු වේ නම්, කරුණාකර කවුන්ටරයෙන් විමසන්න.


forbidden-title = අවසර නැත


forbidden-body = ඔබට මෙම පිටුව විවෘත කළ නොහැක. කරුණාකර මෙය විවෘත කිරීමට අවසර ඇති ගිණුමකින් ලොග් වන්න.


too-many-title = උත්සාහ කළ වාර ගණන වැඩියි


too-many-body = කරුණාකර { $seconds ->
        [one] තත්පර { $seconds }ක්
       *[other] තත්පර { $seconds }ක්
    } රැඳී සිට, නැවත උත්සාහ කරන්න.


unavailable-title = මේ මොහොතේ කාර්යබහුලයි


unavailable-body = මේ අවස්ථාවේ මෙය කළ නොහැකි විය. කරුණාකර විනාඩියකින් නැවත උත්සාහ කරන්න. දිගටම මෙසේ සිදු වේ නම්, කරුණාකර කවුන්ටරයෙන් විමසන්න.


## Guidance page tools (the buttons show only where the browser can do them)


# $date is the date in YYYY-MM-DD form.
text-updated = අවසන් වරට යාවත්කාලීන කළේ: { $date }


read-aloud = හඬ නඟා කියවන්න
listen = සවන් දෙන්න


read-aloud-stop = කියවීම නවත්වන්න


copy-link = සබැඳිය පිටපත් කරන්න


link-copied = සබැඳිය පිටපත් කරන ලදී.


share = බෙදා ගන්න


## Full-screen card for the staff


staff-mode-open = නිලධාරියාට සම්පූර්ණ තිරයෙන් පෙන්වන්න


staff-mode-close = සම්පූර්ණ තිරය වසන්න


phrases-heading = කවුන්ටරයේදී භාවිත කළ හැකි වාක්‍ය


# These phrases are shown twice: in Japanese for the staff and in the
# resident's language underneath.
phrase-not-understand = මට තේරෙන්නේ නැහැ.


phrase-write-down = කරුණාකර එය ලියා දෙන්න.


phrase-interpreter = භාෂා පරිවර්තකයෙක් ඉන්නවාද?

## Offline re-reading

offline-note = අන්තර්ජාල සම්බන්ධතාවක් නැත: මෙය මෙම දුරකථනයේ සුරැකූ පිටපතයි.
saved-title = සුරැකූ පිටු
saved-intro = ඔබ විවෘත කරන පිටු මෙම දුරකථනයේ සුරැකේ. එබැවින් අන්තර්ජාල සම්බන්ධතාවක් නැතිව වුවද ඒවා නැවත කියවිය හැක. කිසිවක් කොතැනකටවත් යවනු නොලැබේ.
saved-empty = තවම කිසිම පිටුවක් සුරැකී නැත. කටයුත්තක පිටුවක් විවෘත කළ විට, එය මෙහි සුරැකේ.
