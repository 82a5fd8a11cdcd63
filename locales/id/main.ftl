# The page's own words for madoguchi's public pages.
# Reference locale: every other locale translates these ids.
# Variables in { $braces } must be kept as they are.

## Language identity

# This language's name, written in this language (shown in the language picker).
language-name = Bahasa Indonesia
# This language's name in Japanese (shown to ward-office staff on the Japanese card).
language-name-ja = インドネシア語
poster-scan-caption = Pindai untuk membaca ini dalam bahasa Anda

## Site

site-name = Madoguchi
site-tagline = Penjelasan prosedur di kantor kota dalam bahasa Anda
skip-to-content = Langsung ke konten
language-picker = Bahasa

## Index page

index-title = Prosedur di kantor kota
index-intro = Pilih prosedur, atau ketik kode yang tercetak di bawah kode QR.
no-procedures = Belum ada prosedur yang diterbitkan.
search-label = Cari prosedur menurut nama atau kode
search-submit = Cari
search-none = Tidak ada prosedur yang cocok dengan pencarian Anda. Coba kata lain, atau ketik kode di atas.
code-label = Kode prosedur
code-hint = 4 sampai 6 huruf dan angka, misalnya K7Q2
code-submit = Buka
code-invalid = “{ $code }” bukan kode yang valid. Kode terdiri dari 4 sampai 6 huruf dan angka.

## Guidance page

procedure-code = Kode: { $code }
section-summary = Apa ini?
section-bring = Yang perlu dibawa
section-steps = Langkah-langkah
section-where = Tempat yang dituju
field-office = Kantor
field-address = Alamat
field-floor = Lantai
field-counter = Loket
section-hours = Jam layanan
section-fee = Biaya
section-contact = Kontak
section-notes = Catatan
fallback-notice = Prosedur ini belum tersedia dalam bahasa Indonesia. Di bawah ini ditampilkan dalam { $shown }.
borrowed-notice = Beberapa bagian belum diterjemahkan dan ditampilkan dalam bahasa lain:
stale-notice = Terjemahan ini dibuat sebelum teks bahasa Jepang diubah pada { $date }. Beberapa informasi mungkin sudah tidak berlaku: silakan tanyakan kepada petugas di loket.
stale-read-current = Teks terbaru:
section-ended-note = Yang perlu dilakukan sebagai gantinya
staff-card-heading = Tunjukkan ini kepada petugas
staff-card-hint = Kotak di bawah ini ditulis dalam bahasa Jepang untuk petugas di loket.
back-to-index = Semua prosedur

## The card shown to the staff
# These lines are shown twice: in Japanese (from the ja locale) for the staff,
# and in the resident's language underneath, so they know what the card says.

card-request = Saya ingin mengurus prosedur berikut:
# A fixed sentence naming this language, in this language (no variable):
# "I speak English." The Japanese card names it with staff-card-language.
card-language = Saya berbicara bahasa Indonesia.
card-code = Kode prosedur: { $code }

## Error pages

not-found-title = Prosedur tidak ditemukan
not-found-body = Tidak ada prosedur dengan kode { $code }. Silakan periksa kodenya dan coba lagi.
page-not-found-body = Halaman ini tidak ada. Silakan periksa alamatnya, atau ketik kode di bawah ini.
gone-title = Prosedur ini sudah berakhir
gone-body = Prosedur ini tidak lagi tersedia. Silakan bertanya di loket di bawah ini.
bad-request-title = Ada masalah dengan permintaan ini
bad-request-body = Alamat tidak dapat dipahami. Silakan periksa, atau ketik kode di bawah ini.
server-error-title = Terjadi kesalahan
server-error-body = Silakan coba lagi sebentar lagi. Jika terus terjadi, silakan bertanya di loket.
forbidden-title = Tidak diizinkan
forbidden-body = Anda tidak dapat membuka halaman ini. Silakan masuk dengan akun yang berwenang.
too-many-title = Terlalu banyak percobaan
too-many-body = Tunggu { $seconds } detik, lalu coba lagi.
unavailable-title = Sistem sedang sibuk
unavailable-body = Saat ini tidak dapat diproses. Silakan coba lagi dalam satu menit. Jika terus terjadi, silakan tanyakan di loket.

## Guidance page tools (the buttons show only where the browser can do them)

text-updated = Terakhir diperbarui: { $date }
read-aloud = Bacakan
listen = Dengarkan
read-aloud-stop = Berhenti membacakan
copy-link = Salin tautan
link-copied = Tautan sudah disalin.
share = Bagikan

## Full-screen card for the staff

staff-mode-open = Tampilkan layar penuh kepada petugas
staff-mode-close = Tutup layar penuh
phrases-heading = Kalimat untuk di loket
phrase-not-understand = Saya tidak mengerti.
phrase-write-down = Tolong tuliskan.
phrase-interpreter = Apakah ada juru bahasa?

## Offline re-reading

offline-note = Tidak ada koneksi: ini adalah salinan yang tersimpan di ponsel ini.
saved-title = Halaman tersimpan
saved-intro = Halaman yang Anda buka disimpan di ponsel ini, sehingga Anda dapat membacanya lagi tanpa koneksi. Tidak ada yang dikirim ke mana pun.
saved-empty = Belum ada halaman yang tersimpan. Buka halaman suatu prosedur, dan halaman itu akan disimpan di sini.
