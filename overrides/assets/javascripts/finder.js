/* Strategy finder (/strategies/): filters the list of strategies by area, need, level, age group and type.
   In: the page's hidden filter form, its grouped list, and its data (a JSON block in the page; else strategies/finder.json).
   Out: the form shown, the list filtered in place, the count in a live region, the filters in the address.
   Without this script the page lists every strategy, grouped by area. No dependencies; on other pages it does
   nothing. */
(function () {
  "use strict";

  var KEYS = ["area", "need", "level", "phase", "type", "kind", "stage"];

  function has(list, value) {
    return list.length === 0 || list.indexOf(value) !== -1;
  }

  function chosen(form) {
    var out = {};
    KEYS.forEach(function (key) {
      out[key] = Array.prototype.map.call(
        form.querySelectorAll("input[name='" + key + "']:checked"),
        function (box) { return box.value; });
    });
    return out;
  }

  // Does strategy `s`, listed under area `area` ("other": used only in example plans), match the filters?
  // A use is one (need, phase, level) where a need uses the strategy: all filters must hold for the same use.
  function matches(s, area, f, needArea) {
    if (!has(f.type, s.type) || !has(f.kind, s.kind)) return false;
    // a strategy with no stage tag fits primary and secondary alike
    if (f.stage.length && s.stages.length && !s.stages.some(function (x) { return has(f.stage, x); })) return false;
    if (area === "other") {
      return f.area.length === 0 && f.need.length === 0 &&
        (f.level.length === 0 || s.levels.some(function (l) { return has(f.level, l); })) &&
        (f.phase.length === 0 || s.phases.some(function (p) { return has(f.phase, p); }));
    }
    if (!has(f.area, area)) return false;
    return s.uses.some(function (u) {
      return needArea[u[0]] === area && has(f.need, u[0]) && has(f.phase, u[1]) && has(f.level, u[2]);
    });
  }

  function groupsOf(form) {
    // Each area's heading (its id is the area id) and the list that follows it.
    var groups = [];
    var headings = (form.closest("article") || document).querySelectorAll("h2[id]");
    Array.prototype.forEach.call(headings, function (h) {
      var list = h.nextElementSibling;
      if (!list || list.tagName !== "UL") return;
      var items = Array.prototype.map.call(list.children, function (li) {
        var link = li.querySelector("a[data-strategy]");
        return { li: li, id: link ? link.getAttribute("data-strategy") : null };
      });
      groups.push({ area: h.id, heading: h, list: list, items: items });
    });
    return groups;
  }

  function describe(count, total, filtering) {
    if (!filtering) return "Showing all " + total + " strategies.";
    if (count === 0) return "No strategies match these filters. Untick a box to see more.";
    return count === 1 ? "1 strategy matches." : count + " strategies match.";
  }

  function setup(form, data) {
    var groups = groupsOf(form);
    var status = form.querySelector("[role='status']");
    var total = Object.keys(data.strategies).length;

    function apply(writeAddress) {
      var f = chosen(form);
      var filtering = KEYS.some(function (k) { return f[k].length > 0; });
      var shown = {};
      groups.forEach(function (g) {
        var any = false;
        g.items.forEach(function (item) {
          var s = item.id && data.strategies[item.id];
          var ok = !filtering || (s && matches(s, g.area, f, data.needs));
          item.li.hidden = !ok;
          if (ok) { any = true; if (item.id) shown[item.id] = true; }
        });
        g.heading.hidden = !any;
        g.list.hidden = !any;
      });
      status.textContent = describe(Object.keys(shown).length, total, filtering);
      if (writeAddress) {
        var params = new URLSearchParams(window.location.search);
        KEYS.forEach(function (k) {
          params.delete(k);
          f[k].forEach(function (v) { params.append(k, v); });
        });
        var query = params.toString();
        window.history.replaceState(window.history.state, "",
          window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      }
    }

    function restore() {
      var params = new URLSearchParams(window.location.search);
      KEYS.forEach(function (k) {
        var wanted = params.getAll(k);
        Array.prototype.forEach.call(form.querySelectorAll("input[name='" + k + "']"), function (box) {
          box.checked = wanted.indexOf(box.value) !== -1;
        });
      });
    }

    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.querySelector("[data-finder-clear]").addEventListener("click", function () {
      Array.prototype.forEach.call(form.querySelectorAll("input[type='checkbox']"), function (box) {
        box.checked = false;
      });
      apply(true);
    });
    window.addEventListener("popstate", function () { restore(); apply(false); });
    restore();
    form.hidden = false;
    apply(false);
    form.setAttribute("data-finder-ready", "");
  }

  function init() {
    var form = document.querySelector("form[data-finder]");
    if (!form || form.hasAttribute("data-finder-started")) return;
    form.setAttribute("data-finder-started", "");
    var block = document.getElementById("finder-data");  // the data is in the page: filtering works offline too
    if (block) {
      try { setup(form, JSON.parse(block.textContent)); return; } catch (e) { /* fall back to the file */ }
    }
    if (window.location.protocol === "file:") return;  // browsers do not fetch files from disk; keep the whole list
    var url = new URL(form.getAttribute("data-finder"), window.location.href);
    fetch(url.href, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + url.href);
        return response.json();
      })
      .then(function (data) { setup(form, data); })
      .catch(function (error) {
        // The full list stays on the page; only the filters are missing.
        if (window.console) window.console.warn("Strategy finder: " + error);
      });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);  // Material's page observable (works with instant loading too)
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
