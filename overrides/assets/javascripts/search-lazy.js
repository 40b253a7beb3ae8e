/* Search index on demand. In: Material's request for search/search_index.json, made on every page load, and its
   search worker. Out: that request, sent only when the reader starts to search, or at once for a ?q= or ?h= address;
   the worker, started through workers/search-short.js. */
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

  // Material's search worker runs through workers/search-short.js: the same worker, with each result's text cut to
  // the lines a result shows. Only over http(s), and only for Material's classic worker file.
  var NativeWorker = window.Worker;
  if (NativeWorker && /^https?:$/.test(location.protocol)) {
    window.Worker = function (url, options) {
      var m = /^(.*\/workers\/)(search\.[0-9a-f]+\.min\.js)$/.exec(String(url));
      if (m && !(options && options.type === "module")) url = m[1] + "search-short.js?worker=" + m[2];
      return new NativeWorker(url, options);
    };
    window.Worker.prototype = NativeWorker.prototype;
  }

  // First use: focus in the search box (click, Tab, or Material's "/", "s" and "f" keys, which focus it), or the
  // search toggle switched on (the magnifier button on narrow screens).
  document.addEventListener("focusin", function (e) {
    if (e.target.matches && e.target.matches(".md-search__input")) start();
  });
  document.addEventListener("change", function (e) {
    if (e.target.id === "__search" && e.target.checked) start();
  });
})();
