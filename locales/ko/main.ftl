# The page's own words for madoguchi's public pages.
# Reference locale: every other locale translates these ids.
# Variables in { $braces } must be kept as they are.

## Language identity

# This language's name, written in this language (shown in the language picker).
language-name = 한국어
# This language's name in Japanese (shown to ward-office staff on the Japanese card).
language-name-ja = 韓国語
poster-scan-caption = 스캔하면 사용하시는 언어로 읽을 수 있습니다

## Site

site-name = Madoguchi
site-tagline = 시청 행정 절차를 여러분의 언어로 안내합니다
skip-to-content = 본문 바로가기
language-picker = 언어

## Index page

index-title = 시청 행정 절차
index-intro = 절차를 선택하거나 QR 코드 아래에 인쇄된 코드를 입력하세요.
no-procedures = 아직 게시된 절차가 없습니다.
search-label = 이름이나 코드로 절차 검색
search-submit = 검색
search-none = 검색과 일치하는 절차가 없습니다. 다른 단어로 찾거나 위에 코드를 입력하세요.
code-label = 절차 코드
code-hint = 영문자와 숫자 4~6자리, 예: K7Q2
code-submit = 열기
code-invalid = “{ $code }”은(는) 올바른 코드가 아닙니다. 코드는 영문자와 숫자 4~6자리입니다.

## Guidance page

procedure-code = 코드: { $code }
section-summary = 어떤 절차인가요?
section-bring = 준비물
section-steps = 진행 순서
section-where = 방문할 곳
field-office = 기관
field-address = 주소
field-floor = 층
field-counter = 창구
section-hours = 운영 시간
section-fee = 수수료
section-contact = 문의처
section-notes = 참고 사항
fallback-notice = 이 절차는 아직 한국어로 제공되지 않습니다. 아래는 { $shown } 안내입니다.
borrowed-notice = 일부 항목은 아직 번역되지 않아 다른 언어로 표시됩니다:
stale-notice = 이 번역은 일본어 원문이 변경된 날({ $date }) 이전에 작성되었습니다. 일부 내용이 최신이 아닐 수 있으니 창구에서 확인해 주세요.
stale-read-current = 최신 안내:
section-ended-note = 대신 해야 할 일
staff-card-heading = 직원에게 보여 주세요
staff-card-hint = 아래 상자의 내용은 창구 직원을 위해 일본어로 쓰여 있습니다.
back-to-index = 모든 절차

## The card shown to the staff
# These lines are shown twice: in Japanese (from the ja locale) for the staff,
# and in the resident's language underneath, so they know what the card says.

card-request = 다음 절차를 진행하고 싶습니다:
# A fixed sentence naming this language, in this language (no variable):
# "I speak English." The Japanese card names it with staff-card-language.
card-language = 저는 한국어를 합니다.
card-code = 절차 코드: { $code }

## Error pages

not-found-title = 절차를 찾을 수 없습니다
not-found-body = 코드 { $code }에 해당하는 절차가 없습니다. 코드를 확인하고 다시 시도해 주세요.
page-not-found-body = 이 페이지는 존재하지 않습니다. 주소를 확인하거나 아래에 코드를 입력해 주세요.
gone-title = 이 절차는 종료되었습니다
gone-body = 이 절차는 더 이상 제공되지 않습니다. 아래 창구에 문의해 주세요.
bad-request-title = 요청에 문제가 있습니다
bad-request-body = 주소를 이해할 수 없습니다. 주소를 확인하거나 아래에 코드를 입력해 주세요.
server-error-title = 문제가 발생했습니다
server-error-body = 잠시 후 다시 시도해 주세요. 문제가 계속되면 창구에 문의해 주세요.
forbidden-title = 허용되지 않음
forbidden-body = 이 페이지를 열 수 없습니다. 권한이 있는 계정으로 로그인하세요.
too-many-title = 시도가 너무 많습니다
too-many-body = { $seconds }초 기다린 후 다시 시도하세요.
unavailable-title = 지금은 처리할 수 없습니다
unavailable-body = 지금은 처리할 수 없었습니다. 1분 후에 다시 시도해 주세요. 계속되면 창구에 문의해 주세요.

## Guidance page tools (the buttons show only where the browser can do them)

text-updated = 마지막 업데이트: { $date }
read-aloud = 소리 내어 읽기
listen = 음성으로 듣기
read-aloud-stop = 읽기 중지
copy-link = 링크 복사
link-copied = 링크를 복사했습니다.
share = 공유

## Full-screen card for the staff

staff-mode-open = 전체 화면으로 직원에게 보여 주기
staff-mode-close = 전체 화면 닫기
phrases-heading = 창구에서 쓸 수 있는 말
phrase-not-understand = 이해가 안 됩니다.
phrase-write-down = 글로 써 주세요.
phrase-interpreter = 통역사가 있습니까?

## Offline re-reading

offline-note = 인터넷에 연결되어 있지 않습니다. 지금 보이는 것은 이 휴대폰에 저장된 페이지입니다.
saved-title = 저장된 페이지
saved-intro = 열어 본 페이지는 이 휴대폰에 저장되므로 인터넷에 연결되지 않아도 다시 읽을 수 있습니다. 어디에도 전송되지 않습니다.
saved-empty = 아직 저장된 페이지가 없습니다. 절차 페이지를 열면 여기에 저장됩니다.
