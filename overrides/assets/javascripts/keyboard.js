/* Keyboard access to the header's menu and search buttons on narrow screens. Material draws them as labels for
   hidden checkboxes, which Tab cannot reach; here each becomes a real button that keeps the label's classes and
   "for" (Material's styles and scripts look for them). Without JavaScript the labels stay and work by mouse or touch.
   The opened menu takes focus; Escape, or Tab past its last link, closes it again. Loaded before Material's bundle. */
(function () {
  var names = { __drawer: "Menu", __search: "Search" };
  Object.keys(names).forEach(function (id) {
    var label = document.querySelector(".md-header label.md-header__button[for='" + id + "']");
    var toggle = document.getElementById(id);
    if (!label || !toggle) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className;
    button.setAttribute("for", id);
    button.setAttribute("aria-label", names[id]);
    button.setAttribute("aria-expanded", "false");
    button.innerHTML = label.innerHTML;
    label.replaceWith(button);
    button.addEventListener("click", function () {
      toggle.click();
      if (id === "__search" && toggle.checked) document.querySelector(".md-search__input").focus();
    });
    toggle.addEventListener("change", function () {
      button.setAttribute("aria-expanded", String(toggle.checked));
      if (id !== "__drawer" || !toggle.checked || document.activeElement !== button) return;
      var drawer = document.querySelector(".md-sidebar--primary");
      var first = drawer && drawer.querySelector("a[href]");
      if (first) setTimeout(function () { first.focus(); }, 0);  // once the drawer is no longer hidden
    });
    if (id !== "__drawer") return;
    var drawer = document.querySelector(".md-sidebar--primary");
    if (!drawer) return;
    drawer.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && toggle.checked) { toggle.click(); button.focus(); }
    });
    drawer.addEventListener("focusout", function (e) {
      if (toggle.checked && e.relatedTarget && !drawer.contains(e.relatedTarget)) toggle.click();
    });
  });
})();
