# The staff interface's own words (Japanese by default, English on request).
# Only ja and en carry this file; other languages are not needed for staff.

admin-site = Madoguchi staff
admin-nav = Staff menu
admin-nav-procedures = Procedures
admin-nav-translations = Translations
admin-nav-users = Users
admin-nav-tokens = API tokens
admin-nav-audit = Audit log
admin-nav-password = Change password
admin-role-admin = Administrator
admin-role-editor = Editor
admin-role-translator = Translator
admin-logout = Sign out
admin-logout-everywhere = Sign out everywhere

admin-login-title = Staff sign-in
admin-user-name = User name
admin-password = Password
admin-login-submit = Sign in
admin-login-expired = The sign-in form had expired. Please try again.
admin-login-throttled = Too many failed sign-ins. Please wait { $seconds ->
        [one] { $seconds } second
       *[other] { $seconds } seconds
    } and try again.
admin-login-failed = The user name or password is not correct.

admin-password-title = Change password
admin-password-changed = Your password has been changed.
admin-password-must-change = Please choose your own password before you continue.
admin-password-current = Current password
admin-password-new = New password
admin-password-rule = At least { $min ->
        [one] { $min } character
       *[other] { $min } characters
    }, not your user name.
admin-password-confirm = New password again
admin-password-wrong-current = The current password is not correct.
admin-password-mismatch = The two new passwords are not the same.
admin-password-too-short = The new password needs at least { $min ->
        [one] { $min } character
       *[other] { $min } characters
    }.
admin-password-too-long = The new password is too long.
admin-password-same-as-name = The new password must not be your user name.
admin-password-unchanged = The new password must differ from the current one.
admin-save = Save

admin-new-procedure = New procedure
admin-search = Search (code or title)
admin-status = Status
admin-all = All
admin-status-draft = Draft
admin-status-published = Published
admin-status-archived = Archived
admin-category = Category
admin-category-hint = Choose from the list (new categories are made on the Categories page)
admin-filter = Show
admin-none-found = No procedures found.
admin-code = Code
admin-languages = Languages
admin-updated = Updated
admin-revision = Revision { $n }
admin-saved = Saved.
admin-publish = Publish
admin-unpublish = Back to draft
admin-archive = Archive
admin-restore = Restore (publish again)
admin-restore-confirm = I understand: the code will show the guidance page again instead of “this procedure has ended”.
admin-translations-of = Languages
admin-preview = Preview
admin-edit = Edit
admin-source-text = Japanese text (source)
admin-state-missing = Missing
admin-state-current = Up to date
admin-state-outdated = Out of date
admin-state-incomplete = Incomplete
admin-field-ended_note = What to do instead (shown once the procedure has ended)
admin-field-missing = Not translated: readers will see this part in English or Japanese.
admin-incomplete-question = This translation leaves out parts that the Japanese text has:
admin-incomplete-explain = Readers will see these parts in English or Japanese, with a note saying so. Fill them in, or save anyway.
admin-save-anyway = Save anyway
admin-stale-policy = When a translation is out of date
admin-stale-policy-hint = A translation is out of date when the Japanese text changed after it was made.
admin-stale-notice = Show the older translation with a notice and the date the Japanese changed (recommended)
admin-stale-fallback = Show an up-to-date language instead (English, or Japanese)

admin-field-title = Title
admin-field-summary = What is this?
admin-field-bring = What to bring (one per line)
admin-field-steps = Steps (in order)
admin-field-office = Department (担当課)
admin-field-floor = Floor
admin-field-counter = Counter number
admin-field-hours = Opening hours
admin-field-fee = Fee
admin-field-contact = Contact
admin-field-notes = Notes

admin-translate-into = Translation into
admin-translation-outdated = The Japanese text has changed since this translation was made. Please check it against the Japanese on the left.
admin-conflict = Someone else saved this text while you were editing. Your changes are kept in the form below; what they saved is shown here. Compare, then save again to replace theirs.
admin-conflict-theirs = What was saved meanwhile

