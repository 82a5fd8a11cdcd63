### हिन्दी (hi): main.ftl, made by `madoguchi locales new` from English.
### NATIVE REVIEW PENDING: no native speaker has reviewed this language yet.
### Every message is translated (2026-12-04, by the madoguchi team, not by a native
### speaker): until a native speaker has reviewed it, treat its wording as a draft.


## Language identity

# This language's name, written in this language (shown in the language picker).
language-name = हिन्दी
# This language's name in Japanese (shown to ward-office staff on the Japanese card).
language-name-ja = ヒンディー語

# Under the QR code on posters, in every language the service has: "Scan to read this in your language".
poster-scan-caption = अपनी भाषा में पढ़ने के लिए स्कैन करें


## Site


site-name = Madoguchi


site-tagline = सिटी ऑफ़िस की प्रक्रियाएँ, आपकी भाषा में समझाई गईं


skip-to-content = मुख्य सामग्री पर जाएँ


language-picker = भाषा


## Index page


index-title = सिटी ऑफ़िस की प्रक्रियाएँ


index-intro = कोई प्रक्रिया चुनें, या QR कोड के नीचे छपा कोड टाइप करें।


no-procedures = अभी तक कोई प्रक्रिया प्रकाशित नहीं की गई है।


# The search box on the index: its label, its button, and what shows when nothing matches.
search-label = नाम या कोड से प्रक्रिया खोजें


search-submit = खोजें


search-none = आपकी खोज से मिलती-जुलती कोई प्रक्रिया नहीं है। दूसरे शब्दों से खोजें, या ऊपर कोड टाइप करें।


code-label = प्रक्रिया कोड


code-hint = 4 से 6 अक्षर और अंक, जैसे K7Q2


code-submit = खोलें


code-invalid = “{ $code }” सही कोड नहीं है। कोड में 4 से 6 अक्षर और अंक होते हैं।


## Guidance page


procedure-code = कोड: { $code }


section-summary = यह क्या है?


section-bring = क्या-क्या साथ ले जाएँ


section-steps = चरण


section-where = कहाँ जाएँ


field-office = कार्यालय


field-address = पता


field-floor = मंज़िल


field-counter = काउंटर


section-hours = खुलने का समय


section-fee = फ़ीस


section-contact = संपर्क


section-notes = ध्यान देने वाली बातें


fallback-notice = यह प्रक्रिया अभी हिन्दी में उपलब्ध नहीं है। नीचे इसे { $shown } में दिखाया गया है।


borrowed-notice = कुछ हिस्सों का अनुवाद अभी नहीं हुआ है। उन्हें दूसरी भाषा में दिखाया गया है:


stale-notice = यह अनुवाद { $date } को जापानी पाठ बदलने से पहले बनाया गया था। कुछ जानकारी पुरानी हो सकती है: कृपया कर्मचारियों से पूछ लें।


stale-read-current = अभी का पाठ:


section-ended-note = इसकी जगह क्या करें


staff-card-heading = यह कर्मचारी को दिखाएँ


staff-card-hint = नीचे का बॉक्स काउंटर के कर्मचारियों के लिए जापानी में लिखा गया है।


back-to-index = सभी प्रक्रियाएँ


## The card shown to the staff


card-request = मुझे यह प्रक्रिया करनी है:


# A fixed sentence naming this language, in this language (no variable):
# "I speak English." The Japanese card names it with staff-card-language.
card-language = मुझे हिन्दी आती है।


card-code = प्रक्रिया कोड: { $code }


## Error pages


not-found-title = प्रक्रिया नहीं मिली


not-found-body = { $code } कोड वाली कोई प्रक्रिया नहीं है। कृपया कोड जाँचें और फिर से कोशिश करें।


page-not-found-body = यह पेज मौजूद नहीं है। कृपया वेब पता जाँचें, या नीचे कोड टाइप करें।


gone-title = यह प्रक्रिया बंद हो गई है


gone-body = यह प्रक्रिया अब उपलब्ध नहीं है। कृपया नीचे दिए गए काउंटर पर पूछें।


bad-request-title = इस अनुरोध में कुछ गड़बड़ है


bad-request-body = वेब पता समझ में नहीं आया। कृपया इसे जाँचें, या नीचे कोड टाइप करें।


server-error-title = कुछ गड़बड़ हो गई


server-error-body = कृपया थोड़ी देर बाद फिर से कोशिश करें। अगर ऐसा बार-बार हो, तो कृपया काउंटर पर पूछें।


forbidden-title = अनुमति नहीं है


forbidden-body = आपको यह पेज खोलने की अनुमति नहीं है। कृपया ऐसे अकाउंट से साइन इन करें जिसे यह पेज खोलने की अनुमति हो।


too-many-title = बहुत बार कोशिश की गई


too-many-body =
    कृपया { $seconds ->
        [one] { $seconds } सेकंड
       *[other] { $seconds } सेकंड
    } रुकें, फिर से कोशिश करें।


unavailable-title = अभी व्यस्त है


unavailable-body = अभी यह नहीं हो सका। कृपया एक मिनट बाद फिर से कोशिश करें। अगर ऐसा बार-बार हो, तो कृपया काउंटर पर पूछें।


## Guidance page tools (the buttons show only where the browser can do them)


# $date is the date in YYYY-MM-DD form.
text-updated = आख़िरी अपडेट: { $date }


read-aloud = पढ़कर सुनाएँ
listen = सुनें


read-aloud-stop = पढ़कर सुनाना बंद करें


copy-link = लिंक कॉपी करें


link-copied = लिंक कॉपी हो गया।


share = शेयर करें


## Full-screen card for the staff


staff-mode-open = कर्मचारी को पूरी स्क्रीन पर दिखाएँ


staff-mode-close = पूरी स्क्रीन बंद करें


phrases-heading = काउंटर पर काम आने वाले वाक्य


# These phrases are shown twice: in Japanese for the staff and in the
# resident's language underneath.
phrase-not-understand = मुझे समझ नहीं आया।


phrase-write-down = कृपया इसे लिखकर दें।


phrase-interpreter = क्या यहाँ कोई दुभाषिया है?

## Offline re-reading

offline-note = इंटरनेट कनेक्शन नहीं है: यह इस फ़ोन में सेव की गई कॉपी है।
saved-title = सेव किए गए पेज
saved-intro = आप जो पेज खोलते हैं, वे इस फ़ोन में सेव रहते हैं, इसलिए आप इंटरनेट कनेक्शन के बिना भी उन्हें फिर से पढ़ सकते हैं। कुछ भी कहीं नहीं भेजा जाता।
saved-empty = अभी तक कोई पेज सेव नहीं हुआ है। किसी प्रक्रिया का पेज खोलें, तो वह यहाँ सेव हो जाएगा।
