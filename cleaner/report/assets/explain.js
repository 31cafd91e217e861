// Filters for explain --html. One CSS rule is rewritten per change, so the cost does not grow
// with the capture: the browser hides blocks by selector, the script never walks them.
(function () {
  "use strict";
  var show = document.getElementById("f-show");
  var rule = document.getElementById("f-rule");
  var style = document.getElementById("f-style");
  function quoted(text) { return '"' + text.replace(/[\\"]/g, "\\$&") + '"'; }
  function apply() {
    var css = [];
    if (show.value || rule.value) { css.push(".gap{display:none}"); }
    if (show.value === "dropped") { css.push(".blk:not(.removed):not(.trimmed){display:none}"); }
    else if (/^[a-z]+$/.test(show.value)) { css.push(".blk:not(." + show.value + "){display:none}"); }
    if (rule.value) { css.push(".blk:not([data-rules~=" + quoted(rule.value) + "]){display:none}"); }
    style.textContent = css.join("\n");
  }
  show.addEventListener("change", apply);
  rule.addEventListener("change", apply);
  apply();  // a reload keeps the selects' values: show what they say
  document.documentElement.setAttribute("data-filters", "ready");
})();
// A rule's reason as hover text, looked up when the pointer reaches the link: one table for the
// page instead of the same sentence on every block.
(function () {
  "use strict";
  var table = document.getElementById("reasons");
  var reasons = table ? JSON.parse(table.textContent) : {};
  document.addEventListener("mouseover", function (event) {
    var link = event.target.closest ? event.target.closest("a.rule") : null;
    if (link && !link.title && reasons[link.textContent]) { link.title = reasons[link.textContent]; }
  });
})();
// A line number is its line's permalink (one listener for the page, none per line).
document.addEventListener("click", function (event) {
  "use strict";
  var number = event.target;
  if (number.tagName === "I" && number.parentNode.id && number.parentNode.id.charAt(0) === "L") {
    location.hash = number.parentNode.id;
  }
});
