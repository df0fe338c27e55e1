/* Créneau's service worker: the site's shell, the offline page, and the signed-in customer's
   "My bookings" pages, readable offline. Rendered by creneau.web.pwa_views.

   What it keeps, and why nothing else:
   - the shell (stylesheet, this app's script, icons, the offline page), refreshed in the
     background whenever the network answers;
   - "My bookings" and each booking's page, network first, kept only when the server answered
     them (200, no redirect to the login page), under the account they were shown to. Those
     are the pages a customer needs at the salon's door with no signal.
   Nothing else of an account, nothing of the back office, the API or the admin, no request
   but GET. Signing in, signing up or out (a POST the worker sees go by), or a page showing a
   different account than the kept pages belong to, makes it forget them at once. */
"use strict";

const VERSION = {{ version|safe }};
const SHELL = "creneau-shell-" + VERSION;
const PAGES = "creneau-my-bookings";
const OWNER = "creneau-owner";
const OWNER_KEY = "/__offline-owner__";
const SHELL_URLS = {{ shell|safe }};
const OFFLINE_URL = {{ offline_url|safe }};
const STATIC_URL = {{ static_url|safe }};
const BOOKINGS_PATH = {{ bookings_path|safe }};
const OWNER_CHANGES = {{ owner_changes|safe }};
const NEVER = [/^\/pro\//, /^\/api\//, /^\/admin\//, /^\/accounts\//, /^\/_allauth\//];
const OWNER_META = /<meta name="offline-owner" content="([0-9a-f]*)">/;

function isBookingsPage(url) {
  if (url.search || !url.pathname.startsWith(BOOKINGS_PATH)) return false;
  const rest = url.pathname.slice(BOOKINGS_PATH.length);
  return rest === "" || /^[A-Za-z0-9]+\/$/.test(rest);
}

async function forgetPages() {
  await caches.delete(PAGES);
}

async function ownerSeen(owner) {
  const store = await caches.open(OWNER);
  const stored = await store.match(OWNER_KEY);
  const previous = stored ? await stored.text() : null;
  if (previous !== owner) {
    await forgetPages();
    await store.put(OWNER_KEY, new Response(owner));
  }
}

async function offlinePage() {
  const page = await caches.match(OFFLINE_URL, { cacheName: SHELL });
  return page || new Response("", { status: 503, statusText: "Offline" });
}

async function bookingsPage(request) {
  const key = new URL(request.url).pathname;
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    const kept = await caches.match(key, { cacheName: PAGES, ignoreVary: true });
    return kept || offlinePage();
  }
  const type = response.headers.get("Content-Type") || "";
  if (response.ok && !response.redirected && type.startsWith("text/html")) {
    const match = OWNER_META.exec(await response.clone().text());
    if (match && match[1]) {
      await ownerSeen(match[1]);
      const pages = await caches.open(PAGES);
      await pages.put(key, response.clone());
    }
  } else if (response.redirected || response.type === "opaqueredirect") {
    // Sent to the login page: whoever kept pages here is no longer signed in.
    await ownerSeen("");
  }
  return response;
}

async function shellFile(request) {
  const shell = await caches.open(SHELL);
  const kept = await shell.match(request, { ignoreVary: true });
  const fresh = fetch(request)
    .then((response) => {
      if (response.ok) shell.put(request, response.clone());
      return response;
    })
    .catch(() => kept);
  return kept || fresh;
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((shell) => shell.addAll(SHELL_URLS))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith("creneau-shell-") && key !== SHELL)
            .map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "owner") event.waitUntil(ownerSeen(String(data.owner || "")));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== "GET") {
    if (OWNER_CHANGES.includes(url.pathname)) event.waitUntil(forgetPages());
    return;
  }
  if (NEVER.some((pattern) => pattern.test(url.pathname))) return;
  if (isBookingsPage(url)) {
    event.respondWith(bookingsPage(request));
  } else if (url.pathname.startsWith(STATIC_URL) || url.pathname === OFFLINE_URL) {
    event.respondWith(shellFile(request));
  } else if (request.mode === "navigate" && url.pathname.endsWith("/")) {
    // Pages end with a slash; files (calendar.ics, data.zip) go straight to the network, so
    // the browser downloads them as it would without a worker.
    event.respondWith(fetch(request).catch(() => offlinePage()));
  }
});
