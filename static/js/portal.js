// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";
  var doc = document;

  // After a failed submit, move focus to the error summary so it is read first.
  var summary = doc.querySelector(".error-summary");
  if (summary) {
    summary.setAttribute("tabindex", "-1");
    summary.focus();
  }

  // "Print this page" buttons are rendered hidden, shown when they can work.
  doc.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  // Printed pages spell out where their links go, as full addresses.
  window.addEventListener("beforeprint", function () {
    doc.querySelectorAll("main a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (/^(#|mailto:|tel:|javascript:)/.test(href) || a.querySelector("img")) return;
      a.setAttribute("data-print-url", a.href);
    });
  });

  // Search suggestions: a native <datalist> fed by the autocomplete endpoint.
  var input = doc.querySelector("input[data-autocomplete]");
  if (!input || !window.fetch) return;
  var list = doc.createElement("datalist");
  list.id = input.id + "-suggestions";
  input.parentNode.appendChild(list);
  input.setAttribute("list", list.id);
  var timer, last = "";
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2 || q === last) return;
    timer = setTimeout(function () {
      last = q;
      fetch(input.dataset.autocomplete + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (data) {
          var items = Array.isArray(data) ? data : (data.results || data.suggestions || []);
          list.textContent = "";
          items.slice(0, 8).forEach(function (item) {
            var option = doc.createElement("option");
            option.value = typeof item === "string" ? item : (item.title || item.name || "");
            list.appendChild(option);
          });
        })
        .catch(function () {});
    }, 200);
  });
})();
