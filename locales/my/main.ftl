# The page's own words for madoguchi's public pages.
# Reference locale: every other locale translates these ids.
# Variables in { $braces } must be kept as they are.

## Language identity

# This language's name, written in this language (shown in the language picker).
language-name = မြန်မာဘာသာ
# This language's name in Japanese (shown to ward-office staff on the Japanese card).
language-name-ja = ミャンマー語
poster-scan-caption = သင့်ဘာသာစကားဖြင့် ဖတ်ရန် စကင်ဖတ်ပါ

## Site

site-name = Madoguchi
site-tagline = မြို့ရုံး လုပ်ငန်းစဉ်များကို သင့်ဘာသာစကားဖြင့် ရှင်းပြထားသည်
skip-to-content = အဓိကအကြောင်းအရာသို့ သွားရန်
language-picker = ဘာသာစကား

## Index page

index-title = မြို့ရုံး လုပ်ငန်းစဉ်များ
index-intro = လုပ်ငန်းစဉ်တစ်ခုကို ရွေးပါ၊ သို့မဟုတ် QR ကုဒ်အောက်တွင် ရိုက်နှိပ်ထားသော ကုဒ်ကို ရိုက်ထည့်ပါ။
no-procedures = ထုတ်ပြန်ထားသော လုပ်ငန်းစဉ် မရှိသေးပါ။
search-label = အမည် သို့မဟုတ် ကုဒ်ဖြင့် လုပ်ငန်းစဉ် ရှာပါ
search-submit = ရှာပါ
search-none = ရှာဖွေမှုနှင့် ကိုက်ညီသော လုပ်ငန်းစဉ် မရှိပါ။ အခြားစကားလုံးဖြင့် ရှာပါ သို့မဟုတ် အထက်တွင် ကုဒ်ကို ရိုက်ထည့်ပါ။
code-label = လုပ်ငန်းစဉ်ကုဒ်
code-hint = စာလုံးနှင့် ဂဏန်း ၄ လုံးမှ ၆ လုံး၊ ဥပမာ K7Q2
code-submit = ဖွင့်ပါ
code-invalid = “{ $code }” သည် မှန်ကန်သော ကုဒ် မဟုတ်ပါ။ ကုဒ်တွင် စာလုံးနှင့် ဂဏန်း ၄ လုံးမှ ၆ လုံး ပါဝင်သည်။

## Guidance page

procedure-code = ကုဒ်: { $code }
section-summary = ဤလုပ်ငန်းစဉ်အကြောင်း
section-bring = ယူသွားရမည့် အရာများ
section-steps = အဆင့်များ
section-where = သွားရမည့်နေရာ
field-office = ရုံး
field-address = လိပ်စာ
field-floor = အထပ်
field-counter = ကောင်တာ
section-hours = ဖွင့်ချိန်
section-fee = အခကြေးငွေ
section-contact = ဆက်သွယ်ရန်
section-notes = မှတ်ချက်များ
fallback-notice = ဤလုပ်ငန်းစဉ်ကို မြန်မာဘာသာဖြင့် မရနိုင်သေးပါ။ အောက်တွင် { $shown } ဖြင့် ပြထားသည်။
borrowed-notice = အချို့အပိုင်းများကို မဘာသာပြန်ရသေးပါ။ ၎င်းတို့ကို အခြားဘာသာစကားဖြင့် ပြထားသည်-
stale-notice = ဤဘာသာပြန်ကို ဂျပန်စာသား { $date } တွင် မပြောင်းလဲမီ ပြုလုပ်ခဲ့သည်။ အချက်အလက်အချို့ ဟောင်းနေနိုင်သည်- ကောင်တာရှိ ဝန်ထမ်းကို မေးမြန်းပါ။
stale-read-current = လက်ရှိစာသား-
section-ended-note = ၎င်းအစား ဘာလုပ်ရမည်နည်း
staff-card-heading = ဤအရာကို ဝန်ထမ်းကို ပြပါ
staff-card-hint = အောက်ပါ အကွက်ကို ကောင်တာရှိ ဝန်ထမ်းများအတွက် ဂျပန်ဘာသာဖြင့် ရေးထားသည်။
back-to-index = လုပ်ငန်းစဉ်အားလုံး

## The card shown to the staff
# These lines are shown twice: in Japanese (from the ja locale) for the staff,
# and in the resident's language underneath, so they know what the card says.

