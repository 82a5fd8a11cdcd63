# The page's own words for madoguchi's public pages.
# Reference locale: every other locale translates these ids.
# Variables in { $braces } must be kept as they are.

## Language identity

# This language's name, written in this language (shown in the language picker).
language-name = ภาษาไทย
# This language's name in Japanese (shown to ward-office staff on the Japanese card).
language-name-ja = タイ語
poster-scan-caption = สแกนเพื่ออ่านเป็นภาษาของคุณ

## Site

site-name = Madoguchi
site-tagline = อธิบายขั้นตอนติดต่อราชการของเมืองเป็นภาษาของคุณ
skip-to-content = ข้ามไปยังเนื้อหา
language-picker = ภาษา

## Index page

index-title = ขั้นตอนติดต่อราชการ
index-intro = เลือกขั้นตอนที่ต้องการ หรือกรอกรหัสที่อยู่ใต้ QR โค้ด
no-procedures = ยังไม่มีขั้นตอนที่เผยแพร่
search-label = ค้นหาขั้นตอนตามชื่อหรือรหัส
search-submit = ค้นหา
search-none = ไม่พบขั้นตอนที่ตรงกับการค้นหา ลองใช้คำอื่น หรือพิมพ์รหัสด้านบน
code-label = รหัสขั้นตอน
code-hint = ตัวอักษรและตัวเลข 4 ถึง 6 ตัว เช่น K7Q2
code-submit = เปิด
code-invalid = “{ $code }” ไม่ใช่รหัสที่ถูกต้อง รหัสประกอบด้วยตัวอักษรและตัวเลข 4 ถึง 6 ตัว

## Guidance page

procedure-code = รหัส: { $code }
section-summary = นี่คืออะไร
section-bring = สิ่งที่ต้องนำไป
section-steps = ขั้นตอน
section-where = สถานที่ที่ต้องไป
field-office = สำนักงาน
field-address = ที่อยู่
field-floor = ชั้น
field-counter = เคาน์เตอร์
section-hours = เวลาทำการ
section-fee = ค่าธรรมเนียม
section-contact = ติดต่อ
section-notes = หมายเหตุ
fallback-notice = ขั้นตอนนี้ยังไม่มีเป็นภาษาไทย ด้านล่างแสดงเป็น { $shown }
borrowed-notice = บางส่วนยังไม่ได้แปล จึงแสดงเป็นภาษาอื่น:
stale-notice = คำแปลนี้จัดทำก่อนที่ข้อความภาษาญี่ปุ่นจะเปลี่ยนแปลงเมื่อวันที่ { $date } ข้อมูลบางส่วนอาจไม่เป็นปัจจุบัน กรุณาสอบถามเจ้าหน้าที่ที่เคาน์เตอร์
stale-read-current = ข้อความล่าสุด:
section-ended-note = สิ่งที่ต้องทำแทน
staff-card-heading = แสดงสิ่งนี้ให้เจ้าหน้าที่ดู
staff-card-hint = กรอบด้านล่างเขียนเป็นภาษาญี่ปุ่นสำหรับเจ้าหน้าที่ที่เคาน์เตอร์
back-to-index = ขั้นตอนทั้งหมด

## The card shown to the staff
# These lines are shown twice: in Japanese (from the ja locale) for the staff,
# and in the resident's language underneath, so they know what the card says.

card-request = ฉันต้องการติดต่อเรื่องต่อไปนี้:
# A fixed sentence naming this language, in this language (no variable):
# "I speak English." The Japanese card names it with staff-card-language.
card-language = ฉันพูดภาษาไทย
card-code = รหัสขั้นตอน: { $code }

## Error pages

not-found-title = ไม่พบขั้นตอนนี้
not-found-body = ไม่มีขั้นตอนที่ใช้รหัส { $code } กรุณาตรวจสอบรหัสแล้วลองอีกครั้ง
page-not-found-body = ไม่มีหน้านี้ กรุณาตรวจสอบที่อยู่เว็บ หรือกรอกรหัสด้านล่าง
gone-title = ขั้นตอนนี้สิ้นสุดแล้ว
gone-body = ขั้นตอนนี้ไม่มีให้บริการแล้ว กรุณาสอบถามที่เคาน์เตอร์ด้านล่าง
bad-request-title = คำขอนี้มีปัญหา
bad-request-body = ไม่เข้าใจที่อยู่เว็บนี้ กรุณาตรวจสอบ หรือกรอกรหัสด้านล่าง
server-error-title = เกิดข้อผิดพลาด
server-error-body = กรุณาลองใหม่อีกครั้งในอีกสักครู่ หากยังเกิดขึ้นอีก กรุณาสอบถามที่เคาน์เตอร์
forbidden-title = ไม่อนุญาต
forbidden-body = คุณเปิดหน้านี้ไม่ได้ กรุณาเข้าสู่ระบบด้วยบัญชีที่มีสิทธิ์
too-many-title = ลองหลายครั้งเกินไป
too-many-body = กรุณารอ { $seconds } วินาที แล้วลองใหม่
unavailable-title = ระบบไม่ว่างในขณะนี้
unavailable-body = ขณะนี้ไม่สามารถดำเนินการได้ โปรดลองอีกครั้งในอีกหนึ่งนาที หากยังเกิดขึ้นอีก โปรดสอบถามที่เคาน์เตอร์

## Guidance page tools (the buttons show only where the browser can do them)

text-updated = อัปเดตล่าสุด: { $date }
read-aloud = อ่านออกเสียง
listen = ฟังเสียงอ่าน
read-aloud-stop = หยุดอ่าน
copy-link = คัดลอกลิงก์
link-copied = คัดลอกลิงก์แล้ว
share = แชร์

## Full-screen card for the staff

staff-mode-open = แสดงเต็มจอให้เจ้าหน้าที่ดู
staff-mode-close = ปิดการแสดงเต็มจอ
phrases-heading = ประโยคที่ใช้ที่เคาน์เตอร์
phrase-not-understand = ฉันไม่เข้าใจ
phrase-write-down = กรุณาเขียนให้ดูด้วย
phrase-interpreter = มีล่ามไหม

## Offline re-reading

offline-note = ไม่มีการเชื่อมต่ออินเทอร์เน็ต นี่คือสำเนาที่บันทึกไว้ในโทรศัพท์เครื่องนี้
saved-title = หน้าเว็บที่บันทึกไว้
saved-intro = หน้าเว็บที่คุณเปิดจะบันทึกไว้ในโทรศัพท์เครื่องนี้ คุณจึงเปิดอ่านอีกครั้งได้แม้ไม่มีอินเทอร์เน็ต ไม่มีการส่งข้อมูลไปที่ใดเลย
saved-empty = ยังไม่มีหน้าเว็บที่บันทึกไว้ เมื่อคุณเปิดหน้าของขั้นตอนใด หน้านั้นจะบันทึกไว้ที่นี่
