// Counts one view of this procedure page per browser tab session (sessionStorage, no cookie):
// the portal's own signal for "most used", with nothing about the visitor sent or stored.
(function () {
  "use strict";
  var marker = document.querySelector("[data-count-view]");
  if (!marker || !navigator.sendBeacon) return;
  var url = marker.getAttribute("data-count-view");
  try {
    if (window.sessionStorage.getItem("counted:" + url)) return;
    window.sessionStorage.setItem("counted:" + url, "1");
  } catch (e) { /* storage unavailable: count anyway */ }
  navigator.sendBeacon(url, "");
})();
