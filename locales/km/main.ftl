### ខ្មែរ (km): main.ftl, made by `madoguchi locales new` from English.
### NATIVE REVIEW PENDING: no native speaker has reviewed this language yet.
### Every message is translated (2026-12-04, by the madoguchi team, not by a native
### speaker): until a native speaker has reviewed it, treat its wording as a draft.


## Language identity

# This language's name, written in this language (shown in the language picker).
language-name = ខ្មែរ
# This language's name in Japanese (shown to ward-office staff on the Japanese card).
language-name-ja = クメール語

# Under the QR code on posters, in every language the service has: "Scan to read this in your language".
poster-scan-caption = ស្កេន ដើម្បីអានជាភាសារបស់អ្នក


## Site


site-name = Madoguchi


site-tagline = ការពន្យល់អំពីនីតិវិធីនៅសាលាក្រុង ជាភាសារបស់អ្នក


skip-to-content = រំលងទៅខ្លឹមសារ


language-picker = ភាសា


## Index page


index-title = នីតិវិធីនៅសាលាក្រុង


index-intro = សូមជ្រើសរើសនីតិវិធី ឬវាយលេខកូដដែលមាននៅក្រោមកូដ QR។


no-procedures = មិនទាន់មាននីតិវិធីណាមួយត្រូវបានផ្សព្វផ្សាយនៅឡើយទេ។


# The search box on the index: its label, its button, and what shows when nothing matches.
search-label = ស្វែងរកនីតិវិធីតាមឈ្មោះ ឬលេខកូដ


search-submit = ស្វែងរក


search-none = រកមិនឃើញនីតិវិធីដែលត្រូវនឹងការស្វែងរករបស់អ្នកទេ។ សូមសាកល្បងពាក្យផ្សេង ឬវាយលេខកូដនៅខាងលើ។


code-label = លេខកូដនីតិវិធី


code-hint = អក្សរអង់គ្លេស និងលេខ 4 ដល់ 6 តួ ឧទាហរណ៍ K7Q2


code-submit = បើក


code-invalid = “{ $code }” មិនមែនជាលេខកូដត្រឹមត្រូវទេ។ លេខកូដមានអក្សរអង់គ្លេស និងលេខ 4 ដល់ 6 តួ។


## Guidance page


procedure-code = លេខកូដ៖ { $code }


section-summary = តើនេះជាអ្វី?


section-bring = អ្វីដែលត្រូវយកទៅជាមួយ


section-steps = ជំហាន


section-where = កន្លែងដែលត្រូវទៅ


field-office = ការិយាល័យ


field-address = អាសយដ្ឋាន


field-floor = ជាន់


field-counter = បញ្ជរ


section-hours = ម៉ោងបើកធ្វើការ


section-fee = ថ្លៃសេវា


section-contact = ទំនាក់ទំនង


section-notes = ចំណាំ


fallback-notice = នីតិវិធីនេះមិនទាន់មានជាភាសាខ្មែរនៅឡើយទេ។ ខាងក្រោមនេះបង្ហាញជា { $shown }។


borrowed-notice = ផ្នែកខ្លះមិនទាន់បានបកប្រែនៅឡើយទេ។ ផ្នែកទាំងនោះបង្ហាញជាភាសាផ្សេង៖


stale-notice = ការបកប្រែនេះបានធ្វើឡើងមុនពេលអត្ថបទភាសាជប៉ុនត្រូវបានកែប្រែនៅថ្ងៃទី { $date }។ ព័ត៌មានខ្លះអាចចាស់ហើយ។ សូមសាកសួរបុគ្គលិកនៅបញ្ជរ។


stale-read-current = អត្ថបទបច្ចុប្បន្ន៖


section-ended-note = អ្វីដែលត្រូវធ្វើជំនួសវិញ


staff-card-heading = សូមបង្ហាញនេះទៅបុគ្គលិក


staff-card-hint = ប្រអប់ខាងក្រោមសរសេរជាភាសាជប៉ុន សម្រាប់បុគ្គលិកនៅបញ្ជរ។


back-to-index = នីតិវិធីទាំងអស់


## The card shown to the staff


card-request = ខ្ញុំចង់ធ្វើនីតិវិធីនេះ៖


# A fixed sentence naming this language, in this language (no variable):
# "I speak English." The Japanese card names it with staff-card-language.
card-language = ខ្ញុំនិយាយភាសាខ្មែរ។


