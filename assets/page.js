// Progressive enhancement for the guidance page: read aloud, copy link,
// share. The page works without it; each button stays hidden unless the
// browser can do what it offers.
(function () {
  "use strict";
  var speak = document.getElementById("read-aloud");
  var copy = document.getElementById("copy-link");
  var share = document.getElementById("share");
  var status = document.getElementById("tool-status");
  var text = document.querySelector("article.text");
  var link = location.origin + location.pathname;

  // The text to read aloud: as written, without furigana readings (<rt>,
  // and the <rp> brackets around them), which a voice would read twice;
  // a line break after each block, so list items are not run together.
  function spoken(el) {
    var copy = el.cloneNode(true);
    var drop = copy.querySelectorAll("rt, rp");
    for (var i = 0; i < drop.length; i++) drop[i].parentNode.removeChild(drop[i]);
    var blocks = copy.querySelectorAll("h1, h2, h3, p, li, dt, dd");
    for (var j = 0; j < blocks.length; j++) blocks[j].appendChild(document.createTextNode("\n"));
    return copy.textContent;
  }

  function say(message) {
    if (status) status.textContent = message;
  }

  if (speak && text && "speechSynthesis" in window) {
    var synth = window.speechSynthesis;
    var lang = (text.lang || document.documentElement.lang).toLowerCase();
    var base = lang.split("-")[0];
    var label = speak.textContent;
    var voice = null;
    // A voice for the text's language: exact tag first, then the base language.
    // zh-Hant/zh-Hans have no region, so prefer TW/HK or CN voices for them.
    var wanted = { "zh-hant": ["zh-tw", "zh-hk"], "zh-hans": ["zh-cn"] }[lang] || [lang];
    var findVoice = function () {
      var voices = synth.getVoices() || [];
      var tag = function (v) { return String(v.lang || "").replace("_", "-").toLowerCase(); };
      voice = null;
      for (var i = 0; i < wanted.length && !voice; i++) {
        voice = voices.filter(function (v) { return tag(v) === wanted[i]; })[0] || null;
      }
      if (!voice) {
        voice = voices.filter(function (v) { return tag(v).split("-")[0] === base; })[0] || null;
      }
      speak.hidden = !voice;
    };
    findVoice();
    synth.addEventListener("voiceschanged", findVoice);
    speak.addEventListener("click", function () {
      if (synth.speaking) {
        synth.cancel();
        speak.textContent = label;
        return;
      }
      var u = new SpeechSynthesisUtterance(spoken(text));
      u.lang = voice ? voice.lang : lang;
      if (voice) u.voice = voice;
      u.onend = u.onerror = function () { speak.textContent = label; };
      speak.textContent = speak.getAttribute("data-stop");
      synth.speak(u);
    });
  }

  if (copy && navigator.clipboard && window.isSecureContext) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(link).then(function () {
        say(copy.getAttribute("data-done"));
      });
    });
  }

  if (share && navigator.share) {
    share.hidden = false;
    share.addEventListener("click", function () {
      navigator.share({ title: document.title, url: link }).catch(function () {});
    });
  }

  // Offline re-reading: pages opened are kept by the service worker.
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
  }

  // /saved: the pages this phone keeps, by their titles.
  var list = document.getElementById("saved-list");
  if (list && "caches" in window) {
    caches.open("madoguchi-pages-v1").then(function (cache) {
      return cache.keys().then(function (keys) {
        var pages = keys.filter(function (k) { return /^\/[qQ]\/[^/]+$/.test(new URL(k.url).pathname); });
        return Promise.all(pages.map(function (request) {
          return cache.match(request, { ignoreVary: true }).then(function (r) {
            return r ? r.text() : "";
          }).then(function (html) {
            var m = /<title>([^<]*)<\/title>/.exec(html);
            var doc = new DOMParser().parseFromString(m ? m[1] : request.url, "text/html");
            return { url: request.url, title: doc.documentElement.textContent };
          });
        }));
      });
    }).then(function (pages) {
      pages.reverse().forEach(function (p) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = p.url;
        a.textContent = p.title;
        li.appendChild(a);
        list.appendChild(li);
      });
      var empty = document.getElementById("saved-empty");
      if (empty) empty.hidden = pages.length > 0;
    });
  }
})();