admin-archive-explain = An archived procedure is no longer offered, but its code keeps working: people who scan an old poster see that it has ended and this note. The code is never reused.
admin-archive-note = What should people do instead?
admin-archive-note-required = Please write, in Japanese, what people should do instead.

admin-matrix-explain = Out of date: the Japanese text changed after the translation was made. Incomplete: the translation leaves out parts that the Japanese has.
admin-matrix-counts = Up to date / out of date / incomplete / missing

admin-audit-at = When
admin-audit-who = Who
admin-audit-what = What
admin-audit-change = Change
admin-audit-show = Show
admin-audit-before = Before
admin-audit-after = After

admin-role = Role
admin-user-disabled = Disabled
admin-user-active = Active
admin-user-new = New user
admin-user-langs = Languages (translators)
admin-user-langs-hint = For translators: the languages they may edit. Editors and admins may edit every language.
admin-user-create = Create user
admin-user-disable = Disable this account (signs it out everywhere)
admin-user-reset = Reset password
admin-user-password-once = One-time password for { $name }. It is shown only now; they must change it at first sign-in:

admin-token-once = The new token is shown only now. Copy it into the other system:
admin-token-name = Name
admin-token-created = Created
admin-token-revoked = Revoked
admin-token-revoke = Revoke
admin-token-new = New token
admin-token-create = Create token

admin-err-empty = Please fill this in.
admin-err-too-long = { $chars ->
        [one] { $chars } character is
       *[other] { $chars } characters are
    } too long; at most { $max }.
admin-err-control-characters = Contains invisible control characters; please retype it.
admin-err-invalid-characters = Contains characters that are not text (such as U+FFFE); please retype it.
admin-err-too-many-items = At most { $max ->
        [one] { $max } item
       *[other] { $max } items
    }.
admin-unavailable-title = Not saved
admin-busy-body = The database is busy with another change (an import or a backup may be running). Nothing was saved. Please go back and try again in a few seconds.
admin-cannot-write-body = The database cannot be written to at the moment: its disk is full or read-only. Nothing was saved. Please tell the system administrator; the public pages keep working.
admin-err-item = Item { $n }:
admin-err-category = Choose a category from the list.
admin-err-code-immutable = A procedure's code cannot be changed: it is printed on posters.
admin-err-user-name = A user name has 1 to 40 letters, digits, '.', '_' or '-'.
admin-err-role = Please choose a role.
admin-err-langs = The languages must be language tags such as vi, ne, zh-Hant.
admin-err-user-exists = A user with this name already exists.
admin-err-self-lockout = You cannot disable yourself or take away your own administrator role.
admin-err-token-name = Please give the token a name (up to 80 characters).
admin-err-invalid = This value is not valid.
admin-err-immutable = This cannot be changed.

admin-nav-offices = Offices
admin-offices-explain = Offices are shared by many procedures: change an office's hours once and every procedure that points to it shows the new hours. A procedure's own office fields, when filled in, take precedence.
admin-office-new = New office
admin-office-name = Name
admin-office-address = Address
admin-office-floor = Floor
admin-office-counter = Counter
admin-office-hours = Opening hours
admin-office-link = Office record
admin-office-none = (none)
admin-office-link-submit = Use this office

admin-nav-stats = Statistics
admin-stats-days = Last days
admin-stats-privacy = Only counts are kept: per day, procedure, the first language the phone asks for, the language served and where the code was printed. No address, no browser details, no identifier.
admin-stats-missing = Languages asked for but not available
admin-stats-missing-explain = What to translate next: the first language of phones that scanned a code, where we have no page language for it.
admin-stats-no-language = (phone sent no language)
admin-stats-other = (others, beyond the daily limit)
admin-stats-language = Language
admin-stats-scans = Scans
admin-stats-per-day = Scans per day
admin-stats-day = Day
admin-stats-top = Most scanned procedures
admin-stats-available = Languages asked for and available
admin-stats-source = Where the code was printed
admin-stats-source-none = (not marked)
## Print pages (posters, counter stands, label sheets)

