# The page's own words for madoguchi's public pages.
# Reference locale: every other locale translates these ids.
# Variables in { $braces } must be kept as they are.

## Language identity

# This language's name, written in this language (shown in the language picker).
language-name = English
# This language's name in Japanese (shown to ward-office staff on the Japanese card).
language-name-ja = 英語
# Under the QR code on posters, in every language the service has: "Scan to read this in your language".
poster-scan-caption = Scan to read this in your language

## Site

site-name = Madoguchi
site-tagline = City procedures explained in your language
skip-to-content = Skip to content
language-picker = Language

## Index page

index-title = City procedures
index-intro = Choose a procedure, or type the code printed under the QR code.
no-procedures = No procedures have been published yet.
# The search box on the index: its label, its button, and what shows when nothing matches.
search-label = Search procedures by name or code
search-submit = Search
search-none = No procedure matches your search. Try other words, or type the code above.
code-label = Procedure code
code-hint = 4 to 6 letters and numbers, for example K7Q2
code-submit = Open
code-invalid = “{ $code }” is not a valid code. A code has 4 to 6 letters and numbers.

## Guidance page

procedure-code = Code: { $code }
section-summary = What is this?
section-bring = What to bring
section-steps = Steps
section-where = Where to go
field-office = Office
field-address = Address
field-floor = Floor
field-counter = Counter
section-hours = Opening hours
section-fee = Fee
section-contact = Contact
section-notes = Notes
fallback-notice = This procedure is not yet available in English. It is shown below in { $shown }.
borrowed-notice = Some parts are not translated yet. They are shown in another language:
stale-notice = This translation was made before the Japanese text changed on { $date }. Some details may be out of date: please check with the staff.
stale-read-current = The current text:
section-ended-note = What to do instead
staff-card-heading = Show this to the staff
staff-card-hint = The box below is written in Japanese for the staff at the counter.
back-to-index = All procedures

## The card shown to the staff
# These lines are shown twice: in Japanese (from the ja locale) for the staff,
# and in the resident's language underneath, so they know what the card says.

card-request = I would like to do this procedure:
# A fixed sentence naming this language, in this language (no variable):
# "I speak English." The Japanese card names it with staff-card-language.
card-language = I speak English.
card-code = Procedure code: { $code }

## Error pages

not-found-title = Procedure not found
not-found-body = There is no procedure with the code { $code }. Please check the code and try again.
page-not-found-body = This page does not exist. Please check the address, or type the code below.
gone-title = This procedure has ended
gone-body = This procedure is no longer offered. Please ask at the counter below.
bad-request-title = Something is wrong with this request
bad-request-body = The address could not be understood. Please check it, or type the code below.
server-error-title = Something went wrong
server-error-body = Please try again in a moment. If it keeps happening, please ask at the counter.
forbidden-title = Not allowed
forbidden-body = You cannot open this page. Please sign in with an account that is allowed to open it.
too-many-title = Too many attempts
too-many-body = Please wait { $seconds ->
        [one] { $seconds } second
       *[other] { $seconds } seconds
    }, then try again.
unavailable-title = Busy at the moment
unavailable-body = This could not be done right now. Please try again in a minute. If it keeps happening, please ask at the counter.

## Guidance page tools (the buttons show only where the browser can do them)

# $date is the date in YYYY-MM-DD form.
text-updated = Last updated: { $date }
read-aloud = Read aloud
# The player of the recording made on the server (no phone voice needed).
listen = Listen
read-aloud-stop = Stop reading
copy-link = Copy link
link-copied = Link copied.
share = Share

## Full-screen card for the staff

staff-mode-open = Show full screen to the staff
staff-mode-close = Close full screen
phrases-heading = Phrases for the counter
# These phrases are shown twice: in Japanese for the staff and in the
# resident's language underneath.
phrase-not-understand = I don't understand.
phrase-write-down = Please write it down.
phrase-interpreter = Is there an interpreter?

## Offline re-reading

# Shown at the top of a guidance page opened with no connection (the copy kept on the phone).
offline-note = No connection: this is the copy saved on this phone.
# Title of /saved, the list of pages kept on this phone.
saved-title = Saved pages
saved-intro = Pages you open are kept on this phone, so you can read them again without a connection. Nothing is sent anywhere.
saved-empty = No pages saved yet. Open a procedure's page and it is kept here.
