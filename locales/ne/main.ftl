# The page's own words for madoguchi's public pages.
# Reference locale: every other locale translates these ids.
# Variables in { $braces } must be kept as they are.

## Language identity

# This language's name, written in this language (shown in the language picker).
language-name = नेपाली
# This language's name in Japanese (shown to ward-office staff on the Japanese card).
language-name-ja = ネパール語
poster-scan-caption = आफ्नो भाषामा पढ्न स्क्यान गर्नुहोस्

## Site

site-name = Madoguchi
site-tagline = सिटी अफिसका प्रक्रियाहरू, तपाईंकै भाषामा
skip-to-content = मुख्य सामग्रीमा जानुहोस्
language-picker = भाषा

## Index page

index-title = सिटी अफिसका प्रक्रियाहरू
index-intro = एउटा प्रक्रिया छान्नुहोस्, वा QR कोडको तल छापिएको कोड टाइप गर्नुहोस्।
no-procedures = अहिलेसम्म कुनै प्रक्रिया प्रकाशित गरिएको छैन।
search-label = नाम वा कोडबाट प्रक्रिया खोज्नुहोस्
search-submit = खोज्नुहोस्
search-none = तपाईंको खोजसँग मिल्ने कुनै प्रक्रिया छैन। अरू शब्दले खोज्नुहोस्, वा माथि कोड टाइप गर्नुहोस्।
code-label = प्रक्रिया कोड
code-hint = ४ देखि ६ वटा अक्षर र अङ्क, जस्तै K7Q2
code-submit = खोल्नुहोस्
code-invalid = “{ $code }” सही कोड होइन। कोडमा ४ देखि ६ वटा अक्षर र अङ्क हुन्छन्।

## Guidance page

procedure-code = कोड: { $code }
section-summary = यो के हो?
section-bring = के-के लैजाने
section-steps = चरणहरू
section-where = कहाँ जाने
field-office = कार्यालय
field-address = ठेगाना
field-floor = तल्ला
field-counter = काउन्टर
section-hours = खुल्ने समय
section-fee = शुल्क
section-contact = सम्पर्क
section-notes = ध्यान दिनुपर्ने कुराहरू
fallback-notice = यो प्रक्रिया अहिलेसम्म नेपालीमा उपलब्ध छैन। तल यसलाई { $shown } भाषामा देखाइएको छ।
borrowed-notice = केही भागहरू अझै अनुवाद भएका छैनन्। ती अर्को भाषामा देखाइएका छन्:
stale-notice = यो अनुवाद जापानी पाठ { $date } मा परिवर्तन हुनुअघि बनाइएको हो। केही जानकारी पुरानो हुन सक्छ: कृपया काउन्टरमा कर्मचारीलाई सोध्नुहोस्।
stale-read-current = हालको पाठ:
section-ended-note = यसको सट्टा के गर्ने
staff-card-heading = यो कर्मचारीलाई देखाउनुहोस्
staff-card-hint = तलको बाकस काउन्टरका कर्मचारीका लागि जापानी भाषामा लेखिएको छ।
back-to-index = सबै प्रक्रियाहरू

## The card shown to the staff
# These lines are shown twice: in Japanese (from the ja locale) for the staff,
# and in the resident's language underneath, so they know what the card says.

card-request = म यो प्रक्रिया गर्न चाहन्छु:
# A fixed sentence naming this language, in this language (no variable):
# "I speak English." The Japanese card names it with staff-card-language.
card-language = म नेपाली बोल्छु।
card-code = प्रक्रिया कोड: { $code }

## Error pages

not-found-title = प्रक्रिया भेटिएन
not-found-body = { $code } कोड भएको कुनै प्रक्रिया छैन। कृपया कोड जाँच गरेर फेरि प्रयास गर्नुहोस्।
page-not-found-body = यो पेज छैन। कृपया ठेगाना जाँच गर्नुहोस्, वा तल कोड टाइप गर्नुहोस्।
gone-title = यो प्रक्रिया बन्द भइसकेको छ
gone-body = यो प्रक्रिया अब उपलब्ध छैन। कृपया तलको काउन्टरमा सोध्नुहोस्।
bad-request-title = यो अनुरोधमा केही समस्या छ
bad-request-body = ठेगाना बुझ्न सकिएन। कृपया यसलाई जाँच गर्नुहोस्, वा तल कोड टाइप गर्नुहोस्।
server-error-title = केही गडबड भयो
server-error-body = कृपया केही बेरपछि फेरि प्रयास गर्नुहोस्। यस्तो भइरह्यो भने, कृपया काउन्टरमा सोध्नुहोस्।
forbidden-title = अनुमति छैन
forbidden-body = तपाईं यो पेज खोल्न सक्नुहुन्न। अनुमति भएको खाताबाट साइन इन गर्नुहोस्।
too-many-title = धेरै पटक प्रयास भयो
too-many-body = { $seconds } सेकेन्ड पर्खेर फेरि प्रयास गर्नुहोस्।
unavailable-title = प्रणाली अहिले व्यस्त छ
unavailable-body = अहिले यो गर्न सकिएन। कृपया एक मिनेटपछि फेरि प्रयास गर्नुहोस्। बारम्बार भइरहेमा काउन्टरमा सोध्नुहोस्।

## Guidance page tools (the buttons show only where the browser can do them)

text-updated = अन्तिम पटक अद्यावधिक: { $date }
read-aloud = पढेर सुनाउनुहोस्
listen = सुन्नुहोस्
read-aloud-stop = पढेर सुनाउन रोक्नुहोस्
copy-link = लिङ्क प्रतिलिपि गर्नुहोस्
link-copied = लिङ्क प्रतिलिपि गरियो।
share = साझा गर्नुहोस्

## Full-screen card for the staff

staff-mode-open = कर्मचारीलाई पूरा स्क्रिनमा देखाउनुहोस्
staff-mode-close = पूरा स्क्रिन बन्द गर्नुहोस्
phrases-heading = काउन्टरमा प्रयोग गर्न सकिने वाक्यहरू
phrase-not-understand = मैले बुझिनँ।
phrase-write-down = कृपया लेखेर दिनुहोस्।
phrase-interpreter = के यहाँ दोभाषे हुनुहुन्छ?

## Offline re-reading

offline-note = इन्टरनेट जडान छैन। तपाईं यो फोनमा सेभ गरिएको पेज हेर्दै हुनुहुन्छ।
saved-title = सेभ गरिएका पेजहरू
saved-intro = तपाईंले खोलेका पेजहरू यो फोनमा सेभ हुन्छन्, त्यसैले इन्टरनेट जडान नभए पनि फेरि पढ्न सक्नुहुन्छ। कतै केही पठाइँदैन।
saved-empty = अहिलेसम्म कुनै पेज सेभ गरिएको छैन। कुनै प्रक्रियाको पेज खोल्नुहोस्, अनि त्यो यहाँ सेभ हुन्छ।