print-button = Print / Save as PDF
print-hint = In the print dialog choose paper { $paper }, margins "None" or "Default", scale 100 % (not "Fit to page"). "Save as PDF" gives the file for a print shop.
print-back = Back to the procedure list
print-fold = Fold here
print-warn-draft = { $code } is not published yet: scanning the code shows "not found" until it is.
print-warn-archived = { $code } has ended: scanning the code shows the "has ended" page.
print-warn-unknown = There is no procedure with the code { $code }; it was left out.
print-labels-title = Label sheet
print-none-chosen = Choose at least one procedure for the label sheet.
print-heading = Print
print-choose = Choose
print-labels-button = Print labels for the chosen procedures
print-layout = Label layout
print-layout-3x7 = A4, 3 × 7 (70 × 42.3 mm, 21 labels)
print-layout-2x5 = A4, 2 × 5 (105 × 57 mm, 10 labels)
print-fill = Repeat to fill the sheet
print-poster = Poster
print-stand = Stand

## The Japanese card on the public guidance page (read by the staff)

# The visitor's language, named in Japanese ($language is its
# language-name-ja). Each language's own card-language is a fixed sentence;
# this one takes the name, so one Japanese sentence serves every language.
staff-card-language = I speak { $language }.
admin-ago-now = just now
admin-ago-minutes = { $n ->
    [one] 1 minute ago
   *[other] { $n } minutes ago
}
admin-ago-hours = { $n ->
    [one] 1 hour ago
   *[other] { $n } hours ago
}
admin-audit-removed = Removed:
admin-audit-added = Added:
admin-audit-revision = Revision
admin-audit-other = Another change ({ $code })
admin-audit-procedure-create = Created the procedure
admin-audit-procedure-publish = Published
admin-audit-procedure-unpublish = Returned to draft
admin-audit-procedure-archive = Ended (archived)
admin-audit-procedure-restore = Restored after it had ended
admin-audit-procedure-import = Imported from a file
admin-audit-procedure-office = Changed the office
admin-audit-procedure-stale-policy = Changed what readers of out-of-date translations see
admin-audit-text-create = Created the text in { $language }
admin-audit-text-update = Updated the text in { $language }
admin-audit-text-import = Imported the text in { $language } from a translation file
admin-audit-office-create = Created office { $name }
admin-audit-office-update = Updated office { $name }
admin-audit-office-import = Imported office { $name } from a file
admin-audit-user-create = Created the account “{ $name }”
admin-audit-user-update = Changed the account “{ $name }”
admin-audit-user-password-reset = Reset the password of “{ $name }”
admin-audit-user-password-change = “{ $name }” changed their password
admin-audit-token-create = Created API token { $name }
admin-audit-token-revoke = Revoked API token { $name }
print-encodes = The code on this page opens:
print-risk-loopback = Do not print yet: the codes point at { $url }, which only this computer can open. Start the service with --base-url set to its public https:// address.
print-risk-private = Do not print yet: the codes point at { $url }, an address inside the office network that residents' phones cannot reach. Set --base-url to the public https:// address.
print-risk-http = The codes point at { $url } without https://: phones warn about it and some refuse. Set --base-url to an https:// address before printing.
admin-cancel = Cancel
admin-publish-explain = Once published, everyone who scans this procedure's QR code sees its page, in their language where a translation exists. Check the Japanese text and the translations first.
admin-publish-url = Its QR codes open
admin-unpublish-explain = Taken back to draft, the page is no longer shown: people who scan its QR code see "not found" until it is published again. Use "end" instead if the procedure is no longer offered.
admin-done-published = Published: the page is now public.
admin-done-unpublished = Taken back to draft: the page is no longer public.
admin-done-restored = Restored: the procedure is offered again.
admin-done-archived = Ended: its codes now show the "has ended" page with your note.
admin-done-office = The office record was changed.
admin-done-policy = Saved what readers of out-of-date translations see.
admin-help-title = The procedure's name as residents know it, e.g. 転入届.
admin-help-summary = One or two sentences: what the procedure is and who needs it. One paragraph per line.
admin-help-bring = One document per row, with who needs it in brackets, e.g. 在留カード（世帯全員分）.
admin-help-steps = One step per row, in the order the resident does them.
admin-help-office = The department that handles it, e.g. 中央区役所 区民課. Leave empty to use the linked office record.
admin-help-floor = e.g. 1階.
admin-help-counter = The counter number or name shown at the office, e.g. 3番窓口.
admin-help-hours = Days and hours, e.g. 平日 8:30〜17:15（祝日を除く）.
admin-help-fee = e.g. 無料, or 1通 300円.
admin-help-contact = Phone number and the section that answers it.
admin-help-notes = Anything else residents must know. One paragraph per line.
admin-help-ended_note = What to do instead, shown to people who scan an old poster.
admin-row-up = Move item { $n } up
admin-row-down = Move item { $n } down
admin-row-delete = Remove item { $n }
admin-row-delete-short = Remove
admin-row-add = Add a row
print-warn-site-name = No --site-name is set: posters do not say whose service this is. Start the service with --site-name (e.g. "ja=熊本市; en=Kumamoto City").

