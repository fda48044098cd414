// Check findings report: severity and check filters, keyboard moves between findings.
(function () {
  "use strict";
  var table = document.getElementById("findings");
  var shown = document.getElementById("shown");
  var total = Number(shown.getAttribute("data-total"));
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-hide]"));
  var checkBoxes = Array.prototype.slice.call(document.querySelectorAll("#check-filters input[data-hide]"));

  function applyFilters() {
    if (!table) { return; }
    boxes.forEach(function (box) {
      table.classList.toggle(box.getAttribute("data-hide"), !box.checked);
    });
    var visible = 0;
    var rows = table.tBodies[0].rows;
    for (var i = 0; i < rows.length; i++) { if (rows[i].offsetParent !== null) { visible++; } }
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
    var next = direction > 0 ? row.nextElementSibling : row.previousElementSibling;
    while (next && next.offsetParent === null) {
      next = direction > 0 ? next.nextElementSibling : next.previousElementSibling;
    }
    return next;
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
