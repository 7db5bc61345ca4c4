// Search index on demand: Material's bundle requests search/search_index.json as soon as a page
// loads, and that index is the largest part of a first visit. This script, loaded just before
// the bundle (overrides/main.html), holds that one request back until the reader opens the
// search (focus in the search field: a click, a tap, or Material's f, s and / shortcuts), then
// sends it unchanged. Material's bundle itself is not patched; other requests are untouched.
(function () {
  "use strict";

  const INDEX = /\/search\/search_index\.json$/;
  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  const held = [];
  let wanted = false;

  XMLHttpRequest.prototype.open = function (method, url) {
    this.searchIndexRequest = INDEX.test(new URL(url, location.href).pathname);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.searchIndexRequest && !wanted) {
      held.push([this, arguments]);
      return;
    }
    return send.apply(this, arguments);
  };

  function release() {
    if (wanted) return;
    wanted = true;
    for (const [request, args] of held.splice(0)) send.apply(request, args);
  }

  document.addEventListener("focusin", function (event) {
    if (event.target instanceof Element && event.target.matches("[data-md-component=search-query]")) {
      release();
    }
  });
  // The search toggle on a phone (a checkbox), in case focus comes after.
  document.addEventListener("change", function (event) {
    if (event.target instanceof Element && event.target.id === "__search") release();
  });
})();
