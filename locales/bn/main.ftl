### বাংলা (bn): main.ftl, made by `madoguchi locales new` from English.
### NATIVE REVIEW PENDING: no native speaker has reviewed this language yet.
### Every message is translated (2026-12-04, by the madoguchi team, not by a native
### speaker): until a native speaker has reviewed it, treat its wording as a draft.


## Language identity

# This language's name, written in this language (shown in the language picker).
language-name = বাংলা
# This language's name in Japanese (shown to ward-office staff on the Japanese card).
language-name-ja = ベンガル語

# Under the QR code on posters, in every language the service has: "Scan to read this in your language".
poster-scan-caption = আপনার ভাষায় পড়তে স্ক্যান করুন


## Site


site-name = Madoguchi


site-tagline = সিটি অফিসের প্রক্রিয়া, আপনার ভাষায় সহজ করে বলা


skip-to-content = মূল লেখায় যান


language-picker = ভাষা


## Index page


index-title = সিটি অফিসের প্রক্রিয়া


index-intro = একটি প্রক্রিয়া বেছে নিন, অথবা QR কোডের নিচে ছাপা কোডটি লিখুন।


no-procedures = এখনও কোনো প্রক্রিয়া প্রকাশ করা হয়নি।


# The search box on the index: its label, its button, and what shows when nothing matches.
search-label = নাম বা কোড দিয়ে প্রক্রিয়া খুঁজুন


search-submit = খুঁজুন


search-none = আপনি যা খুঁজেছেন, তার সাথে কোনো প্রক্রিয়া মেলেনি। অন্য শব্দ দিয়ে খুঁজুন, অথবা উপরে কোডটি লিখুন।


code-label = প্রক্রিয়ার কোড


code-hint = ৪ থেকে ৬টি অক্ষর ও সংখ্যা, যেমন K7Q2


code-submit = খুলুন


code-invalid = “{ $code }” সঠিক কোড নয়। কোডে ৪ থেকে ৬টি অক্ষর ও সংখ্যা থাকে।


## Guidance page


procedure-code = কোড: { $code }


section-summary = এটি কী?


section-bring = সঙ্গে যা নিয়ে যাবেন


section-steps = ধাপগুলো


section-where = কোথায় যাবেন


field-office = অফিস


field-address = ঠিকানা


field-floor = তলা


field-counter = কাউন্টার


section-hours = খোলার সময়


section-fee = ফি


section-contact = যোগাযোগ


section-notes = যা খেয়াল রাখবেন


fallback-notice = এই প্রক্রিয়াটি এখনও বাংলায় পাওয়া যায় না। নিচে এটি { $shown } ভাষায় দেখানো হয়েছে।


borrowed-notice = কিছু অংশ এখনও অনুবাদ করা হয়নি। সেগুলো অন্য ভাষায় দেখানো হয়েছে:


stale-notice = জাপানি লেখাটি { $date } তারিখে বদলানো হয়েছে। এই অনুবাদ তার আগে করা। কিছু তথ্য পুরোনো হতে পারে: দয়া করে কর্মীদের কাছে জেনে নিন।


stale-read-current = এখনকার লেখা:


section-ended-note = এর বদলে যা করবেন


staff-card-heading = এটি কর্মীকে দেখান


staff-card-hint = নিচের বাক্সটি কাউন্টারের কর্মীদের জন্য জাপানি ভাষায় লেখা।


back-to-index = সব প্রক্রিয়া


## The card shown to the staff


card-request = আমি এই প্রক্রিয়াটি করতে চাই:


# A fixed sentence naming this language, in this language (no variable):
# "I speak English." The Japanese card names it with staff-card-language.
card-language = আমি বাংলা বলি।


card-code = প্রক্রিয়ার কোড: { $code }


## Error pages


not-found-title = প্রক্রিয়াটি পাওয়া যায়নি


not-found-body = { $code } কোডের কোনো প্রক্রিয়া নেই। দয়া করে কোডটি ঠিক আছে কিনা দেখে আবার চেষ্টা করুন।


page-not-found-body = এই পেজটি নেই। দয়া করে ওয়েব ঠিকানাটি ঠিক আছে কিনা দেখুন, অথবা নিচে কোডটি লিখুন।


gone-title = এই প্রক্রিয়াটি বন্ধ হয়ে গেছে


gone-body = এই প্রক্রিয়াটি এখন আর চালু নেই। দয়া করে নিচের কাউন্টারে জিজ্ঞেস করুন।


bad-request-title = এই অনুরোধে কিছু সমস্যা আছে


bad-request-body = ওয়েব ঠিকানাটি বোঝা যায়নি। দয়া করে ঠিকানাটি দেখুন, অথবা নিচে কোডটি লিখুন।


server-error-title = কিছু একটা সমস্যা হয়েছে


server-error-body = দয়া করে একটু পরে আবার চেষ্টা করুন। বারবার এমন হলে, দয়া করে কাউন্টারে জিজ্ঞেস করুন।


forbidden-title = অনুমতি নেই


forbidden-body = আপনি এই পেজটি খুলতে পারবেন না। যে অ্যাকাউন্টে এটি খোলার অনুমতি আছে, সেটি দিয়ে লগ ইন করুন।


too-many-title = অনেক বেশিবার চেষ্টা করা হয়েছে


too-many-body =
    দয়া করে { $seconds ->
        [one] { $seconds } সেকেন্ড
       *[other] { $seconds } সেকেন্ড
    } অপেক্ষা করুন, তারপর আবার চেষ্টা করুন।


unavailable-title = এই মুহূর্তে ব্যস্ত


unavailable-body = এটি এখন করা গেল না। দয়া করে এক মিনিট পরে আবার চেষ্টা করুন। বারবার এমন হলে, দয়া করে কাউন্টারে জিজ্ঞেস করুন।


## Guidance page tools (the buttons show only where the browser can do them)


# $date is the date in YYYY-MM-DD form.
text-updated = শেষ আপডেট: { $date }


read-aloud = পড়ে শোনান
listen = শুনুন


read-aloud-stop = পড়ে শোনানো বন্ধ করুন


copy-link = লিংক কপি করুন


link-copied = লিংক কপি হয়েছে।


share = শেয়ার করুন


## Full-screen card for the staff


staff-mode-open = পুরো স্ক্রিনে কর্মীকে দেখান


staff-mode-close = পুরো স্ক্রিন বন্ধ করুন


phrases-heading = কাউন্টারে বলার মতো কথা


# These phrases are shown twice: in Japanese for the staff and in the
# resident's language underneath.
phrase-not-understand = আমি বুঝতে পারছি না।


phrase-write-down = দয়া করে লিখে দিন।


phrase-interpreter = এখানে কি কোনো দোভাষী আছেন?

## Offline re-reading

offline-note = ইন্টারনেট সংযোগ নেই: এটি এই ফোনে সেভ করা কপি।
saved-title = সেভ করা পেজ
saved-intro = আপনি যে পেজগুলো খোলেন, সেগুলো এই ফোনে সেভ হয়ে থাকে, তাই ইন্টারনেট সংযোগ ছাড়াও সেগুলো আবার পড়তে পারবেন। কিছুই কোথাও পাঠানো হয় না।
saved-empty = এখনও কোনো পেজ সেভ করা হয়নি। কোনো প্রক্রিয়ার পেজ খুললে, সেটি এখানে সেভ হয়ে থাকবে।
