// Zensical's search (built into its bundle, drawn in a shadow root at the end of the page) leaves its icon buttons,
// its search box and its scrolling filter list without names or states; this gives them names, as Material's own
// search markup has. On Material's search there is no shadow root and it does nothing. (tests/test_zensical.py)
(function () {
  "use strict";
  function name(root) {
    var buttons = root.querySelectorAll("button:not([aria-label])");
    var labels = ["Search", "Filters"];  // the magnifier, then the filter icon, in the order Zensical draws them
    for (var i = 0; i < buttons.length && i < labels.length; i++) buttons[i].setAttribute("aria-label", labels[i]);
    var box = root.querySelector("input[role=combobox]");
    if (box) {
      if (!box.hasAttribute("aria-label")) box.setAttribute("aria-label", box.getAttribute("placeholder") || "Search");
      var list = root.querySelector("ol");
      var open = String(!!(list && list.children.length));
      if (box.getAttribute("aria-expanded") !== open) box.setAttribute("aria-expanded", open);
    }
    root.querySelectorAll("h3").forEach(function (heading) {  // the filter panel scrolls: keyboard users reach it
      var panel = heading.parentElement && heading.parentElement.parentElement;
      if (panel && !panel.hasAttribute("tabindex")) {
        panel.setAttribute("tabindex", "0");
        panel.setAttribute("role", "region");
        panel.setAttribute("aria-label", heading.textContent.trim() || "Filters");
      }
    });
  }
  function watch(host) {
    if (!host.shadowRoot || host.__named) return;
    host.__named = true;
    name(host.shadowRoot);
    new MutationObserver(function () { name(host.shadowRoot); })
      .observe(host.shadowRoot, {childList: true, subtree: true});
  }
  function scan() { Array.prototype.forEach.call(document.body.children, watch); }
  scan();
  new MutationObserver(scan).observe(document.body, {childList: true});
})();
