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
