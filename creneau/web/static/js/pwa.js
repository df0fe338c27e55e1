/* The installable app, on every page: registers the service worker, tells it who is signed
   in (a keyed hash, "" for a visitor) so that it forgets the kept bookings of anyone else, and
   shows the "Install the app" button when the browser offers installation. */
(function () {
  "use strict";
  var script = document.currentScript;
  var ownerMeta = document.querySelector('meta[name="offline-owner"]');
  var owner = ownerMeta ? ownerMeta.getAttribute("content") : "";

  if ("serviceWorker" in navigator && script) {
    navigator.serviceWorker
      .register(script.getAttribute("data-worker"), { scope: "/" })
      .then(function () {
        return navigator.serviceWorker.ready;
      })
      .then(function (registration) {
        var worker = navigator.serviceWorker.controller || registration.active;
        if (worker) worker.postMessage({ type: "owner", owner: owner });
      })
      .catch(function () {
        /* No worker (private mode, old browser): the site works as before. */
      });
  }

  var item = document.getElementById("install-app");
  var offer = null;
  window.addEventListener("beforeinstallprompt", function (event) {
    event.preventDefault();
    offer = event;
    if (item) item.hidden = false;
  });
  window.addEventListener("appinstalled", function () {
    offer = null;
    if (item) item.hidden = true;
  });
  if (item) {
    item.querySelector("button").addEventListener("click", function () {
      if (!offer) return;
      offer.prompt();
      offer.userChoice.then(function () {
        offer = null;
        item.hidden = true;
      });
    });
  }
})();
