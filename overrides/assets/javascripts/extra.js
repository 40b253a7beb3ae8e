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
