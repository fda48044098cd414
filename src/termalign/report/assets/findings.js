// Check findings report: severity and check filters, keyboard moves between findings.
(function () {
  "use strict";
  var table = document.getElementById("findings");  // the block of finding tables
  var shown = document.getElementById("shown");
  var total = Number(shown.getAttribute("data-total"));
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-hide]"));
  var checkBoxes = Array.prototype.slice.call(document.querySelectorAll("#check-filters input[data-hide]"));

  function applyFilters() {
    if (!table) { return; }
    boxes.forEach(function (box) {
      table.classList.toggle(box.getAttribute("data-hide"), !box.checked);
    });
    // Counted from the classes, not the layout: off-screen tables are not laid out.
    var selector = "tr.finding" + boxes.filter(function (box) { return !box.checked; })
      .map(function (box) { return ":not(." + box.getAttribute("data-hide").slice(5) + ")"; }).join("");
    var visible = table.querySelectorAll(selector).length;
    table.querySelectorAll(".chunk").forEach(function (chunk) {
      chunk.classList.toggle("empty", !chunk.querySelector(selector));
    });
    shown.textContent = "Showing " + visible + " of " + total + " findings.";
  }

  function setAllChecks(on) {
    checkBoxes.forEach(function (box) { box.checked = on; });
    applyFilters();
  }

  boxes.forEach(function (box) { box.addEventListener("change", applyFilters); });
  document.getElementById("checks-all").addEventListener("click", function () { setAllChecks(true); });
  document.getElementById("checks-none").addEventListener("click", function () { setAllChecks(false); });

  function step(row, direction) {
    var all = table.querySelectorAll("tr.finding");
    var i = Array.prototype.indexOf.call(all, row) + direction;
    for (; i >= 0 && i < all.length; i += direction) {
      if (all[i].offsetParent !== null) { return all[i]; }
    }
    return null;
  }

  if (table) {
    table.addEventListener("keydown", function (event) {
      var row = event.target.closest && event.target.closest("tr.finding");
      if (!row || event.target !== row || event.altKey || event.ctrlKey || event.metaKey) { return; }
      var next = null;
      if (event.key === "ArrowDown" || event.key === "j") { next = step(row, 1); }
      else if (event.key === "ArrowUp" || event.key === "k") { next = step(row, -1); }
      else { return; }
      event.preventDefault();
      if (next) { next.focus(); }
    });
  }
  applyFilters();
})();
