# The page's own words for madoguchi's public pages.
# Reference locale: every other locale translates these ids.
# Variables in { $braces } must be kept as they are.

## Language identity

# This language's name, written in this language (shown in the language picker).
language-name = Filipino
# This language's name in Japanese (shown to ward-office staff on the Japanese card).
language-name-ja = フィリピン語
poster-scan-caption = I-scan para mabasa ito sa iyong wika

## Site

site-name = Madoguchi
site-tagline = Mga proseso sa city hall, ipinaliliwanag sa wika mo
skip-to-content = Lumaktaw sa nilalaman
language-picker = Wika

## Index page

index-title = Mga proseso sa city hall
index-intro = Pumili ng proseso, o i-type ang code na nakasulat sa ilalim ng QR code.
no-procedures = Wala pang nailalathalang proseso.
search-label = Maghanap ng proseso ayon sa pangalan o code
search-submit = Hanapin
search-none = Walang prosesong tumutugma sa hinanap mo. Subukan ang ibang salita, o i-type ang code sa itaas.
code-label = Code ng proseso
code-hint = 4 hanggang 6 na letra at numero, halimbawa K7Q2
code-submit = Buksan
code-invalid = Hindi tamang code ang “{ $code }”. Ang code ay may 4 hanggang 6 na letra at numero.

## Guidance page

procedure-code = Code: { $code }
section-summary = Ano ito?
section-bring = Mga dapat dalhin
section-steps = Mga hakbang
section-where = Saan pupunta
field-office = Opisina
field-address = Address
field-floor = Palapag
field-counter = Counter
section-hours = Oras ng opisina
section-fee = Bayad
section-contact = Makipag-ugnayan
section-notes = Paalala
fallback-notice = Wala pa sa Filipino ang prosesong ito. Ipinapakita ito sa ibaba sa { $shown }.
borrowed-notice = May mga bahaging hindi pa naisasalin. Ipinapakita ang mga ito sa ibang wika:
stale-notice = Ginawa ang salin na ito bago binago ang tekstong Hapones noong { $date }. Maaaring luma na ang ilang detalye: pakitanong po sa kawani sa counter.
stale-read-current = Ang kasalukuyang teksto:
section-ended-note = Ano ang gagawin sa halip
staff-card-heading = Ipakita ito sa staff
staff-card-hint = Nakasulat sa wikang Hapon ang kahon sa ibaba para sa staff sa counter.
back-to-index = Lahat ng proseso

## The card shown to the staff
# These lines are shown twice: in Japanese (from the ja locale) for the staff,
# and in the resident's language underneath, so they know what the card says.

card-request = Gusto ko pong gawin ang prosesong ito:
# A fixed sentence naming this language, in this language (no variable):
# "I speak English." The Japanese card names it with staff-card-language.
card-language = Nagsasalita po ako ng Filipino.
card-code = Code ng proseso: { $code }

## Error pages

not-found-title = Hindi nakita ang proseso
not-found-body = Walang proseso na may code na { $code }. Pakisuri ang code at subukan ulit.
page-not-found-body = Walang ganitong page. Pakisuri ang address, o i-type ang code sa ibaba.
gone-title = Tapos na ang prosesong ito
gone-body = Hindi na inaalok ang prosesong ito. Pakitanong sa counter sa ibaba.
bad-request-title = May mali sa request na ito
bad-request-body = Hindi maintindihan ang address. Pakisuri ito, o i-type ang code sa ibaba.
server-error-title = May nangyaring mali
server-error-body = Pakisubukan ulit mamaya. Kung patuloy itong nangyayari, pakitanong sa counter.
forbidden-title = Hindi pinapayagan
forbidden-body = Hindi ninyo mabubuksan ang pahinang ito. Pakisuyong mag-sign in gamit ang account na may pahintulot.
too-many-title = Masyadong maraming pagsubok
too-many-body = Pakihintay ang { $seconds } segundo, saka subukan muli.
unavailable-title = Abala ang sistema
unavailable-body = Hindi ito magawa ngayon. Pakisubukang muli pagkalipas ng isang minuto. Kung patuloy itong nangyayari, pakitanong sa counter.

## Guidance page tools (the buttons show only where the browser can do them)

text-updated = Huling na-update: { $date }
read-aloud = Basahin nang malakas
listen = Pakinggan
read-aloud-stop = Itigil ang pagbasa
copy-link = Kopyahin ang link
link-copied = Nakopya na ang link.
share = Ibahagi

## Full-screen card for the staff

staff-mode-open = Ipakita sa staff nang full screen
staff-mode-close = Isara ang full screen
phrases-heading = Mga pangungusap para sa counter
phrase-not-understand = Hindi ko po naiintindihan.
phrase-write-down = Pakisulat po.
phrase-interpreter = May interpreter po ba?

## Offline re-reading

offline-note = Walang koneksyon: ito ang kopyang naka-save sa phone na ito.
saved-title = Mga naka-save na page
saved-intro = Nase-save sa phone na ito ang mga page na binubuksan mo, kaya mababasa mo ulit ang mga ito kahit walang koneksyon. Walang ipinapadala kahit saan.
saved-empty = Wala pang naka-save na page. Magbukas ng page ng isang proseso, at mase-save ito rito.
