/* Paper Atlas search: queries the chunked index under search-index/ that the
 * generator writes (generator/search.py). Downloads only the manifest, the
 * shards of the query's terms and the chunks of the results shown. Record text
 * is only ever inserted with textContent. */
(function () {
  "use strict";
  // Under Node (tests/test_normalise.py) export the tokenizer; the browser never has `module`.
  if (typeof module === "object" && module.exports) { module.exports = { terms: terms }; return; }
  var box = document.querySelector("[data-pa-search]");
  var script = document.currentScript;
  if (!box || !script || !window.fetch) return;
  var input = box.querySelector(".pa-search__input");
  var out = box.querySelector(".pa-search__results");
  var base = new URL("..", script.src); // this file is assets/search.js
  var LIMIT = 10;
  var manifest = null;
  var shards = new Map();
  var chunks = new Map();
  var timer = 0;
  var generation = 0;

  function getJSON(path) {
    return fetch(new URL(path, base)).then(function (r) {
      if (!r.ok) throw new Error(path + ": " + r.status);
      return r.json();
    });
  }
  function loadManifest() {
    if (!manifest) manifest = getJSON("search-index/manifest.json");
    return manifest;
  }
  function stem(w) {
    if (w.length > 4 && w.endsWith("ies")) return w.slice(0, -3) + "y";
    if (w.length > 3 && w.endsWith("s") && !/(ss|us|is|as)$/.test(w)) return w.slice(0, -1);
    return w;
  }
  // Same as generator/search.py terms(): NFKD, marks dropped, lowercase, letters and digits.
  function terms(text, stop) {
    var folded = text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    var words = folded.match(/[\p{L}\p{N}\p{M}]+/gu) || [];
    return words.filter(function (w) { return !stop.has(w); }).map(stem);
  }
  function hex(s) {
    return Array.from(new TextEncoder().encode(s)).map(function (b) {
      return b.toString(16).padStart(2, "0");
    }).join("");
  }
  function shardKey(term, split) {
    var key = term.slice(0, 2);
    if (split.has(key)) return term.length >= 3 ? term.slice(0, 3) : key + "_";
    return key;
  }
  function shard(key) {
    if (!shards.has(key)) {
      shards.set(key, getJSON("search-index/t/" + hex(key) + ".json").catch(function () { return {}; }));
    }
    return shards.get(key);
  }
  function chunk(n) {
    if (!chunks.has(n)) chunks.set(n, getJSON("search-index/d/" + n + ".json"));
    return chunks.get(n);
  }

  function search(query) {
    return loadManifest().then(function (m) {
      var stop = new Set(m.stopwords);
      var split = new Set(m.split);
      var ts = Array.from(new Set(terms(query, stop)));
      if (!ts.length) return { total: 0, results: [] };
      var prefixLast = !/\s$/.test(query);
      var score = new Map();
      var hits = new Map();
      return Promise.all(ts.map(function (t, i) {
        return shard(shardKey(t, split)).then(function (sh) {
          var prefix = prefixLast && i === ts.length - 1 && t.length >= 3;
          var keys = prefix ? Object.keys(sh).filter(function (k) { return k.startsWith(t); })
                            : (Object.prototype.hasOwnProperty.call(sh, t) ? [t] : []);
          var best = new Map();
          keys.forEach(function (k) {
            var d = sh[k][0], s = sh[k][1], doc = 0;
            var weight = k === t ? 1 : 0.7;
            for (var j = 0; j < d.length; j++) {
              doc += d[j];
              var v = s[j] * weight;
              if (!(best.get(doc) >= v)) best.set(doc, v);
            }
          });
          best.forEach(function (v, doc) {
            score.set(doc, (score.get(doc) || 0) + v);
            hits.set(doc, (hits.get(doc) || 0) + 1);
          });
        });
      })).then(function () {
        var docs = Array.from(score.keys()).sort(function (a, b) {
          return (hits.get(b) - hits.get(a)) || (score.get(b) - score.get(a)) || (a - b);
        });
        var all = docs.filter(function (d) { return hits.get(d) === ts.length; }).length;
        var top = docs.slice(0, LIMIT);
        return Promise.all(top.map(function (d) { return chunk(Math.floor(d / m.chunk)); })).then(function (rows) {
          return {
            total: all || docs.length,
            results: top.map(function (d, i) {
              var row = rows[i][d % m.chunk];
              return { url: row[0], title: row[1], topic: row[2], snippet: row[3] };
            })
          };
        });
      });
    });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  function show(query, found) {
    out.replaceChildren();
    var meta = el("p", "pa-search__meta",
      found.total ? found.total + (found.total === 1 ? " paper" : " papers") + " match" +
        (found.total === 1 ? "es" : "") + " \u201c" + query + "\u201d" : "No papers match \u201c" + query + "\u201d");
    out.appendChild(meta);
    var list = el("ol", "pa-search__list");
    found.results.forEach(function (r) {
      var li = el("li");
      var a = el("a", "pa-search__result");
      a.href = new URL(r.url, base).href;
      a.appendChild(el("span", "pa-search__title", r.title));
      a.appendChild(el("span", "pa-search__topic", r.topic));
      a.appendChild(el("span", "pa-search__snippet", r.snippet));
      li.appendChild(a);
      list.appendChild(li);
    });
    out.appendChild(list);
    open(true);
  }
  function open(yes) {
    out.hidden = !yes;
    input.setAttribute("aria-expanded", yes ? "true" : "false");
  }
  function run() {
    var query = input.value;
    var mine = ++generation;
    if (!query.trim()) { open(false); out.replaceChildren(); return; }
    search(query).then(function (found) {
      if (mine === generation) show(query.trim(), found);
    }).catch(function (err) {
      if (mine !== generation) return;
      out.replaceChildren(el("p", "pa-search__meta", "Search is unavailable: " + err.message));
      open(true);
    });
  }

  input.addEventListener("focus", function () { loadManifest().catch(function () {}); if (input.value.trim()) open(true); });
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 50); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { input.value = ""; open(false); input.blur(); }
    if (e.key === "ArrowDown") {
      var first = out.querySelector("a");
      if (first) { e.preventDefault(); first.focus(); }
    }
    if (e.key === "Enter") {
      var top = out.querySelector("a");
      if (top && !out.hidden) { e.preventDefault(); top.click(); }
    }
  });
  out.addEventListener("keydown", function (e) {
    var links = Array.from(out.querySelectorAll("a"));
    var i = links.indexOf(document.activeElement);
    if (e.key === "ArrowDown" && i < links.length - 1) { e.preventDefault(); links[i + 1].focus(); }
    if (e.key === "ArrowUp") { e.preventDefault(); (i > 0 ? links[i - 1] : input).focus(); }
    if (e.key === "Escape") { open(false); input.focus(); }
  });
  document.addEventListener("click", function (e) { if (!box.contains(e.target)) open(false); });
  document.addEventListener("keydown", function (e) {
    if ((e.key === "/" || e.key === "s") && document.activeElement === document.body) {
      e.preventDefault();
      input.focus();
    }
  });
})();