card-request = ကျွန်ုပ် ဤလုပ်ငန်းစဉ်ကို ဆောင်ရွက်လိုပါသည်:
# A fixed sentence naming this language, in this language (no variable):
# "I speak English." The Japanese card names it with staff-card-language.
card-language = ကျွန်ုပ် မြန်မာစကား ပြောပါသည်။
card-code = လုပ်ငန်းစဉ်ကုဒ်: { $code }

## Error pages

not-found-title = လုပ်ငန်းစဉ်ကို ရှာမတွေ့ပါ
not-found-body = { $code } ကုဒ်ပါသော လုပ်ငန်းစဉ် မရှိပါ။ ကုဒ်ကို စစ်ဆေးပြီး ထပ်ကြိုးစားပါ။
page-not-found-body = ဤစာမျက်နှာ မရှိပါ။ လိပ်စာကို စစ်ဆေးပါ၊ သို့မဟုတ် အောက်တွင် ကုဒ်ကို ရိုက်ထည့်ပါ။
gone-title = ဤလုပ်ငန်းစဉ် ပြီးဆုံးသွားပါပြီ
gone-body = ဤလုပ်ငန်းစဉ်ကို မဆောင်ရွက်တော့ပါ။ အောက်ပါ ကောင်တာတွင် မေးမြန်းပါ။
bad-request-title = ဤတောင်းဆိုချက်တွင် ပြဿနာရှိသည်
bad-request-body = လိပ်စာကို နားမလည်နိုင်ပါ။ စစ်ဆေးပါ၊ သို့မဟုတ် အောက်တွင် ကုဒ်ကို ရိုက်ထည့်ပါ။
server-error-title = တစ်ခုခု မှားယွင်းသွားသည်
server-error-body = ခဏနေပြီး ထပ်ကြိုးစားပါ။ ဆက်ဖြစ်နေပါက ကောင်တာတွင် မေးမြန်းပါ။
forbidden-title = ခွင့်မပြုပါ
forbidden-body = ဤစာမျက်နှာကို ဖွင့်၍မရပါ။ ခွင့်ပြုချက်ရှိသော အကောင့်ဖြင့် ဝင်ရောက်ပါ။
too-many-title = ကြိုးစားမှု များလွန်းသည်
too-many-body = { $seconds } စက္ကန့် စောင့်ပြီး ထပ်ကြိုးစားပါ။
unavailable-title = စနစ် အလုပ်များနေသည်
unavailable-body = ယခု မလုပ်ဆောင်နိုင်ပါ။ တစ်မိနစ်အကြာတွင် ထပ်မံကြိုးစားပါ။ ဆက်ဖြစ်နေပါက ကောင်တာတွင် မေးမြန်းပါ။

## Guidance page tools (the buttons show only where the browser can do them)

text-updated = နောက်ဆုံး ပြင်ဆင်သည့်ရက်- { $date }
read-aloud = အသံထွက် ဖတ်ပြရန်
listen = နားထောင်ရန်
read-aloud-stop = ဖတ်ခြင်းကို ရပ်ရန်
copy-link = လင့်ခ်ကို ကူးယူရန်
link-copied = လင့်ခ်ကို ကူးယူပြီးပါပြီ။
share = မျှဝေရန်

## Full-screen card for the staff

staff-mode-open = ဝန်ထမ်းကို မျက်နှာပြင်အပြည့်ဖြင့် ပြရန်
staff-mode-close = မျက်နှာပြင်အပြည့်ကို ပိတ်ရန်
phrases-heading = ကောင်တာတွင် သုံးနိုင်သော စကားများ
phrase-not-understand = ကျွန်ုပ် နားမလည်ပါ။
phrase-write-down = ကျေးဇူးပြု၍ စာဖြင့် ရေးပြပေးပါ။
phrase-interpreter = စကားပြန် ရှိပါသလား။

## Offline re-reading

offline-note = အင်တာနက် ချိတ်ဆက်မှု မရှိပါ။ ဤဖုန်းတွင် သိမ်းထားသော စာမျက်နှာကို ပြထားသည်။
saved-title = သိမ်းထားသော စာမျက်နှာများ
saved-intro = သင်ဖွင့်ခဲ့သော စာမျက်နှာများကို ဤဖုန်းတွင် သိမ်းထားသဖြင့် အင်တာနက် မရှိလည်း ထပ်ဖတ်နိုင်သည်။ မည်သည့်နေရာသို့မျှ မပို့ပါ။
saved-empty = သိမ်းထားသော စာမျက်နှာ မရှိသေးပါ။ လုပ်ငန်းစဉ် စာမျက်နှာတစ်ခုကို ဖွင့်ပါက ဤနေရာတွင် သိမ်းထားပါမည်။
