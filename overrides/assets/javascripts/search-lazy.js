/* Search index on demand. In: Material's request for search/search_index.json, made on every page load.
   Out: that request, sent only when the reader starts to search, or at once for a ?q= or ?h= address. */
(function () {
  // Material 9.8.2 asks with XMLHttpRequest (not fetch): its send() is held back. Meanwhile Material shows
  // "Initializing search" and keeps the query; it searches for the latest one when the index arrives.
  // The offline copy (file://) loads search/search_index.js with a script tag instead and is not touched.
  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  var held = [], params = new URLSearchParams(location.search);
  var wanted = params.has("q") || !!params.get("h");  // Material opens search for q= and highlights h=

  function start() {
    wanted = true;
    held.splice(0).forEach(function (call) {
      try { send.apply(call[0], call[1]); } catch (e) { /* aborted meanwhile: nothing to send */ }
    });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.mdLazyIndex = /\/search\/search_index\.json(?:[?#]|$)/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (!this.mdLazyIndex || wanted) return send.apply(this, arguments);
    held.push([this, arguments]);
  };

  // First use: focus in the search box (click, Tab, or Material's "/", "s" and "f" keys, which focus it), or the
  // search toggle switched on (the magnifier button on narrow screens).
  document.addEventListener("focusin", function (e) {
    if (e.target.matches && e.target.matches(".md-search__input")) start();
  });
  document.addEventListener("change", function (e) {
    if (e.target.id === "__search" && e.target.checked) start();
  });
})();
