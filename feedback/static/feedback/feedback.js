// “Trang này có hữu ích không?” in place: the same two requests as without JavaScript
// (GET the form with its CSRF token, POST the answer), without leaving the page.
(function () {
  "use strict";
  var box = document.querySelector("[data-feedback]");
  if (!box || !window.fetch || !window.DOMParser) return;
  var ask = box.querySelector("[data-feedback-ask]");
  var panel = box.querySelector("[data-feedback-panel]");

  function thank(message) {
    ask.hidden = true;
    panel.textContent = "";
    var p = document.createElement("p");
    p.className = "page-feedback-thanks";
    p.textContent = message;
    panel.appendChild(p);
  }

  function post(form) {
    return fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) { return response.json(); });
  }

  ask.addEventListener("submit", function (event) {
    var helpful = event.submitter ? event.submitter.value : "no";
    event.preventDefault();
    var url = ask.action + "?page=" + encodeURIComponent(ask.elements.page.value) + "&helpful=" + helpful;
    fetch(url, { credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var form = new DOMParser().parseFromString(html, "text/html").querySelector("[data-feedback-form]");
        if (!form) { window.location.href = url; return; }
        form = document.importNode(form, true);
        if (helpful === "yes") {
          return post(form).then(function (data) { thank(data.message || ""); });
        }
        // “Không”: ask what was wrong, in place.
        var helpfulField = form.querySelector(".field-radioselect");
        if (helpfulField) helpfulField.hidden = true;
        ask.hidden = true;
        panel.textContent = "";
        panel.appendChild(form);
        var first = form.querySelector("input[type=checkbox]");
        if (first) first.focus();
        form.addEventListener("submit", function (e) {
          e.preventDefault();
          post(form).then(function (data) {
            if (data.ok) thank(data.message); else form.submit();
          }).catch(function () { form.submit(); });
        });
      })
      .catch(function () { window.location.href = url; });
  });
})();
