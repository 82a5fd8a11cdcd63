# The page's own words for madoguchi's public pages.
# Reference locale: every other locale translates these ids.
# Variables in { $braces } must be kept as they are.

## Language identity

# This language's name, written in this language (shown in the language picker).
language-name = Tiếng Việt
# This language's name in Japanese (shown to ward-office staff on the Japanese card).
language-name-ja = ベトナム語
poster-scan-caption = Quét mã để đọc bằng ngôn ngữ của bạn

## Site

site-name = Madoguchi
site-tagline = Giải thích thủ tục hành chính của thành phố bằng ngôn ngữ của bạn
skip-to-content = Chuyển đến nội dung chính
language-picker = Ngôn ngữ

## Index page

index-title = Thủ tục hành chính
index-intro = Hãy chọn một thủ tục, hoặc nhập mã được in bên dưới mã QR.
no-procedures = Chưa có thủ tục nào được đăng.
search-label = Tìm thủ tục theo tên hoặc mã
search-submit = Tìm
search-none = Không có thủ tục nào khớp với tìm kiếm của bạn. Hãy thử từ khác, hoặc nhập mã ở trên.
code-label = Mã thủ tục
code-hint = 4 đến 6 chữ cái và chữ số, ví dụ K7Q2
code-submit = Mở
code-invalid = “{ $code }” không phải là mã hợp lệ. Mã gồm 4 đến 6 chữ cái và chữ số.

## Guidance page

procedure-code = Mã: { $code }
section-summary = Thủ tục này là gì?
section-bring = Những thứ cần mang theo
section-steps = Các bước
section-where = Nơi cần đến
field-office = Cơ quan
field-address = Địa chỉ
field-floor = Tầng
field-counter = Quầy
section-hours = Giờ làm việc
section-fee = Lệ phí
section-contact = Liên hệ
section-notes = Lưu ý
fallback-notice = Thủ tục này chưa có bằng tiếng Việt. Nội dung bên dưới được hiển thị bằng { $shown }.
borrowed-notice = Một số phần chưa được dịch. Các phần này được hiển thị bằng ngôn ngữ khác:
stale-notice = Bản dịch này được làm trước khi văn bản tiếng Nhật thay đổi vào ngày { $date }. Một số thông tin có thể đã cũ: vui lòng hỏi lại nhân viên tại quầy.
stale-read-current = Văn bản mới nhất:
section-ended-note = Bạn cần làm gì thay thế
staff-card-heading = Hãy đưa cho nhân viên xem
staff-card-hint = Khung bên dưới được viết bằng tiếng Nhật cho nhân viên ở quầy.
back-to-index = Tất cả thủ tục

## The card shown to the staff
# These lines are shown twice: in Japanese (from the ja locale) for the staff,
# and in the resident's language underneath, so they know what the card says.

card-request = Tôi muốn làm thủ tục sau:
# A fixed sentence naming this language, in this language (no variable):
# "I speak English." The Japanese card names it with staff-card-language.
card-language = Tôi nói tiếng Việt.
card-code = Mã thủ tục: { $code }

## Error pages

not-found-title = Không tìm thấy thủ tục
not-found-body = Không có thủ tục nào có mã { $code }. Vui lòng kiểm tra mã và thử lại.
page-not-found-body = Trang này không tồn tại. Vui lòng kiểm tra địa chỉ, hoặc nhập mã bên dưới.
gone-title = Thủ tục này đã kết thúc
gone-body = Thủ tục này không còn được áp dụng nữa. Vui lòng hỏi tại quầy bên dưới.
bad-request-title = Yêu cầu này có vấn đề
bad-request-body = Không thể hiểu được địa chỉ. Vui lòng kiểm tra lại, hoặc nhập mã bên dưới.
server-error-title = Đã xảy ra lỗi
server-error-body = Vui lòng thử lại sau ít phút. Nếu lỗi vẫn tiếp tục, vui lòng hỏi tại quầy.
forbidden-title = Không được phép
forbidden-body = Bạn không thể mở trang này. Hãy đăng nhập bằng tài khoản có quyền.
too-many-title = Thử quá nhiều lần
too-many-body = Vui lòng đợi { $seconds } giây rồi thử lại.
unavailable-title = Hệ thống đang bận
unavailable-body = Hiện không thể thực hiện. Vui lòng thử lại sau một phút. Nếu lỗi vẫn tiếp tục, vui lòng hỏi tại quầy.

## Guidance page tools (the buttons show only where the browser can do them)

text-updated = Cập nhật lần cuối: { $date }
read-aloud = Đọc to
listen = Nghe đọc
read-aloud-stop = Dừng đọc
copy-link = Sao chép liên kết
link-copied = Đã sao chép liên kết.
share = Chia sẻ

## Full-screen card for the staff

staff-mode-open = Hiển thị toàn màn hình cho nhân viên
staff-mode-close = Thoát toàn màn hình
phrases-heading = Những câu dùng tại quầy
phrase-not-understand = Tôi không hiểu.
phrase-write-down = Xin vui lòng viết ra giấy.
phrase-interpreter = Ở đây có phiên dịch viên không?

## Offline re-reading

offline-note = Không có kết nối mạng: đây là bản đã lưu trong điện thoại này.
saved-title = Trang đã lưu
saved-intro = Các trang bạn mở sẽ được lưu trong điện thoại này, để bạn có thể đọc lại kể cả khi không có kết nối mạng. Không có gì được gửi đi đâu cả.
saved-empty = Chưa có trang nào được lưu. Khi bạn mở trang của một thủ tục, trang đó sẽ được lưu ở đây.
