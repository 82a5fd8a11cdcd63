// Offline re-reading: the guidance pages a resident opened are kept on the
// phone, so they open again in a basement or a corridor with no signal.
// Network first (a page is never older than it must be); the kept copy
// only when the network fails, shown with a note saying so. Nothing
// personal is stored: the pages are public, and nothing is sent anywhere.
"use strict";
var PAGES = "madoguchi-pages-v1";
var MAX_PAGES = 50;

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

// Keeps the newest MAX_PAGES entries.
function trim(cache) {
  return cache.keys().then(function (keys) {
    var extra = keys.length - MAX_PAGES;
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

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (!isKept(request, url)) return;
  event.respondWith(
    fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        event.waitUntil(caches.open(PAGES).then(function (cache) {
          return cache.delete(request, { ignoreVary: true })
            .then(function () { return cache.put(request, copy); })
            .then(function () { return trim(cache); });
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
