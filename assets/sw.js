// Offline re-reading: the guidance pages a resident opened are kept on the
// phone, so they open again in a basement or a corridor with no signal.
// Network first (a page is never older than it must be); the kept copy
// only when the network fails, shown with a note saying so. Nothing
// personal is stored: the pages are public, and nothing is sent anywhere.
// A page's recording is kept once it has been played (the player fetches
// it only then), so it plays offline too.
"use strict";
var PAGES = "madoguchi-pages-v1";
var MAX_PAGES = 50;
var SOUNDS = "madoguchi-audio-v1";
var MAX_SOUNDS = 20;

self.addEventListener("install", function () {
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(self.clients.claim());
});

// Guidance pages, the list of saved pages, and the script that fills it.
function isKept(request, url) {
  if (url.origin !== self.location.origin) return false;
  if (request.mode === "navigate") return /^\/[qQ]\/[^/]+$/.test(url.pathname) || url.pathname === "/saved";
  return url.pathname === "/assets/page.js";
}

// A recording as a page links it: /audio/{CODE}/{LANG}?v={digest}, one
// URL per version of the words (without ?v= it could be any version).
function isSound(url) {
  return url.origin === self.location.origin && /^\/audio\/[^/]+\/[^/]+$/.test(url.pathname) &&
    url.searchParams.has("v");
}

// Keeps the newest `max` entries.
function trim(cache, max) {
  return cache.keys().then(function (keys) {
    var extra = keys.length - max;
    return Promise.all(keys.slice(0, Math.max(0, extra)).map(function (k) { return cache.delete(k); }));
  });
}

function offlineCopy(request) {
  return caches.open(PAGES).then(function (cache) {
    return cache.match(request, { ignoreVary: true });
  }).then(function (kept) {
    if (!kept) return Response.error();
    if (request.mode !== "navigate") return kept;
    return kept.text().then(function (html) {
      // Unhide the "saved copy" note the page carries.
      var shown = html.replace('<p class="notice offline-note" role="status" hidden>', '<p class="notice offline-note" role="status">');
      return new Response(shown, { headers: { "Content-Type": "text/html; charset=utf-8" } });
    });
  });
}

// The whole recording as the player received it: a 200, or the 206 the
// player's "bytes=0-" gets when it covers the file (no second download).
function keepSound(url, response) {
  var range = /^bytes 0-(\d+)\/(\d+)$/.exec(response.headers.get("Content-Range") || "");
  var whole = response.status === 200 || (range && Number(range[1]) + 1 === Number(range[2]));
  if (!whole) return Promise.resolve();
  return response.arrayBuffer().then(function (body) {
    var kept = new Response(body, { headers: { "Content-Type": "audio/ogg" } });
    return caches.open(SOUNDS).then(function (cache) {
      return cache.put(url, kept).then(function () { return trim(cache, MAX_SOUNDS); });
    });
  });
}

// Offline: the kept recording, cut to the range the player asks for.
function soundCopy(request) {
  return caches.open(SOUNDS).then(function (cache) {
    return cache.match(request.url);
  }).then(function (kept) {
    if (!kept) return Response.error();
    var range = /^bytes=(\d+)-(\d*)$/.exec(request.headers.get("Range") || "");
    if (!range) return kept;
    return kept.arrayBuffer().then(function (body) {
      var size = body.byteLength;
      var start = Number(range[1]);
      var end = range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
      if (start > end) {
        return new Response(null, { status: 416, headers: { "Content-Range": "bytes */" + size } });
      }
      return new Response(body.slice(start, end + 1), {
        status: 206,
        headers: {
          "Content-Type": "audio/ogg",
          "Content-Range": "bytes " + start + "-" + end + "/" + size,
          "Accept-Ranges": "bytes"
        }
      });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (isSound(url)) {
    event.respondWith(
      fetch(request).then(function (response) {
        if (response.ok) {
          event.waitUntil(keepSound(request.url, response.clone()).catch(function () {}));
        } else if (response.status === 404) {
          // The text changed: that recording is no longer its words.
          event.waitUntil(caches.open(SOUNDS).then(function (cache) { return cache.delete(request.url); }));
        }
        return response;
      }, function () {
        return soundCopy(request);
      })
    );
    return;
  }
  if (!isKept(request, url)) return;
  event.respondWith(
    fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        event.waitUntil(caches.open(PAGES).then(function (cache) {
          return cache.delete(request, { ignoreVary: true })
            .then(function () { return cache.put(request, copy); })
            .then(function () { return trim(cache, MAX_PAGES); });
        }));
      } else if (response.status === 404 || response.status === 410) {
        // Ended or gone: its old copy must not open offline as if current.
        event.waitUntil(caches.open(PAGES).then(function (cache) {
          return cache.delete(request, { ignoreVary: true });
        }));
      }
      return response;
    }, function () {
      return offlineCopy(request);
    })
  );
});
