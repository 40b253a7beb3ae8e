/* Opens the content tab that holds the element named in the address (#school-age-sen-support),
   so links from schools' SEN Information Reports land on the right level. No dependencies. */
(function () {
  function openTabFor(hash) {
    if (!hash || hash.length < 2) return;
    var target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!target) return;
    var block = target.closest(".tabbed-block");
    var opened = false;
    while (block) {
      var set = block.closest(".tabbed-set");
      var blocks = Array.prototype.filter.call(block.parentNode.children, function (el) {
        return el.classList.contains("tabbed-block");
      });
      var index = blocks.indexOf(block);
      var inputs = set.querySelectorAll(":scope > input");
      if (inputs[index] && !inputs[index].checked) {
        inputs[index].checked = true;
        opened = true;
      }
      block = set.parentNode.closest(".tabbed-block");
    }
    if (opened) target.scrollIntoView();
  }
  function onHash() { openTabFor(window.location.hash); }
  window.addEventListener("hashchange", onHash);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", onHash);
  else onHash();
})();

/* Issue 16. In: the page. Out: (1) each "Copy link to this section" button copies the section's full address
   (a plain link to the section without JavaScript or clipboard access); (2) tables get a label on each cell, so on
   phones each row shows as a card (extra.css); (3) each abbreviation outside a link links to its glossary entry. */
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  }
  function base() {
    var config = document.getElementById("__config");
    try { return JSON.parse(config.textContent).base || "."; } catch (e) { return "."; }
  }
  function slug(text) {
    return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }
  ready(function () {
    document.querySelectorAll("a.copy-link").forEach(function (link) {
      link.setAttribute("role", "button");
      link.addEventListener("click", function (event) {
        var address = link.href;
        if (!navigator.clipboard || !window.isSecureContext) return;  // the link itself still goes to the section
        event.preventDefault();
        navigator.clipboard.writeText(address).then(function () {
          link.setAttribute("data-copied", "");
          link.setAttribute("aria-label", "Link copied: " + address);
          setTimeout(function () { link.removeAttribute("data-copied"); link.removeAttribute("aria-label"); }, 4000);
        }, function () { window.location.hash = link.hash; });
      });
    });
    document.querySelectorAll(".md-typeset table:not([class])").forEach(function (table) {
      var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) { return th.textContent.trim(); });
      if (!heads.length) return;
      table.classList.add("cards");
      table.querySelectorAll("tbody tr").forEach(function (tr) {
        Array.prototype.forEach.call(tr.children, function (td, i) { if (heads[i]) td.setAttribute("data-label", heads[i]); });
      });
    });
    var glossary = base() + (window.location.protocol === "file:" ? "/glossary.html" : "/glossary/");
    document.querySelectorAll(".md-content abbr[title]").forEach(function (abbr) {
      if (abbr.closest("a, h1, h2, h3, h4, summary, label, button")) return;
      var link = document.createElement("a");
      link.className = "abbr-link";
      link.href = glossary + "#" + slug(abbr.textContent);
      abbr.parentNode.insertBefore(link, abbr);
      link.appendChild(abbr);
    });
  });
})();

/* Issue 16: the search box on the home page hands its words to the site's search (the header's search box), and
   the example searches do the same. Without JavaScript the form goes to the list of needs from A to Z. */
(function () {
  "use strict";
  function search(words) {
    var toggle = document.getElementById("__search");
    var box = document.querySelector("input.md-search__input");
    if (!toggle || !box) return false;
    if (!toggle.checked) toggle.click();
    box.focus();
    box.click();
    box.value = words;
    box.dispatchEvent(new Event("input", { bubbles: true }));
    box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true, key: words.slice(-1) }));
    return true;
  }
  function ready() {
    var form = document.querySelector("form[data-home-search]");
    if (!form) return;
    form.addEventListener("submit", function (event) {
      var words = form.querySelector("input").value.trim();
      if (words && search(words)) event.preventDefault();
    });
    document.querySelectorAll("a[data-home-example]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        if (search(link.getAttribute("data-home-example"))) event.preventDefault();
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();

/* Issue 16: "Add to a plan" on a strategy page opens the plan builder with this strategy, its need, age group and
   level chosen (the builder reads them from the address). */
(function () {
  "use strict";
  document.querySelectorAll("a[data-plan-query]").forEach(function (link) {
    link.href = link.href.split("?")[0].split("#")[0] + "?" + link.getAttribute("data-plan-query");
  });
})();
