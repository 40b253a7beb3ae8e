/* Search results cut to what a result shows. In: Material's search worker (its file name after "?worker=", in this
   folder). Out: the same worker and the same results in the same order, each section's text cut to its first few
   lines and without its page's tags. Material put the whole text of every matching section into the page, to show
   about three lines of it, and under every section all of its page's tags: the other names and the misspellings
   that search_terms lists for search only (37 tags under each of 74 sections of one need page). On a large site,
   building that list was most of the time from typing to results. The tags have done their work by then: they
   weigh in the ranking, which the worker has finished. */
(function () {
  "use strict";
  var KEEP = 400;  // characters of text per section: more than three lines of a result at any screen width
  var VOID = /^(?:br|hr|img|wbr|input|meta|link|area|base|col|embed|source|track)$/i;

  function shorten(html) {
    if (typeof html !== "string" || html.length <= KEEP) return html;
    var out = "", shown = 0, open = [], i = 0;
    while (i < html.length) {
      var c = html.charAt(i);
      if (c === "<") {
        var end = html.indexOf(">", i);
        if (end < 0) return html;  // not markup we understand: leave it whole
        var tag = html.slice(i, end + 1), m = /^<(\/?)([a-zA-Z][\w-]*)/.exec(tag);
        if (m && !VOID.test(m[2]) && tag.slice(-2) !== "/>") {
          if (!m[1]) open.push(m[2]);
          else if (open.length && open[open.length - 1].toLowerCase() === m[2].toLowerCase()) open.pop();
        }
        out += tag;
        i = end + 1;
        continue;
      }
      if (shown >= KEEP && /\s/.test(c)) break;  // past the limit: stop at the next space, between words
      if (c === "&") {
        var semi = html.indexOf(";", i);
        if (semi > i && semi - i <= 10) c = html.slice(i, semi + 1);  // an entity is one character
      }
      out += c;
      i += c.length;
      shown += 1;
    }
    if (i >= html.length) return html;
    while (open.length) out += "</" + open.pop() + ">";
    return out + " \u2026";
  }

  var post = self.postMessage.bind(self);
  self.postMessage = function (message) {
    var items = message && message.type === 3 && message.data && message.data.items;  // 3: Material's "result"
    if (Array.isArray(items)) {
      items.forEach(function (page) {
        (Array.isArray(page) ? page : []).forEach(function (section) {
          if (!section) return;
          if (typeof section.text === "string") section.text = shorten(section.text);
          delete section.tags;  // used for ranking (done by now); shown, they repeated every name and misspelling
        });
      });
    }
    return post.apply(self, arguments);
  };
  self.shortenSearchText = shorten;  // for the tests

  var name = new URL(self.location.href).searchParams.get("worker") || "";
  if (/^search\.[0-9a-f]+\.min\.js$/.test(name)) importScripts(name);  // a file of this folder, nothing else
})();
