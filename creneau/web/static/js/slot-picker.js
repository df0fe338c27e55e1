// The slot picker, enhanced: choosing services, a person or a day swaps the results in place
// (the page asks its own URL with fragment=1) instead of loading the whole page. Without this
// script every choice is a link or the form's submit button, and works the same.
(function () {
  "use strict";
  var picker = document.getElementById("slot-picker");
  var form = document.getElementById("slot-form");
  var results = document.getElementById("slot-results");
  var status = document.getElementById("slot-status");
  if (!picker || !form || !results || !window.fetch) return;
  picker.classList.add("is-enhanced");
  var pending = null;

  function show(url, focus) {
    var target = new URL(url, window.location.href);
    target.searchParams.delete("fragment");
    var fragment = new URL(target.href);
    fragment.searchParams.set("fragment", "1");
    if (pending) pending.abort();
    pending = new AbortController();
    results.setAttribute("aria-busy", "true");
    return fetch(fragment.href, { signal: pending.signal, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        results.innerHTML = html;
        results.removeAttribute("aria-busy");
        window.history.replaceState(null, "", target.pathname + target.search);
        syncForm(target);
        var section = results.querySelector("[data-status]");
        if (status && section) status.textContent = section.getAttribute("data-status");
        if (focus) focus();
      })
      .catch(function (error) {
        if (error.name === "AbortError") return;
        // The server or the network failed: the ordinary page load says what happened.
        window.location.href = target.href;
      });
  }

  // The hidden fields follow the results, so that the next change of services keeps the day
  // and the person already chosen.
  function syncForm(target) {
    ["staff", "date"].forEach(function (name) {
      var value = target.searchParams.get(name);
      var input = form.querySelector('input[type="hidden"][name="' + name + '"]');
      if (value && !input) {
        input = document.createElement("input");
        input.type = "hidden";
        input.name = name;
        form.appendChild(input);
      }
      if (input) {
        if (value) input.value = value;
        else input.remove();
      }
    });
  }

  function formUrl() {
    var url = new URL(form.action || window.location.href, window.location.href);
    url.search = new URLSearchParams(new FormData(form)).toString();
    return url.href;
  }

  form.addEventListener("change", function () {
    var checked = form.querySelectorAll('input[name="service"]:checked');
    if (!checked.length) return;
    var chosen = form.querySelector(".picker-chosen");
    if (chosen) {
      chosen.textContent = Array.prototype.map
        .call(checked, function (input) {
          return input.closest("label").querySelector(".choice-name").textContent;
        })
        .join(", ");
    }
    show(formUrl(), function () {
      var first = results.querySelector(".slot") || results.querySelector(".day-title");
      if (first) first.scrollIntoView({ block: "center", behavior: "smooth" });
    });
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    show(formUrl(), function () {
      var title = results.querySelector(".day-title");
      if (title) title.focus();
    });
  });

  results.addEventListener("click", function (event) {
    var link = event.target.closest("a");
    if (!link || !results.contains(link)) return;
    var href = link.getAttribute("href") || "";
    // Days, people and "next availability" stay on this page; times go to the review step.
    if (href.charAt(0) !== "?" || link.classList.contains("slot")) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    var query = href.slice(1);
    var isDay = link.classList.contains("day-button") || link.classList.contains("day-step");
    var date = new URLSearchParams(query).get("date");
    show(link.href, function () {
      var again = isDay && date && results.querySelector('a[href$="date=' + date + '"].day-button');
      if (again) again.focus();
      else {
        var title = results.querySelector(".day-title");
        if (title) title.focus();
      }
    });
  });
})();
