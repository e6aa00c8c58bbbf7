/* Paper Atlas reading list.
 *
 * A paper page has a hidden "Add to reading list" button (button.pa-mark);
 * this script shows it and keeps the marked papers in this browser's
 * localStorage: id, title, page URL (relative to the site root), the BibTeX
 * entry shown on the page and its RIS record (the page's RIS download link).
 * The reading-list page (#pa-reading-list) lists them and exports them as a
 * .bib or .ris file made in the browser (a Blob). A paper whose page has no
 * citation (its sources give nothing but a title) is listed, not exported.
 * There is no account and no request: nothing leaves the browser.
 *
 * Stored text is shown with textContent only, and stored URLs are followed only
 * when they resolve inside this site.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  // This file is assets/reading-list.js: the site root is one level up.
  var root = new URL("..", script && script.src ? script.src : window.location.href);
  var KEY = "paper-atlas.reading-list:" + root.pathname;

  function valid(item) {
    return item && typeof item.id === "string" && typeof item.title === "string" &&
      typeof item.url === "string" && typeof item.bibtex === "string" &&
      (item.ris === undefined || typeof item.ris === "string");
  }

  function load() {
    try {
      var data = JSON.parse(window.localStorage.getItem(KEY) || "null");
      return data && Array.isArray(data.items) ? data.items.filter(valid) : [];
    } catch (e) {
      return null; // storage blocked, or not JSON: treated as unavailable
    }
  }

  function save(items) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify({ version: 1, items: items }));
      return true;
    } catch (e) {
      return false;
    }
  }

  function siteUrl(path) {
    try {
      var url = new URL(path, root);
      return url.origin === root.origin && url.href.indexOf(root.href) === 0 ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function el(tag, props, text) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) { node.setAttribute(k, props[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* --- the button on a paper page ------------------------------------------ */

  // The page's own path under the site root, and its title as the header shows
  // it (page.meta.title: the record's text, never typeset) — not repeated in
  // attributes of the button on every page.
  function pagePath() {
    var path = window.location.pathname;
    return path.indexOf(root.pathname) === 0 ? path.slice(root.pathname.length) : "";
  }

  function pageTitle(id) {
    var shown = document.querySelector("[data-md-component=header-topic] .md-ellipsis");
    return (shown && shown.textContent.trim()) || id;
  }

  function setButton(button, marked) {
    button.setAttribute("aria-pressed", marked ? "true" : "false");
    button.textContent = marked ? "On your reading list \u2713" : "Add to reading list";
    button.title = marked ? "Remove from your reading list" : "Keep this paper on your reading list (stored in this browser only)";
  }

  function initButtons() {
    var buttons = document.querySelectorAll("button.pa-mark[data-pa-id]");
    if (!buttons.length || load() === null) return;
    buttons.forEach(function (button) {
      var id = button.getAttribute("data-pa-id");
      var code = document.querySelector(".pa-bibtex code");
      var ris = document.querySelector("a.pa-ris-download");
      setButton(button, load().some(function (i) { return i.id === id; }));
      button.hidden = false;
      if (button.dataset.paReady) return;
      button.dataset.paReady = "1";
      button.addEventListener("click", function () {
        var items = load() || [];
        var marked = items.some(function (i) { return i.id === id; });
        if (marked) {
          items = items.filter(function (i) { return i.id !== id; });
        } else {
          items.push({
            id: id,
            title: pageTitle(id),
            url: pagePath(),
            bibtex: code ? code.textContent.replace(/\s+$/, "") + "\n" : "",
            ris: ris ? risOf(ris.getAttribute("href")) : ""
          });
        }
        if (save(items)) setButton(button, !marked);
      });
    });
  }

  /* --- the reading-list page -------------------------------------------------- */

  // The RIS record of the page's download link (a data: URL the generator wrote).
  function risOf(href) {
    var comma = href ? href.indexOf(",") : -1;
    if (comma < 0 || href.indexOf("data:") !== 0) return "";
    try {
      return decodeURIComponent(href.slice(comma + 1));
    } catch (e) {
      return "";
    }
  }

  var FORMATS = {
    bib: { field: "bibtex", join: "\n", type: "application/x-bibtex" },
    ris: { field: "ris", join: "\r\n", type: "application/x-research-info-systems" }
  };

  function exported(items, format) {
    var f = FORMATS[format];
    return items.map(function (i) { return i[f.field] || ""; }).filter(Boolean).join(f.join);
  }

  function download(items, format) {
    var blob = new Blob([exported(items, format)], { type: FORMATS[format].type + ";charset=utf-8" });
    var link = el("a", { href: URL.createObjectURL(blob), download: "reading-list." + format });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  function renderList(box) {
    var items = load();
    box.replaceChildren();
    if (items === null) {
      box.appendChild(el("p", {}, "This browser does not let the site keep data (local storage is blocked), so the reading list cannot work here."));
      return;
    }
    if (!items.length) {
      box.appendChild(el("p", { "class": "pa-empty" }, "Your reading list is empty. Open a paper and choose \u201cAdd to reading list\u201d."));
      return;
    }
    var cited = items.filter(function (i) { return i.bibtex; }).length;
    var summary = items.length + (items.length === 1 ? " paper" : " papers") + " on your reading list.";
    if (cited < items.length) {
      summary += " " + (items.length - cited) + " of them " + (items.length - cited === 1 ? "has" : "have") +
        " no citation to download: the sources give only a title.";
    }
    box.appendChild(el("p", { "class": "pa-summary" }, summary));
    var bar = el("div", { "class": "pa-toolbar" });
    var get = el("button", { type: "button", "class": "md-button md-button--primary pa-download" }, "Download BibTeX (.bib)");
    get.addEventListener("click", function () { download(load() || [], "bib"); });
    var getRis = el("button", { type: "button", "class": "md-button pa-download-ris" }, "Download RIS (.ris)");
    getRis.addEventListener("click", function () { download(load() || [], "ris"); });
    var clear = el("button", { type: "button", "class": "md-button pa-clear" }, "Clear the list");
    clear.addEventListener("click", function () {
      if (window.confirm("Remove all " + items.length + " papers from your reading list?")) {
        save([]);
        renderList(box);
      }
    });
    if (cited) {
      bar.appendChild(get);
      bar.appendChild(getRis);
    }
    bar.appendChild(clear);
    box.appendChild(bar);
    var list = el("ol", { "class": "pa-items" });
    items.forEach(function (item) {
      var li = el("li");
      var href = siteUrl(item.url);
      li.appendChild(href ? el("a", { href: href }, item.title) : el("span", {}, item.title));
      var remove = el("button", { type: "button", "class": "pa-remove", "aria-label": "Remove \u201c" + item.title + "\u201d" }, "Remove");
      remove.addEventListener("click", function () {
        save((load() || []).filter(function (i) { return i.id !== item.id; }));
        renderList(box);
      });
      li.appendChild(remove);
      list.appendChild(li);
    });
    box.appendChild(list);
  }

  function init() {
    initButtons();
    var box = document.getElementById("pa-reading-list");
    if (box) renderList(box);
  }

  // Another tab changed the list: show it here too.
  window.addEventListener("storage", function (event) {
    if (event.key !== KEY) return;
    initButtons();
    var box = document.getElementById("pa-reading-list");
    if (box) renderList(box);
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init); // Material: also after instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
