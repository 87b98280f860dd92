// Search page suggestions: procedure names as the citizen types (ARIA 1.2 combobox).
// Progressive: without this file the form submits to /search/ as usual.
(function () {
  "use strict";
  var input = document.querySelector("input[data-search-suggest]");
  if (!input || !window.fetch) return;

  var endpoint = input.getAttribute("data-search-suggest");
  var listId = input.id + "-listbox";
  var list = document.createElement("ul");
  list.id = listId;
  list.className = "search-suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", input.labels && input.labels[0] ? input.labels[0].textContent : "");
  list.hidden = true;
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  input.parentNode.appendChild(list);
  input.parentNode.appendChild(status);

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listId);

  var items = [];
  var active = -1;
  var timer = null;
  var controller = null;
  var lang = document.documentElement.lang || "vi";

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function setActive(index) {
    var options = list.querySelectorAll("[role=option]");
    if (!options.length) return;
    active = (index + options.length) % options.length;
    options.forEach(function (option, i) { option.setAttribute("aria-selected", i === active ? "true" : "false"); });
    input.setAttribute("aria-activedescendant", options[active].id);
  }

  function render(results) {
    items = results;
    list.textContent = "";
    results.forEach(function (item, i) {
      var li = document.createElement("li");
      li.id = listId + "-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      var title = document.createElement("span");
      title.textContent = item.title;
      li.appendChild(title);
      if (item.agency) {
        var agency = document.createElement("span");
        agency.className = "muted";
        agency.textContent = " – " + item.agency;
        li.appendChild(agency);
      }
      li.addEventListener("mousedown", function (event) {
        event.preventDefault();
        window.location.assign(item.url);
      });
      list.appendChild(li);
    });
    var shown = results.length > 0;
    list.hidden = !shown;
    input.setAttribute("aria-expanded", shown ? "true" : "false");
    active = -1;
    status.textContent = shown
      ? (lang.indexOf("en") === 0 ? results.length + " suggestions" : results.length + " gợi ý")
      : "";
  }

  function fetchSuggestions() {
    var q = input.value.trim();
    if (q.length < 2) { render([]); return; }
    if (controller) controller.abort();
    controller = window.AbortController ? new AbortController() : null;
    fetch(endpoint + "?q=" + encodeURIComponent(q), {
      headers: { Accept: "application/json" },
      signal: controller ? controller.signal : undefined
    })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { render(Array.isArray(data.results) ? data.results : []); })
      .catch(function () {});
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, 180);
  });
  input.addEventListener("keydown", function (event) {
    if (list.hidden) return;
    if (event.key === "ArrowDown") { event.preventDefault(); setActive(active + 1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); setActive(active - 1); }
    else if (event.key === "Escape") { close(); }
    else if (event.key === "Enter" && active >= 0 && items[active]) {
      event.preventDefault();
      window.location.assign(items[active].url);
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 150); });
})();
