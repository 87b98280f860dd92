// Dismissed alert banners stay hidden in this browser: remembered in localStorage, never a cookie
// (a cookie would reach the page cache). Emergencies have no dismiss button. Works without this file.
(function () {
  "use strict";
  var PREFIX = "portal-alert-dismissed:";
  function remembered(key) {
    try { return window.localStorage.getItem(PREFIX + key) === "1"; } catch (e) { return false; }
  }
  function remember(key) {
    try { window.localStorage.setItem(PREFIX + key, "1"); } catch (e) { /* private mode: hide for this page only */ }
  }
  document.querySelectorAll("[data-alert][data-dismissible]").forEach(function (banner) {
    var key = banner.getAttribute("data-alert");
    if (remembered(key)) {
      banner.hidden = true;
      return;
    }
    var button = banner.querySelector("[data-alert-dismiss]");
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      remember(key);
      banner.hidden = true;
      var main = document.getElementById("main");
      if (main) main.focus();
    });
  });
})();