card-code = លេខកូដនីតិវិធី៖ { $code }


## Error pages


not-found-title = រកមិនឃើញនីតិវិធី


not-found-body = គ្មាននីតិវិធីដែលមានលេខកូដ { $code } ទេ។ សូមពិនិត្យលេខកូដ ហើយសាកល្បងម្ដងទៀត។


page-not-found-body = ទំព័រនេះមិនមានទេ។ សូមពិនិត្យអាសយដ្ឋានគេហទំព័រ ឬវាយលេខកូដនៅខាងក្រោម។


gone-title = នីតិវិធីនេះបានបញ្ចប់ហើយ


gone-body = នីតិវិធីនេះលែងមានទៀតហើយ។ សូមសាកសួរនៅបញ្ជរខាងក្រោម។


bad-request-title = សំណើនេះមានបញ្ហា


bad-request-body = មិនអាចយល់អាសយដ្ឋានគេហទំព័រនេះបានទេ។ សូមពិនិត្យអាសយដ្ឋាន ឬវាយលេខកូដនៅខាងក្រោម។


server-error-title = មានបញ្ហាកើតឡើង


server-error-body = សូមរង់ចាំបន្តិច ហើយសាកល្បងម្ដងទៀត។ បើបញ្ហានៅតែកើតឡើង សូមសាកសួរនៅបញ្ជរ។


forbidden-title = មិនត្រូវបានអនុញ្ញាត


forbidden-body = អ្នកមិនអាចបើកទំព័រនេះបានទេ។ សូមចូលគណនីដែលមានសិទ្ធិបើកទំព័រនេះ។


too-many-title = ព្យាយាមច្រើនដងពេក


too-many-body =
    សូមរង់ចាំ { $seconds ->
       *[other] { $seconds } វិនាទី
    } រួចសាកល្បងម្ដងទៀត។


unavailable-title = រវល់នៅពេលនេះ


unavailable-body = មិនអាចធ្វើបាននៅពេលនេះទេ។ សូមរង់ចាំប្រហែលមួយនាទី ហើយសាកល្បងម្ដងទៀត។ បើបញ្ហានៅតែកើតឡើង សូមសាកសួរនៅបញ្ជរ។


## Guidance page tools (the buttons show only where the browser can do them)


# $date is the date in YYYY-MM-DD form.
text-updated = កែប្រែចុងក្រោយ៖ { $date }


read-aloud = អានឱ្យស្ដាប់
listen = ស្ដាប់


read-aloud-stop = ឈប់អាន


copy-link = ចម្លងតំណ


link-copied = បានចម្លងតំណហើយ។


share = ចែករំលែក


## Full-screen card for the staff


staff-mode-open = បង្ហាញពេញអេក្រង់ទៅបុគ្គលិក


staff-mode-close = បិទការបង្ហាញពេញអេក្រង់


phrases-heading = ឃ្លាសម្រាប់ប្រើនៅបញ្ជរ


# These phrases are shown twice: in Japanese for the staff and in the
# resident's language underneath.
phrase-not-understand = ខ្ញុំមិនយល់ទេ។


phrase-write-down = សូមជួយសរសេរឱ្យខ្ញុំមើល។


phrase-interpreter = តើមានអ្នកបកប្រែភាសាទេ?

## Offline re-reading

offline-note = គ្មានការតភ្ជាប់អ៊ីនធឺណិតទេ។ នេះជាទំព័រដែលបានរក្សាទុកក្នុងទូរស័ព្ទនេះ។
saved-title = ទំព័រដែលបានរក្សាទុក
saved-intro = ទំព័រដែលអ្នកបើក ត្រូវបានរក្សាទុកក្នុងទូរស័ព្ទនេះ ដូច្នេះអ្នកអាចអានវាម្ដងទៀតបាន ទោះបីគ្មានការតភ្ជាប់អ៊ីនធឺណិតក៏ដោយ។ គ្មានអ្វីត្រូវបានផ្ញើទៅកន្លែងណាទេ។
saved-empty = មិនទាន់មានទំព័រដែលបានរក្សាទុកនៅឡើយទេ។ សូមបើកទំព័រនីតិវិធីណាមួយ ហើយវានឹងត្រូវបានរក្សាទុកនៅទីនេះ។
