// Alignment review report: filters, keyboard moves, the focused-bead inspector and the
// fixes export. Only a handful of delegated listeners: rows carry no handlers of their own.
(function () {
  "use strict";
  var beads = document.getElementById("beads");
  var shown = document.getElementById("shown");
  var total = Number(shown.getAttribute("data-total"));
  var nWrong = document.getElementById("n-wrong");
  var exportButton = document.getElementById("export");
  var inspector = document.getElementById("inspector-text");
  var filters = Array.prototype.slice.call(document.querySelectorAll("input[data-filter]"));
  var exported = true;

  function activeFilters() {
    return filters.filter(function (box) { return box.checked; })
      .map(function (box) { return box.getAttribute("data-filter"); });
  }

  // Off-screen tables are not laid out: give each a height estimate by its row count so that
  // the scroll bar and jumps to far beads land about right before they are drawn.
  beads.querySelectorAll(".chunk").forEach(function (chunk) {
    chunk.style.containIntrinsicSize = "auto " + (chunk.querySelectorAll("tr").length * 56) + "px";
  });

  // The selector a row must match to stay visible under the active filters.
  var FILTER_SELECTOR = { "only-low": ".c-low", "only-null": ".k-null", "only-wrong": ".is-wrong" };

  function applyFilters() {
    var active = activeFilters();
    filters.forEach(function (box) {
      beads.classList.toggle(box.getAttribute("data-filter"), box.checked);
    });
    var rowSelector = "tr.bead" + active.map(function (f) { return FILTER_SELECTOR[f]; }).join("");
    var groups = beads.querySelectorAll(".chunk");
    for (var g = 0; g < groups.length; g++) {
      groups[g].classList.toggle("empty", active.length > 0 && !groups[g].querySelector(rowSelector));
    }
    var count = active.length ? beads.querySelectorAll(rowSelector).length : total;
    shown.textContent = "Showing " + count + " of " + total + " beads.";
  }

  function isVisible(row) { return row.offsetParent !== null; }

  function rows() { return beads.querySelectorAll("tr.bead"); }

  function step(row, direction) {
    var all = rows();
    var i = Array.prototype.indexOf.call(all, row) + direction;
    for (; i >= 0 && i < all.length; i += direction) {
      if (isVisible(all[i])) { return all[i]; }
    }
    return null;
  }

  function setWrong(row, wrong) {
    var box = row.querySelector("input.wrong");
    box.checked = wrong;
    markRow(row, wrong);
  }

  function markRow(row, wrong) {
    row.classList.toggle("is-wrong", wrong);
    nWrong.textContent = String(beads.querySelectorAll("tr.bead.is-wrong").length);
    exported = false;
    if (beads.classList.contains("only-wrong")) { applyFilters(); }
  }

  function describe(row) {
    // Built from text nodes only: nothing from the documents is parsed as HTML.
    var parts = [];
    parts.push(["Bead ", row.id.slice(1)]);
    parts.push(["", row.querySelector(".kind").getAttribute("aria-label")]);
    parts.push(["confidence ", row.querySelector(".conf").textContent]);
    parts.push([beads.getAttribute("data-src-name") + " ", row.getAttribute("data-src") || "–"]);
    parts.push([beads.getAttribute("data-tgt-name") + " ", row.getAttribute("data-tgt") || "–"]);
    var notes = {};
    row.querySelectorAll("mark[title]").forEach(function (mark) {
      mark.getAttribute("title").split("\n").forEach(function (note) { notes[note] = true; });
    });
    var keys = Object.keys(notes);
    inspector.textContent = "";
    parts.forEach(function (part, k) {
      if (k) { inspector.appendChild(document.createTextNode(" · ")); }
      inspector.appendChild(document.createTextNode(part[0] + part[1]));
    });
    if (row.classList.contains("is-wrong")) { inspector.appendChild(document.createTextNode(" · ticked as wrong")); }
    keys.forEach(function (note) {
      inspector.appendChild(document.createElement("br"));
      var strong = document.createElement("b");
      strong.textContent = note.split(":")[0] + ":";
      inspector.appendChild(strong);
      inspector.appendChild(document.createTextNode(note.slice(note.indexOf(":") + 1)));
    });
    if (!keys.length) { inspector.appendChild(document.createTextNode(" · no glossary term or number note")); }
  }

  filters.forEach(function (box) { box.addEventListener("change", applyFilters); });

  beads.addEventListener("change", function (event) {
    var box = event.target;
    if (box.classList && box.classList.contains("wrong")) { markRow(box.closest("tr.bead"), box.checked); }
  });

  beads.addEventListener("focusin", function (event) {
    var row = event.target.closest && event.target.closest("tr.bead");
    if (row) { describe(row); }
  });

  beads.addEventListener("click", function (event) {
    var row = event.target.closest("tr.bead");
    if (row && event.target.tagName !== "INPUT" && event.target.tagName !== "A" && !window.getSelection().toString()) {
      row.focus({ preventScroll: true });
    }
  });

  beads.addEventListener("keydown", function (event) {
    var row = event.target.closest && event.target.closest("tr.bead");
    if (!row || event.altKey || event.ctrlKey || event.metaKey) { return; }
    var onRow = event.target === row;
    var next = null;
    if (event.key === "ArrowDown" || (onRow && event.key === "j")) { next = step(row, 1); }
    else if (event.key === "ArrowUp" || (onRow && event.key === "k")) { next = step(row, -1); }
    else if (onRow && (event.key === "x" || event.key === " ")) {
      setWrong(row, !row.classList.contains("is-wrong"));
      describe(row);
      event.preventDefault();
      return;
    } else { return; }
    event.preventDefault();
    if (next) { next.focus(); }
  });

  // Links to a bead (summary list, plot points): show it even when a filter hid it, and focus it.
  function goToHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!/^b\d+$/.test(id)) { return; }
    var row = document.getElementById(id);
    if (!row) { return; }
    if (!isVisible(row)) {
      filters.forEach(function (box) { box.checked = false; });
      applyFilters();
    }
    row.focus();
  }
  window.addEventListener("hashchange", goToHash);
  if (location.hash) { goToHash(); }

  function tsvField(text) {
    return text.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
  }

  // A bead's sentences joined as the fixes file expects: a space in English, nothing in Chinese.
  function sideText(row, side, ids) {
    if (!ids) { return ""; }
    var cell = row.querySelector("td." + side);
    var sep = cell.getAttribute("lang") === "en" ? " " : "";
    return Array.prototype.map.call(cell.querySelectorAll(".s"), function (s) { return s.textContent; }).join(sep);
  }

  // The fixes file: see termalign.align.fixes for the format.
  function fixesTsv() {
    var lines = [
      "# termalign fixes: beads a reviewer marked as wrong in the alignment report",
      "# source: " + tsvField(exportButton.getAttribute("data-src-doc")) +
        " · target: " + tsvField(exportButton.getAttribute("data-tgt-doc")),
      ["bead", "action", "src", "tgt", "confidence", "src_text", "tgt_text"].join("\t")
    ];
    beads.querySelectorAll("tr.bead.is-wrong").forEach(function (row) {
      var src = row.getAttribute("data-src");
      var tgt = row.getAttribute("data-tgt");
      lines.push([
        row.id.slice(1), "wrong", src, tgt, row.getAttribute("data-conf"),
        tsvField(sideText(row, "src", src)), tsvField(sideText(row, "tgt", tgt))
      ].join("\t"));
    });
    return lines.join("\n") + "\n";
  }

  exportButton.addEventListener("click", function () {
    var blob = new Blob([fixesTsv()], { type: "text/tab-separated-values;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "fixes.tsv";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    exported = true;
  });

  window.addEventListener("beforeunload", function (event) {
    if (!exported && beads.querySelector("tr.bead.is-wrong")) { event.preventDefault(); event.returnValue = ""; }
  });

  // The page may be reloaded with boxes still ticked (browsers restore form state).
  beads.querySelectorAll("input.wrong:checked").forEach(function (box) { box.closest("tr.bead").classList.add("is-wrong"); });
  nWrong.textContent = String(beads.querySelectorAll("tr.bead.is-wrong").length);
  applyFilters();
})();
