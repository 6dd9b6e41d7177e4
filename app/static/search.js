// Title suggestions for the header search box (progressive enhancement:
// without this script the box is a plain GET form to /search).
(function () {
  "use strict";
  var input = document.getElementById("site-search");
  if (!input || !window.fetch) { return; }
  var list = document.createElement("datalist");
  list.id = "site-search-titles";
  input.parentNode.appendChild(list);
  input.setAttribute("list", list.id);
  var urls = {};
  var timer = null;
  var last = "";

  function fill(items) {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    urls = {};
    items.forEach(function (item) {
      var option = document.createElement("option");
      option.value = item.title;
      urls[item.title] = item.url;
      list.appendChild(option);
    });
  }

  function ask() {
    var q = input.value.trim();
    if (q.length < 2 || q === last) { return; }
    last = q;
    fetch("/search/suggest?q=" + encodeURIComponent(q), {credentials: "same-origin"})
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (items) { if (input.value.trim() === q) { fill(items); } })
      .catch(function () { /* suggestions are optional */ });
  }

  input.addEventListener("input", function () {
    // Picking a suggestion goes straight to that page.
    if (urls[input.value]) { window.location.assign(urls[input.value]); return; }
    clearTimeout(timer);
    timer = setTimeout(ask, 150);
  });
}());
