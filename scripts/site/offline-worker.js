/* Offline copy only (scripts/site/offline.py adds it): browsers will not start a Web Worker from a file:// page, so
   search's worker runs in a hidden same-origin iframe instead. The idea is iframe-worker's (MIT, Martin Donath),
   but nothing here is an inline script, so the site's Content-Security-Policy (script-src 'self') still holds. */
(function () {
  "use strict";
  if (location.protocol !== "file:") return;

  function FrameWorker(url) {
    var target = document.createElement("div");  // a plain EventTarget for "message" and "error" listeners
    var frame = document.createElement("iframe");
    var self = this;
    frame.hidden = true;
    frame.setAttribute("aria-hidden", "true");
    frame.tabIndex = -1;
    document.body.appendChild(frame);
    var w = frame.contentWindow;
    var loaded = false;
    var queue = [];

    function load(src) {
      return new Promise(function (resolve, reject) {
        var s = w.document.createElement("script");
        s.src = src;
        s.onload = resolve;
        s.onerror = reject;
        w.document.body.appendChild(s);
      });
    }
    // The worker's view of the world: postMessage goes to this page, importScripts loads scripts in order.
    w.postMessage = function (data) {
      var event = new MessageEvent("message", { data: data });
      target.dispatchEvent(event);
      if (typeof self.onmessage === "function") self.onmessage(event);
    };
    w.importScripts = function () {
      var urls = Array.prototype.slice.call(arguments);
      return urls.reduce(function (p, u) { return p.then(function () { return load(new URL(u, url).href); }); },
                         Promise.resolve());
    };
    if (!w.document.body) w.document.appendChild(w.document.createElement("body"));
    load(url).then(function () {
      loaded = true;
      queue.splice(0).forEach(function (data) { self.postMessage(data); });
    }, function () {
      var event = new ErrorEvent("error", { message: "could not load " + url, filename: String(url) });
      target.dispatchEvent(event);
      if (typeof self.onerror === "function") self.onerror(event);
    });

    this.postMessage = function (data) {
      if (!loaded) { queue.push(data); return; }
      w.dispatchEvent(new w.MessageEvent("message", { data: structuredClone(data) }));
    };
    this.terminate = function () { frame.remove(); };
    this.addEventListener = target.addEventListener.bind(target);
    this.removeEventListener = target.removeEventListener.bind(target);
    this.dispatchEvent = target.dispatchEvent.bind(target);
  }

  window.Worker = FrameWorker;
})();
