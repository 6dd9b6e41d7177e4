/* Glossary tooltips: hovering or focusing a link to a glossary term shows its
   short definition, fetched from /api/v1/glossary/<title>. Without this
   script the links are plain links. Escape dismisses the tooltip. */
(function () {
  "use strict";
  var script = document.currentScript;
  var api = script && script.getAttribute("data-api");
  var loading = (script && script.getAttribute("data-loading")) || "…";
  if (!api || !window.fetch) { return; }
  var TERM = /^(?:\/w\/([a-z0-9][a-z0-9-]*))?\/wiki\/Glossary:(.+)$/;
  var cache = {};
  var tip = null;
  var current = null;
  var hideTimer = null;

  function tooltip() {
    if (!tip) {
      tip = document.createElement("div");
      tip.id = "glossary-tip";
      tip.className = "glossary-tip";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      tip.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
      tip.addEventListener("mouseleave", scheduleHide);
      document.body.appendChild(tip);
    }
    return tip;
  }

  function fill(data) {
    var box = tooltip();
    box.textContent = "";
    var term = document.createElement("strong");
    term.textContent = data.term;
    box.appendChild(term);
    var text = document.createElement("span");
    text.textContent = data.definition || "";
    box.appendChild(text);
  }

  function place(link) {
    var box = tooltip();
    var rect = link.getBoundingClientRect();
    box.style.left = Math.max(4, rect.left + window.scrollX) + "px";
    box.style.top = (rect.bottom + window.scrollY + 6) + "px";
  }

  function show(link) {
    clearTimeout(hideTimer);
    var match = TERM.exec(link.pathname);
    if (!match) { return; }
    current = link;
    var url = api + match[2] + (match[1] ? "?ws=" + encodeURIComponent(match[1]) : "");
    var box = tooltip();
    link.setAttribute("aria-describedby", box.id);
    place(link);
    if (cache[url]) {
      fill(cache[url]);
    } else {
      box.textContent = loading;
      fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (!data) { hide(); return; }
          cache[url] = data;
          if (current === link) { fill(data); place(link); }
        })
        .catch(hide);
    }
    box.hidden = false;
  }

  function hide() {
    if (tip) { tip.hidden = true; }
    if (current) { current.removeAttribute("aria-describedby"); }
    current = null;
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 200);
  }

  function termLink(target) {
    var link = target && target.closest ? target.closest("a[href]") : null;
    if (!link || link.classList.contains("new") || !TERM.test(link.pathname)) { return null; }
    return link.closest("#page-body") ? link : null;
  }

  document.addEventListener("mouseover", function (event) {
    var link = termLink(event.target);
    if (link === current && link) { clearTimeout(hideTimer); }
    else if (link) { show(link); }
  });
  document.addEventListener("mouseout", function (event) {
    if (termLink(event.target)) { scheduleHide(); }
  });
  document.addEventListener("focusin", function (event) {
    var link = termLink(event.target);
    if (link) { show(link); }
  });
  document.addEventListener("focusout", function (event) {
    if (termLink(event.target)) { hide(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && tip && !tip.hidden) { hide(); }
  });
}());