## Bulk import from a spreadsheet and QR codes in bulk
admin-import-link = Import from a spreadsheet
admin-import-title = Import procedures from a spreadsheet
admin-import-explain = Add or update the Japanese text of many procedures at once from a CSV or Excel (XLSX) file. One row is one procedure.
admin-import-columns = The first row must be exactly this header:
admin-import-help-code = A row with an empty code becomes a new draft procedure. A row with a code updates that procedure's Japanese text (a changed text moves it to a new revision, so its translations become out of date).
admin-import-help-lists = What to bring (bring) and the steps (steps) take one item per line inside their cell (Alt+Enter in Excel).
admin-import-help-all = The whole file is checked first. If anything is wrong, nothing is saved and every problem is listed by row and column.
admin-import-template-csv = Download the template (CSV)
admin-import-template-xlsx = Download the template (Excel)
admin-import-file = File (CSV or XLSX, up to 1 MB)
admin-import-button = Check and import
admin-import-refused = Nothing was saved because of these problems. Correct them and upload the file again.
admin-import-problem = Row { $row }, column { $column }: { $message }
admin-import-code-problem = Row { $row }, column code: no procedure has this code (a typing mistake, or the same code twice). Leave the code empty for a new procedure.
admin-import-row-problem = Row { $row }: there are values beyond the last column of the header.
admin-import-header-problem = The header in row 1 is wrong (column { $column }). Use the header shown above as it is.
admin-import-no-file = Choose a file.
admin-import-unreadable = The file could not be read ({ $reason }). Save it as CSV (UTF-8 or Shift_JIS) or XLSX.
admin-import-done = { $n ->
    [one] One procedure was added or updated.
   *[other] { $n } procedures were added or updated.
}
admin-import-created = Added as drafts:
admin-import-updated = Updated:
admin-import-unchanged = { $n ->
    [one] One row had no changes.
   *[other] { $n } rows had no changes.
}
print-codes-zip-button = Download the chosen procedures' QR codes (ZIP: PNG and SVG)

