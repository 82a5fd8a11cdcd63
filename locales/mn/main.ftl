### Монгол (mn): main.ftl, made by `madoguchi locales new` from English.
### NATIVE REVIEW PENDING: no native speaker has reviewed this language yet.
### Every message is translated (2026-12-04, by the madoguchi team, not by a native
### speaker): until a native speaker has reviewed it, treat its wording as a draft.


## Language identity

# This language's name, written in this language (shown in the language picker).
language-name = Монгол
# This language's name in Japanese (shown to ward-office staff on the Japanese card).
language-name-ja = モンゴル語

# Under the QR code on posters, in every language the service has: "Scan to read this in your language".
poster-scan-caption = Өөрийн хэлээр уншихын тулд скан хийнэ үү


## Site


site-name = Madoguchi


site-tagline = Хотын захиргааны үйлчилгээг таны хэлээр тайлбарлана


skip-to-content = Үндсэн агуулга руу шилжих


language-picker = Хэл


## Index page


index-title = Хотын захиргааны үйлчилгээ


index-intro = Үйлчилгээгээ сонгоно уу, эсвэл QR кодын доор хэвлэсэн кодыг оруулна уу.


no-procedures = Одоогоор нийтэлсэн үйлчилгээ алга байна.


# The search box on the index: its label, its button, and what shows when nothing matches.
search-label = Үйлчилгээг нэр эсвэл кодоор хайх


search-submit = Хайх


search-none = Таны хайлтад тохирох үйлчилгээ олдсонгүй. Өөр үгээр хайж үзнэ үү, эсвэл дээр кодоо оруулна уу.


code-label = Үйлчилгээний код


code-hint = 4-өөс 6 хүртэл үсэг, тоо. Жишээ нь: K7Q2


code-submit = Нээх


code-invalid = “{ $code }” гэсэн код буруу байна. Код нь 4-өөс 6 хүртэл үсэг, тооноос бүрдэнэ.


## Guidance page


procedure-code = Код: { $code }


section-summary = Энэ юу вэ?


section-bring = Авчрах зүйлс


section-steps = Хийх дараалал


section-where = Хаана очих вэ


field-office = Байгууллага


field-address = Хаяг


field-floor = Давхар


field-counter = Цонх


section-hours = Ажлын цаг


section-fee = Төлбөр


section-contact = Холбоо барих


section-notes = Анхаарах зүйл


fallback-notice = Энэ үйлчилгээний тайлбар монгол хэлээр хараахан байхгүй байна. Доор дараах хэлээр харуулж байна: { $shown }.


borrowed-notice = Зарим хэсгийг хараахан орчуулаагүй байна. Тэдгээрийг өөр хэлээр харуулж байна:


stale-notice = Япон хэл дээрх эх бичвэр өөрчлөгдсөн (огноо: { $date }). Энэ орчуулгыг түүнээс өмнө хийсэн тул зарим мэдээлэл хуучирсан байж магадгүй. Ажилтнаас лавлана уу.


stale-read-current = Одоогийн бичвэр:


section-ended-note = Оронд нь юу хийх вэ


staff-card-heading = Үүнийг ажилтанд үзүүлнэ үү


staff-card-hint = Доорх хэсгийг цонхны ажилтанд зориулж япон хэлээр бичсэн.


back-to-index = Бүх үйлчилгээ


## The card shown to the staff


card-request = Би энэ үйлчилгээг авмаар байна:


# A fixed sentence naming this language, in this language (no variable):
# "I speak English." The Japanese card names it with staff-card-language.
card-language = Би монгол хэлээр ярьдаг.


card-code = Үйлчилгээний код: { $code }


## Error pages


not-found-title = Үйлчилгээ олдсонгүй


not-found-body = { $code } кодтой үйлчилгээ байхгүй байна. Кодоо шалгаад дахин оролдоно уу.


page-not-found-body = Ийм хуудас байхгүй байна. Хаягаа шалгана уу, эсвэл доор кодоо оруулна уу.


gone-title = Энэ үйлчилгээ зогссон


gone-body = Энэ үйлчилгээг одоо үзүүлэхээ больсон. Доор заасан цонхонд асууна уу.


bad-request-title = Энэ хүсэлтэд алдаа байна


bad-request-body = Хаягийг ойлгож чадсангүй. Хаягаа шалгана уу, эсвэл доор кодоо оруулна уу.


server-error-title = Алдаа гарлаа


server-error-body = Түр хүлээгээд дахин оролдоно уу. Алдаа давтагдвал цонхонд асууна уу.


forbidden-title = Зөвшөөрөлгүй


forbidden-body = Та энэ хуудсыг нээх боломжгүй. Нээх эрхтэй хэрэглэгчийн бүртгэлээр нэвтэрнэ үү.


too-many-title = Хэт олон удаа оролдлоо


too-many-body = { $seconds ->
        [one] { $seconds } секунд
       *[other] { $seconds } секунд
    } хүлээгээд дахин оролдоно уу.


unavailable-title = Одоогоор ачаалалтай байна


unavailable-body = Одоо үүнийг хийж чадсангүй. Нэг минутын дараа дахин оролдоно уу. Алдаа давтагдвал цонхонд асууна уу.


## Guidance page tools (the buttons show only where the browser can do them)


# $date is the date in YYYY-MM-DD form.
text-updated = Сүүлд шинэчилсэн: { $date }


read-aloud = Чангаар унших
listen = Сонсох


read-aloud-stop = Уншихыг зогсоох


copy-link = Холбоос хуулах


link-copied = Холбоосыг хууллаа.


share = Хуваалцах


## Full-screen card for the staff


staff-mode-open = Ажилтанд бүтэн дэлгэцээр үзүүлэх


staff-mode-close = Бүтэн дэлгэцийг хаах


phrases-heading = Цонхонд хэрэглэх хэллэг


# These phrases are shown twice: in Japanese for the staff and in the
# resident's language underneath.
phrase-not-understand = Би ойлгохгүй байна.


phrase-write-down = Бичиж өгнө үү.


phrase-interpreter = Орчуулагч байна уу?

## Offline re-reading

offline-note = Интернэт холболт байхгүй байна: энэ утсанд хадгалагдсан хуулбарыг харуулж байна.
saved-title = Хадгалсан хуудсууд
saved-intro = Таны нээсэн хуудсууд энэ утсанд хадгалагдах тул интернэт холболтгүй үед ч дахин уншиж болно. Ямар ч мэдээлэл хаашаа ч илгээгдэхгүй.
saved-empty = Одоогоор хадгалсан хуудас алга байна. Үйлчилгээний хуудсыг нээхэд энд хадгалагдана.
