# 職員画面の文言（既定は日本語）。

admin-site = 窓口案内 職員画面
admin-nav = 職員メニュー
admin-nav-procedures = 手続き
admin-nav-translations = 翻訳状況
admin-nav-users = ユーザー
admin-nav-tokens = APIトークン
admin-nav-audit = 変更履歴
admin-nav-password = パスワード変更
admin-role-admin = 管理者
admin-role-editor = 編集者
admin-role-translator = 翻訳者
admin-logout = ログアウト
admin-logout-everywhere = すべての端末からログアウト

admin-login-title = 職員ログイン
admin-user-name = ユーザー名
admin-password = パスワード
admin-login-submit = ログイン
admin-login-expired = ログイン画面の有効期限が切れました。もう一度お試しください。
admin-login-throttled = ログインの失敗が続いています。{ $seconds } 秒待ってから、もう一度お試しください。
admin-login-failed = ユーザー名またはパスワードが正しくありません。

admin-password-title = パスワード変更
admin-password-changed = パスワードを変更しました。
admin-password-must-change = 続ける前に、ご自分のパスワードを設定してください。
admin-password-current = 現在のパスワード
admin-password-new = 新しいパスワード
admin-password-rule = { $min } 文字以上で、ユーザー名と同じでないもの。
admin-password-confirm = 新しいパスワード（確認）
admin-password-wrong-current = 現在のパスワードが正しくありません。
admin-password-mismatch = 新しいパスワードが一致しません。
admin-password-too-short = 新しいパスワードは { $min } 文字以上にしてください。
admin-password-too-long = 新しいパスワードが長すぎます。
admin-password-same-as-name = ユーザー名と同じパスワードは使えません。
admin-save = 保存

admin-new-procedure = 手続きを登録
admin-search = 検索（コードまたは名称）
admin-status = 状態
admin-all = すべて
admin-status-draft = 下書き
admin-status-published = 公開中
admin-status-archived = 終了
admin-category = 分類
admin-category-hint = 半角英小文字・数字・ハイフン（例：residence）
admin-filter = 表示
admin-none-found = 該当する手続きはありません。
admin-code = コード
admin-languages = 言語
admin-updated = 更新日時
admin-revision = 版 { $n }
admin-saved = 保存しました。
admin-publish = 公開する
admin-unpublish = 下書きに戻す
admin-archive = 終了する
admin-translations-of = 言語
admin-preview = プレビュー
admin-edit = 編集
admin-source-text = 日本語（原文）
admin-state-missing = 未翻訳
admin-state-current = 最新
admin-state-outdated = 要更新
admin-state-incomplete = 一部未翻訳
admin-field-ended_note = 終了後の案内（手続きが終了したときに表示）
admin-field-missing = 未翻訳：この項目は英語か日本語で表示されます。
admin-incomplete-question = この翻訳には、日本語にある次の項目がありません。
admin-incomplete-explain = 読む人には、これらの項目が英語か日本語で、その旨の注意書きとともに表示されます。入力してから保存するか、このまま保存してください。
admin-save-anyway = このまま保存
admin-stale-policy = 翻訳が古いときの表示
admin-stale-policy-hint = 翻訳した後で日本語が変更されると、その翻訳は「要更新」になります。
admin-stale-notice = 古い翻訳を、注意書きと日本語の変更日を付けて表示する（推奨）
admin-stale-fallback = 最新の言語（英語、または日本語）で表示する

admin-field-title = 名称
admin-field-summary = 概要
admin-field-bring = 持ち物（1行に1つ）
admin-field-steps = 手順（順番に）
admin-field-office = 窓口
admin-field-floor = 階
admin-field-counter = 番号
admin-field-hours = 受付時間
admin-field-fee = 手数料
admin-field-contact = 問い合わせ先
admin-field-notes = 備考

admin-translate-into = 翻訳：
admin-translation-outdated = この翻訳の後で日本語が変更されました。左の日本語と見比べて確認してください。
admin-conflict = 編集中に、ほかの人がこの内容を保存しました。あなたの入力は下のフォームに残っています。相手が保存した内容をここに表示します。見比べてから、もう一度保存すると置き換わります。
admin-conflict-theirs = その間に保存された内容

admin-archive-explain = 終了した手続きは案内しなくなりますが、コードは使えるままです。古いポスターを読み取った人には、終了したことと、この案内文が表示されます。コードは再利用されません。
admin-archive-note = 代わりにどうすればよいか
admin-archive-note-required = 代わりにどうすればよいかを日本語で入力してください。

admin-matrix-explain = 要更新：翻訳の後で日本語が変更されたもの。一部未翻訳：日本語にある項目が翻訳にないもの。
admin-matrix-counts = 最新 / 要更新 / 一部未翻訳 / 未翻訳

admin-audit-at = 日時
admin-audit-who = 誰が
admin-audit-what = 何を
admin-audit-change = 変更内容
admin-audit-show = 表示
admin-audit-before = 変更前
admin-audit-after = 変更後