## Categories
admin-nav-categories = Categories
admin-categories-explain = Categories of procedures. The public index groups procedures by category, named in each reader's language.
admin-category-choose = (choose one)
admin-category-new = New category
admin-category-create = Create
admin-category-names = Names by language
admin-category-name-ja = Name (Japanese)
admin-category-name-en = Name (English)
admin-category-slug = Key (letters)
admin-category-slug-hint = Letters, digits and hyphens. Left empty, it is made from the English name. It cannot be changed later.
admin-category-err-ja = Enter the Japanese name.
admin-category-err-long = A name is at most 100 characters.
admin-category-err-characters = The name contains characters that cannot be used.
admin-category-err-taken = This key is already in use.
admin-field-category_name = Category name
admin-field-slug = Category key
admin-audit-category-create = Created category { $name }
admin-audit-category-update = Renamed category { $name }
print-too-many-codes = Choose at most { $max } procedures for one download.
admin-nav-tenants = Municipalities
admin-tenants-explain = Each municipality on this service has its own procedures, offices, staff, statistics and address. Its staff sign in at its own address; they never see another's data.
admin-tenants-none = No other municipality yet.
admin-tenant-new = Add a municipality
admin-tenant-slug = Short name
admin-tenant-slug-hint = 2 to 32 lower-case letters, digits and hyphens, starting with a letter, e.g. kita-ku. It cannot be changed later.
admin-tenant-base-url = Public address
admin-tenant-base-url-hint = The address printed in its QR codes, e.g. https://kita-ku.example.jp. Its host name reaches this municipality.
admin-tenant-hosts = Other host names
admin-tenant-hosts-hint = Optional: more host names that reach it, one per line.
admin-tenant-site-name = Whose service
admin-tenant-site-name-hint = Printed on posters, e.g. 北区役所, or per language: ja=北区役所; en=Kita Ward Office
admin-tenant-langs-hint = The languages residents and staff may choose besides Japanese. None ticked: every language of this service.
admin-tenant-all-languages = All
admin-tenant-create = Add the municipality
admin-tenant-created = Added { $name }.
admin-tenant-created-password = Its first account is “admin”. Give this one-time password to its administrator; it is shown only now and must be changed at first sign-in:
admin-tenant-err-slug = The short name must be 2 to 32 lower-case letters, digits and hyphens, starting with a letter.
admin-tenant-err-url = The public address must be a full http:// or https:// address, e.g. https://kita-ku.example.jp.
admin-tenant-err-host = Each other host name must be a host name such as kita.example.jp, one per line.
admin-tenant-err-site-name = The site name is not in the form 北区役所 or ja=北区役所; en=Kita Ward Office.
admin-tenant-err-taken = A municipality with this short name exists already.
admin-tenant-err-host-taken = The host name { $host } already reaches another municipality.
admin-audit-tenant-add = Added the municipality { $name }
admin-audit-user-operator = Let “{ $name }” add municipalities
admin-field-site_name = Whose service
admin-field-base_url = Public address
admin-field-hosts = Host names
admin-sso-sign-in = Sign in with your organisation's account
admin-sso-done = Signed in
admin-sso-continue = Continue
admin-sso-failed = Signing in with your organisation's account did not work. Please try again.
admin-sso-unreachable = Your organisation's sign-in service cannot be reached just now. Please try again in a few minutes.
admin-sso-no-role = Your organisation's account has no role in this service. Ask your administrator to add you to a group for it.
admin-login-passwords-off = Passwords are turned off here: sign in with your organisation's account.
admin-audit-sso-set = Set up single sign-on
admin-audit-sso-clear = Turned single sign-on off
admin-audit-archive-import = Loaded an archive of another service's data
admin-field-issuer = Sign-in service
admin-field-client_id = Client ID
admin-field-passwords = Passwords allowed
admin-field-groups = Groups and roles
admin-field-sso = Single sign-on
admin-sso-signed-out = Signed out
admin-sso-sign-out-there = Sign out of your organisation's account too
admin-user-reset-sso = This account signs in with your organisation's account; it has no password here to reset.
admin-audit-tenant-update = Changed the municipality { $name }
