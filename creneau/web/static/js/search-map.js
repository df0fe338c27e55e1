// The results map and "salons near me": progressive enhancement of the results list, which
// works fully without them. Leaflet is loaded from our own static files, and only when the
// visitor asks for the map (or accepted its cookie category): until then no request goes to
// the tile server. The position shared by the browser goes into this search's address only.
(function () {
  "use strict";
  var section = document.getElementById("results-map");
  if (!section) return;
  var showButton = document.getElementById("show-map");
  var nearButton = document.getElementById("near-me");
  var canvas = document.getElementById("map-canvas");
  var note = section.querySelector(".map-note");
  var loaded = false;

  function load(src, isCss) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement(isCss ? "link" : "script");
      if (isCss) {
        element.rel = "stylesheet";
        element.href = src;
      } else {
        element.src = src;
      }
      element.onload = resolve;
      element.onerror = reject;
      document.head.appendChild(element);
    });
  }

  function draw() {
    var points = [];
    document.querySelectorAll("#results li.result[data-lat]").forEach(function (card) {
      points.push({
        lat: parseFloat(card.dataset.lat),
        lon: parseFloat(card.dataset.lon),
        name: card.dataset.name,
        url: card.dataset.url,
      });
    });
    var map = window.L.map(canvas);
    window.L.tileLayer(section.dataset.tiles, {
      maxZoom: 19,
      attribution: section.dataset.attribution,
    }).addTo(map);
    var bounds = [];
    points.forEach(function (point) {
      var link = document.createElement("a");
      link.href = point.url;
      link.textContent = point.name;
      window.L.marker([point.lat, point.lon]).addTo(map).bindPopup(link);
      bounds.push([point.lat, point.lon]);
    });
    if (bounds.length) {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
    } else {
      map.setView([46.6, 2.4], 5);
    }
  }

  function showMap() {
    if (loaded) return;
    loaded = true;
    showButton.hidden = true;
    canvas.hidden = false;
    note.hidden = false;
    Promise.all([load(section.dataset.leafletCss, true), load(section.dataset.leafletJs, false)])
      .then(draw)
      .catch(function () {
        canvas.hidden = true;
      });
  }

  showButton.hidden = false;
  showButton.addEventListener("click", showMap);
  if (section.dataset.autoload === "true") showMap();

  var form = document.querySelector("form.search-form");
  if (navigator.geolocation && form && form.elements.near) {
    nearButton.hidden = false;
    nearButton.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (position) {
        form.elements.near.value =
          position.coords.latitude.toFixed(3) + "," + position.coords.longitude.toFixed(3);
        if (form.elements.sort) form.elements.sort.value = "distance";
        form.submit();
      });
    });
  }
})();