admin-role = 権限
admin-user-disabled = 無効
admin-user-active = 有効
admin-user-new = ユーザーを追加
admin-user-langs = 担当言語（翻訳者）
admin-user-langs-hint = 言語タグをカンマ区切りで（例：vi, ne, zh-Hant）
admin-user-create = 追加する
admin-user-disable = このアカウントを無効にする（すべての端末からログアウトされます）
admin-user-reset = パスワードを再発行
admin-user-password-once = { $name } さんの仮パスワードです。表示はこの一度だけです。最初のログインで変更してもらいます：

admin-token-once = 新しいトークンは今だけ表示されます。連携するシステムにコピーしてください：
admin-token-name = 名前
admin-token-created = 作成
admin-token-revoked = 失効
admin-token-revoke = 失効させる
admin-token-new = トークンを作成
admin-token-create = 作成する

admin-err-empty = 入力してください。
admin-err-too-long = { $chars } 文字は長すぎます（{ $max } 文字まで）。
admin-err-control-characters = 見えない制御文字が含まれています。入力し直してください。
admin-err-too-many-items = { $max } 項目までです。
admin-unavailable-title = 保存されていません
admin-busy-body = データベースが別の処理（取り込みやバックアップなど）で使用中です。何も保存されていません。前のページに戻り、少し待ってからもう一度お試しください。
admin-cannot-write-body = 現在、データベースに書き込めません（ディスクがいっぱいか、読み取り専用になっています）。何も保存されていません。システム管理者に連絡してください。公開ページは引き続き表示されます。
admin-err-item = { $n } 番目：
admin-err-category = 分類は半角英小文字・数字・ハイフンで入力してください。
admin-err-code-immutable = 手続きのコードは変更できません（ポスターに印刷されています）。
admin-err-user-name = ユーザー名は半角英数字と「.」「_」「-」で 1〜40 文字です。
admin-err-role = 権限を選んでください。
admin-err-langs = 言語は vi, ne, zh-Hant のような言語タグで入力してください。
admin-err-user-exists = この名前のユーザーはすでにいます。
admin-err-self-lockout = 自分自身を無効にしたり、自分の管理者権限を外したりはできません。
admin-err-token-name = トークンの名前を入力してください（80 文字まで）。
admin-err-invalid = この値は使えません。
admin-err-immutable = これは変更できません。

admin-nav-offices = 窓口一覧
admin-offices-explain = 窓口は複数の手続きで共有されます。窓口の受付時間を一度変えれば、その窓口を使うすべての手続きに反映されます。手続き側の窓口欄に入力がある場合は、そちらが優先されます。
admin-office-new = 窓口を登録
admin-office-name = 名称
admin-office-address = 住所
admin-office-floor = 階
admin-office-counter = 窓口番号
admin-office-hours = 受付時間
admin-office-link = 窓口の登録情報
admin-office-none = （なし）
admin-office-link-submit = この窓口を使う

admin-nav-stats = 利用状況
admin-stats-days = 直近の日数
admin-stats-privacy = 記録するのは件数だけです（日・手続き・端末が最初に求めた言語・表示した言語・印刷物の種類）。IPアドレス、ブラウザ情報、個人を識別する情報は保存しません。
admin-stats-missing = 求められているが未対応の言語
admin-stats-missing-explain = 次に翻訳すべき言語の目安です。読み取った端末の第一言語のうち、画面の言語が用意されていないもの。
admin-stats-no-language = （端末が言語を送らなかったもの）
admin-stats-language = 言語
admin-stats-scans = 読み取り数
admin-stats-per-day = 日ごとの読み取り数
admin-stats-day = 日付
admin-stats-top = よく読み取られた手続き
admin-stats-available = 求められ、対応している言語
admin-stats-source = 印刷物の種類
admin-stats-source-none = （指定なし）
## Print pages (posters, counter stands, label sheets)

print-button = 印刷 / PDFに保存
print-hint = 印刷画面で、用紙 { $paper }、余白「なし」または「デフォルト」、倍率 100 %（「用紙に合わせる」は使わない）を選んでください。「PDFに保存」で印刷会社に渡すファイルができます。
print-back = 手続き一覧に戻る
print-fold = 山折り
print-warn-draft = { $code } はまだ公開されていません。公開するまで、読み取ると「見つかりません」と表示されます。
print-warn-archived = { $code } は終了しています。読み取ると「終了しました」のページが表示されます。
print-warn-unknown = コード { $code } の手続きはありません。除外しました。
print-labels-title = ラベルシート
print-none-chosen = ラベルシートに載せる手続きを1つ以上選んでください。
print-heading = 印刷
print-choose = 選択
print-labels-button = 選んだ手続きのラベルを印刷
print-layout = ラベルの配置
print-layout-3x7 = A4、3 × 7（70 × 42.3 mm、21面）
print-layout-2x5 = A4、2 × 5（105 × 57 mm、10面）
print-fill = シートが埋まるまで繰り返す
print-poster = ポスター
print-stand = 卓上

## 公開の案内ページにある、職員に見せる日本語のカード

# 来訪者の言語を日本語で（$language はその言語の language-name-ja）。
staff-card-language = 私は{ $language }を話します。
