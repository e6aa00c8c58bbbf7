/* Paper Atlas search: queries the chunked index under search-index/ that the
 * generator writes (generator/search.py; its docstring describes the files).
 * A query downloads the manifest, the shards of its terms (and, for a word
 * with a typo, the word lists of its three keys), and the chunks of the
 * results shown. Two views: the header's combobox (a text input with a
 * listbox popup, ARIA 1.2) and the results page search/?q=… with filters and
 * pages. Record text is only ever inserted with textContent. */
(function () {
  "use strict";
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", LEVELS = 63, VALUE = {};
  for (var k = 0; k < 64; k++) VALUE[DIGITS[k]] = k;
  // Under Node (tests/unit/text/test_normalise.py, tests/unit/site/test_search.py) export the tokenizer and the
  // postings reader; the browser never has `module`.
  if (typeof module === "object" && module.exports) { module.exports = { terms: terms, postings: postings }; return; }
  var script = document.currentScript;
  if (!script || !window.fetch) return;
  var base = new URL("..", script.src); // this file is assets/search.js
  var LIMIT = 10, PAGE = 20, MAX_TERMS = 8, FACET_SHOWN = 8, FACET_CHUNKS = 100, FUZZY_TAKE = 5;
  var cache = new Map();

  // ---- the index ------------------------------------------------------------------------------
  function getJSON(path) {
    if (!cache.has(path)) {
      cache.set(path, fetch(new URL(path, base)).then(function (r) {
        if (!r.ok) throw new Error(path + ": " + r.status);
        return r.json();
      }));
    }
    return cache.get(path);
  }
  function manifest() { return getJSON("search-index/manifest.json"); }
  function hex(s) {
    return Array.from(new TextEncoder().encode(s)).map(function (b) {
      return b.toString(16).padStart(2, "0");
    }).join("");
  }
  function stem(w) {
    if (w.length > 4 && w.endsWith("ies")) return w.slice(0, -3) + "y";
    if (w.length > 3 && w.endsWith("s") && !/(ss|us|is|as)$/.test(w)) return w.slice(0, -1);
    return w;
  }
  // Same as generator/text/tokens.py search_tokens(): NFKD, marks dropped, lowercase, letters and digits.
  function tokens(text) {
    var folded = text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    return folded.match(/[\p{L}\p{N}\p{M}]+/gu) || [];
  }
  function terms(text, stop) {
    return tokens(text).filter(function (w) { return !stop.has(w); }).map(stem);
  }
  function shardKey(term, split) {
    var n = 2;
    while (split.has(term.slice(0, n))) {
      if (term.length <= n) return term.slice(0, n) + "_";
      n++;
    }
    return term.slice(0, n);
  }
  // Only shards that exist are asked for (the manifest lists them): no 404 in the console.
  function present(m, kind, key) {
    if (!m._present) {
      m._present = {};
      Object.keys(m.present).forEach(function (k) { m._present[k] = new Set(m.present[k] ? m.present[k].split(" ") : []); });
    }
    return m._present[kind].has(key);
  }
  function shard(term, m) {
    var key = shardKey(term, m._split);
    return present(m, "t", key) ? getJSON("search-index/t/" + hex(key) + ".json") : Promise.resolve({});
  }
  // Packed numbers (generator/search.py pack): 6 bits a character; a varint is 5 bits a
  // character, low first, 32 meaning "more follows".
  function varints(text) {
    var out = [], value = 0, shift = 0;
    for (var i = 0; i < text.length; i++) {
      var d = VALUE[text[i]];
      value += (d & 31) * Math.pow(2, shift);
      shift += 5;
      if (d < 32) { out.push(value); value = 0; shift = 0; }
    }
    return out;
  }
  function fixed(text, at, width) {
    var n = 0;
    for (var i = at; i < at + width; i++) n = n * 64 + VALUE[text[i]];
    return n;
  }
  // Postings of one term ([lowest, highest score, docs, title hits]):
  // Map doc → [score, title length or 0, the term's place in the title or -1].
  function postings(entry, weight) {
    var out = new Map(), doc = 0, lo = entry[0], hi = entry[1], body = entry[2], j;
    if (lo === "b") return dense(entry, weight);
    if (lo === hi) {
      varints(body).forEach(function (d) { doc += d; out.set(doc, [lo * weight, 0, -1]); });
    } else {
      var ratio = hi / lo, value = 0, shift = 0;
      for (j = 0; j < body.length; j++) {
        var c = VALUE[body[j]];
        value += (c & 31) * Math.pow(2, shift);
        shift += 5;
        if (c >= 32) continue;
        doc += value; value = 0; shift = 0;
        j++;
        out.set(doc, [lo * Math.pow(ratio, VALUE[body[j]] / LEVELS) * weight, 0, -1]);
      }
    }
    var t = varints(entry[3]);
    doc = 0;
    for (j = 0; j < t.length; j += 3) { doc += t[j]; var e = out.get(doc); e[1] = t[j + 1]; e[2] = t[j + 2]; }
    return out;
  }

  // A term in very many papers: ["b", score, title score, papers, title papers], the papers as
  // bitsets (6 a character); a title hit's length is -1 here (rank() reads it from l/).
  function dense(entry, weight) {
    var out = new Map(), titles = new Set(), i, b, c;
    for (i = 0; i < entry[4].length; i++) {
      c = VALUE[entry[4][i]];
      for (b = 0; b < 6; b++) if (c & (1 << b)) titles.add(6 * i + b);
    }
    for (i = 0; i < entry[3].length; i++) {
      c = VALUE[entry[3][i]];
      for (b = 0; b < 6; b++) {
        if (!(c & (1 << b))) continue;
        var doc = 6 * i + b, t = titles.has(doc);
        out.set(doc, [(t ? entry[2] : entry[1]) * weight, t ? -1 : 0, -1]);
      }
    }
    return out;
  }

  // ---- typo tolerance: words within one edit (two for 8+ letters) -----------------------------
  function distance(a, b, max) { // optimal string alignment (a swap of two letters is one edit)
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null, prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var low = i;
      for (j = 1; j <= b.length; j++) {
        var c = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + c);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        cur.push(v);
        if (v < low) low = v;
      }
      if (low > max) return max + 1;
      prev2 = prev; prev = cur;
    }
    return prev[b.length];
  }
  function vocabKeys(w) { return Array.from(new Set([w.slice(0, 2), w[0] + w[2], w.slice(1, 3)])); }
  // `typed` is the word as written ("spaes"): a plural with a typo is also compared with the
  // words' plurals ("spaces"), as its singular may have lost a letter ("spae").
  function near(term, m, typed) {
    var max = typed.length >= 8 ? 2 : 1;
    var files = [];
    vocabKeys(term).forEach(function (k) {
      if (m._vsplit.has(k)) {
        for (var n = term.length - max; n <= term.length + max; n++) {
          if (present(m, "v", k + "-" + n)) files.push("search-index/v/" + hex(k) + "-" + n + ".json");
        }
      } else if (present(m, "v", k)) files.push("search-index/v/" + hex(k) + ".json");
    });
    return Promise.all(files.map(function (f) { return getJSON(f); })).then(function (lists) {
      var found = new Map();
      lists.forEach(function (words) {
        words.forEach(function (w, rank) {
          if (found.has(w)) return;
          var d = distance(term, w, max);
          if (d > max && typed !== term) d = distance(typed, w + "s", max);
          if (d <= max) found.set(w, [d, rank]);
        });
      });
      return Array.from(found.keys()).sort(function (a, b) {
        var x = found.get(a), y = found.get(b);
        return (x[0] - y[0]) || (x[1] - y[1]) || (a < b ? -1 : 1);
      }).slice(0, FUZZY_TAKE).map(function (w) { return { word: w, edits: found.get(w)[0] }; });
    });
  }

  // ---- identifiers: arXiv ids and DOIs jump straight to the paper -----------------------------
  function identifier(query) {
    var q = query.trim(), m;
    m = q.match(/^(?:arxiv\s*:\s*|(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf)\/)?(\d{4}\.\d{4,5}|[a-z-]+(?:\.[a-z]{2})?\/\d{7})(?:v\d+)?(?:\.pdf)?$/i);
    if (m) return m[1].toLowerCase();
    m = q.match(/^(?:https?:\/\/(?:dx\.|www\.)?doi\.org\/|doi:\s*)?(10\.\d{4,9}\/\S+)$/i);
    if (m) return decodeURIComponent(m[1]).replace(/[.,;]+$/, "").toLowerCase();
    return null;
  }
  function byIdentifier(query, m) {
    var key = identifier(query);
    if (!key) return Promise.resolve(null);
    if (!present(m, "i", key.slice(-2))) return Promise.resolve(false);
    return getJSON("search-index/i/" + hex(key.slice(-2)) + ".json").then(function (ids) {
      return Object.prototype.hasOwnProperty.call(ids, key) ? ids[key] : false;
    });
  }

  // ---- one term's matches: exact, then words it begins, then words one or two edits away ------
  function matchTerm(t, prefix, m, typed) {
    return shard(t, m).then(function (sh) {
      var has = Object.prototype.hasOwnProperty.call(sh, t);
      // The word being typed is also a prefix; any word that matches nothing whole is tried as one
      // before typos ("segmen" submitted finds segmentation, as the header box showed while typing).
      var keys = (prefix || !has) && t.length >= 3 ? Object.keys(sh).filter(function (k) { return k !== t && k.startsWith(t); }) : [];
      var found = [];
      if (has) found.push({ word: t, weight: 1 });
      keys.forEach(function (k) { found.push({ word: k, weight: 0.7, entry: sh[k] }); });
      if (has) found[0].entry = sh[t];
      if (found.length || typed.length < 5 || !/^[a-z]+$/.test(typed)) return { found: found, fuzzy: [] };
      return near(t, m, typed).then(function (words) {
        return Promise.all(words.map(function (w) {
          return shard(w.word, m).then(function (s2) {
            return { word: w.word, weight: w.edits === 1 ? 0.5 : 0.35, entry: s2[w.word] };
          });
        })).then(function (list) {
          list = list.filter(function (x) { return x.entry; });
          return { found: list, fuzzy: list.map(function (x) { return x.word; }) };
        });
      });
    });
  }
  var parsed = new WeakMap(); // entry → its postings at weight 1 (entries are cached with their shard)
  function postingsOf(entry) {
    if (!parsed.has(entry)) parsed.set(entry, postings(entry, 1));
    return parsed.get(entry);
  }
  function combine(found) { // the best posting of each doc over a term's words, with the word's weight
    if (found.length === 1 && found[0].weight === 1) return postingsOf(found[0].entry);
    var best = new Map();
    found.forEach(function (f) {
      postingsOf(f.entry).forEach(function (v, doc) {
        var b = best.get(doc), s = v[0] * f.weight;
        if (!b) best.set(doc, [s, v[1], v[2]]);
        else { if (s > b[0]) b[0] = s; if (v[1] > 0 || (v[1] && !b[1])) { b[1] = v[1]; b[2] = v[2]; } }
      });
    });
    return best;
  }
  function filterDocs(filters, m) {
    if (!filters.length) return Promise.resolve(null);
    return Promise.all(filters.map(function (f) {
      return shard(f, m).then(function (sh) { return new Set(sh[f] ? postingsOf(sh[f]).keys() : []); });
    })).then(function (sets) {
      return sets.reduce(function (a, b) { return new Set(Array.from(a).filter(function (d) { return b.has(d); })); });
    });
  }

  // The ranked doc numbers of every match: papers with every word first; among
  // them a query that is (most of) a paper's title puts that paper first.
  function search(query, filters) {
    return manifest().then(function (m) {
      m._stop = m._stop || new Set(m.stopwords);
      m._split = m._split || new Set(m.split);
      m._vsplit = m._vsplit || new Set(m.vsplit);
      return Promise.all([byIdentifier(query, m), filterDocs(filters || [], m)]).then(function (pre) {
        if (typeof pre[0] === "number") return { m: m, docs: [pre[0]], total: 1, identifier: true, words: [], fuzzy: [] };
        if (pre[0] === false) return { m: m, docs: [], total: 0, unknownId: identifier(query), words: [], fuzzy: [] };
        var all = Array.from(new Set(terms(query, m._stop))), typed = new Map();
        tokens(query).forEach(function (w) { if (!typed.has(stem(w))) typed.set(stem(w), w); });
        if (!all.length) return { m: m, docs: [], total: 0, words: [], fuzzy: [] };
        // A long query (a whole title pasted) uses its MAX_TERMS longest words: the download stays bounded.
        var keep = all.slice().sort(function (a, b) { return b.length - a.length; }).slice(0, MAX_TERMS);
        var ts = all.filter(function (t) { return keep.indexOf(t) >= 0; });
        var words = tokens(query), places = ts.map(function (t) {
          for (var i = 0; i < words.length; i++) if (stem(words[i]) === t && !m._stop.has(words[i])) return i;
          return -1;
        });
        var prefixLast = !/\s$/.test(query) && ts[ts.length - 1] === all[all.length - 1];
        return Promise.all([Promise.all(ts.map(function (t, i) { return matchTerm(t, prefixLast && i === ts.length - 1, m, typed.get(t) || t); })),
                            joined(ts, m)])
          .then(function (got) { return rank(m, ts, got[0], pre[1], got[1], places); });
      });
    });
  }
  // Words typed apart that papers write joined ("image net" for ImageNet): a bonus for those papers.
  function joined(ts, m) {
    var pairs = [];
    for (var i = 0; i + 1 < ts.length; i++) if ((ts[i] + ts[i + 1]).length >= 4) pairs.push(ts[i] + stem(ts[i + 1]));
    return Promise.all(pairs.map(function (w) {
      return shard(w, m).then(function (sh) { return sh[w] ? postingsOf(sh[w]) : new Map(); });
    }));
  }
  // Per doc (typed arrays over the collection: fast at 100,000 papers): score, query words
  // matched, words in the title, the title's length, and the title words in the query's order.
  function rank(m, ts, per, allowed, bonus, places) {
    var N = m.docs, score = new Float64Array(N), hits = new Uint8Array(N), inTitle = new Uint8Array(N);
    var tlen = new Uint8Array(N), seen = [], fuzzy = [], words = ts.slice();
    var offsets = new Map(); // doc → {place in title − place in query: words}
    per.forEach(function (r, i) {
      fuzzy = fuzzy.concat(r.fuzzy);
      r.found.forEach(function (f) { if (words.indexOf(f.word) < 0) words.push(f.word); });
      combine(r.found).forEach(function (v, doc) {
        if (allowed && !allowed.has(doc)) return;
        if (!hits[doc]) seen.push(doc);
        score[doc] += v[0];
        hits[doc]++;
        if (v[1]) inTitle[doc]++;
        if (v[1] > 0) tlen[doc] = Math.min(255, v[1]);
        if (v[2] >= 0 && places[i] >= 0) {
          var o = offsets.get(doc) || {}, k = v[2] - places[i];
          o[k] = (o[k] || 0) + 1;
          offsets.set(doc, o);
        }
      });
    });
    (bonus || []).forEach(function (b) {
      b.forEach(function (v, doc) { if (hits[doc]) score[doc] += v[0]; });
    });
    var n = ts.length, every = seen.filter(function (d) { return hits[d] === n; });
    var pool = every.length ? every : seen;
    // Papers with every query word in the title whose title length no posting gave (all the words
    // are common ones): l/ has it.
    var unknown = pool.filter(function (d) { return inTitle[d] === n && !tlen[d]; });
    return titleLengths(m, unknown, tlen).then(function () {
      var keyed = pool.map(function (d) {
        var o = offsets.get(d), most = 0, t = inTitle[d];
        if (o) Object.keys(o).forEach(function (k) { if (o[k] > most) most = o[k]; });
        return { d: d, h: hits[d], c: t === n && tlen[d] && t / tlen[d] >= 0.5 ? t / tlen[d] : 0, // share of the title covered
                 p: most >= 2 ? most : 0, t: t, s: score[d] };
      });
      keyed.sort(function (a, b) {
        return (b.h - a.h) || (b.c - a.c) || (b.p - a.p) || (b.t - a.t) || (b.s - a.s) || (a.d - b.d);
      });
      return { m: m, docs: keyed.map(function (k) { return k.d; }), total: keyed.length, words: words, fuzzy: fuzzy };
    });
  }
  function titleLengths(m, docs, tlen) {
    var chunks = Array.from(new Set(docs.map(function (d) { return Math.floor(d / m.length_chunk); })));
    return Promise.all(chunks.map(function (c) { return getJSON("search-index/l/" + c + ".json"); })).then(function (files) {
      var byChunk = new Map(chunks.map(function (c, i) { return [c, files[i]]; }));
      docs.forEach(function (d) { tlen[d] = VALUE[byChunk.get(Math.floor(d / m.length_chunk))[d % m.length_chunk]]; });
    });
  }
  function rows(m, docs) {
    return Promise.all(docs.map(function (d) { return getJSON("search-index/d/" + Math.floor(d / m.chunk) + ".json"); }))
      .then(function (chunks) {
        return docs.map(function (d, i) {
          var r = chunks[i][d % m.chunk];
          return { doc: d, url: new URL(r[0], base).href, title: r[1], topic: r[2], snippet: r[3], authors: r[4], year: r[5], venue: r[6] };
        });
      });
  }

  // ---- showing text with the query's words marked ----------------------------------------------
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  function marked(tag, cls, text, words) {
    var e = el(tag, cls), last = 0, re = /[\p{L}\p{N}\p{M}]+/gu, w;
    while ((w = re.exec(text))) {
      var t = stem(tokens(w[0]).join(""));
      var hit = t && words.some(function (q) { return t === q || (q.length >= 3 && t.startsWith(q)); });
      if (!hit) continue;
      if (w.index > last) e.appendChild(document.createTextNode(text.slice(last, w.index)));
      e.appendChild(el("mark", null, w[0]));
      last = w.index + w[0].length;
    }
    if (last < text.length) e.appendChild(document.createTextNode(text.slice(last)));
    return e;
  }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  // ---- the header combobox ---------------------------------------------------------------------
  function Combobox(box) {
    var input = box.querySelector(".pa-search__input");
    var popup = box.querySelector(".pa-search__results");
    var list = box.querySelector("[role=listbox]");
    var status = box.querySelector(".pa-search__meta");
    var more = box.querySelector(".pa-search__more");
    var clear = box.querySelector(".pa-search__clear");
    var timer = 0, generation = 0, active = -1, last = null;
    var resultsPage = new URL(box.getAttribute("data-pa-results") || "search/", window.location.href);

    function options() { return Array.from(list.querySelectorAll("[role=option]")); }
    function open(yes) {
      popup.hidden = !yes;
      input.setAttribute("aria-expanded", yes ? "true" : "false");
      if (!yes) select(-1);
    }
    function select(i) {
      var opts = options();
      active = i;
      opts.forEach(function (o, j) { o.setAttribute("aria-selected", j === i ? "true" : "false"); });
      if (i >= 0 && opts[i]) {
        input.setAttribute("aria-activedescendant", opts[i].id);
        opts[i].scrollIntoView({ block: "nearest" });
      } else input.removeAttribute("aria-activedescendant");
    }
    function show(query, found, items) {
      last = { query: query, found: found, items: items };
      status.setAttribute("data-pa-query", query); // which query the list shows (tests and the benchmark wait on it)
      list.replaceChildren();
      status.textContent = found.total ? (found.identifier ? "The paper with this identifier" :
        plural(found.total, "paper matches", "papers match") + " \u201c" + query + "\u201d" +
        (found.fuzzy.length ? " (also spelled " + found.fuzzy.join(", ") + ")" : "")) :
        found.unknownId ? "No paper in this collection has the identifier " + found.unknownId : "No papers match \u201c" + query + "\u201d";
      items.forEach(function (r, i) {
        var a = el("a", "pa-search__result");
        a.id = "pa-search-option-" + i;
        a.setAttribute("role", "option");
        a.setAttribute("aria-selected", "false");
        a.tabIndex = -1;
        a.href = r.url;
        a.appendChild(marked("span", "pa-search__title", r.title, found.words));
        a.appendChild(el("span", "pa-search__topic", [r.authors, r.year, r.topic].filter(Boolean).join(" \u00b7 ")));
        a.appendChild(marked("span", "pa-search__snippet", r.snippet, found.words));
        list.appendChild(a);
      });
      var url = new URL(resultsPage);
      url.searchParams.set("q", query);
      more.href = url.href;
      more.textContent = found.total > items.length ? "Show all " + found.total + " results, with filters" : "Open on the results page, with filters";
      more.hidden = !found.total || !!found.identifier;
      active = -1;
      input.removeAttribute("aria-activedescendant");
      open(true);
    }
    function run() {
      var query = input.value, mine = ++generation;
      if (!query.trim()) { open(false); list.replaceChildren(); last = null; return; }
      search(query).then(function (found) {
        return rows(found.m, found.docs.slice(0, LIMIT)).then(function (items) {
          if (mine === generation) show(query.trim(), found, items);
        });
      }).catch(function (err) {
        if (mine !== generation) return;
        list.replaceChildren();
        status.textContent = "Search is unavailable: " + err.message;
        more.hidden = true;
        open(true);
      });
    }
    function go(url) { window.location.href = url; }

    input.addEventListener("focus", function () { manifest().catch(function () {}); if (input.value.trim() && last) open(true); });
    function showClear() { if (clear) clear.hidden = !input.value; }
    input.addEventListener("input", function () { showClear(); clearTimeout(timer); timer = setTimeout(run, 60); });
    if (clear) clear.addEventListener("click", function () {
      input.value = "";
      showClear();
      clearTimeout(timer);
      run();
      input.focus();
    });
    showClear();
    input.addEventListener("keydown", function (e) {
      var opts = options();
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        if (popup.hidden) { if (last) open(true); return; }
        if (!opts.length) return;
        e.preventDefault();
        var down = e.key === "ArrowDown";
        select(active < 0 ? (down ? 0 : opts.length - 1) : (active + (down ? 1 : -1) + opts.length) % opts.length);
      } else if (e.key === "Enter") {
        e.preventDefault();
        if (!input.value.trim()) return;
        if (active >= 0 && opts[active]) go(opts[active].href);
        else if (last && last.found.identifier && opts[0]) go(opts[0].href);
        else { var u = new URL(resultsPage); u.searchParams.set("q", input.value.trim()); go(u.href); }
      } else if (e.key === "Escape") {
        e.preventDefault();
        if (!popup.hidden) open(false); else { input.value = ""; showClear(); }
      } else if (e.key === "Home" || e.key === "End") {
        select(-1);
      }
    });
    list.addEventListener("mousemove", function (e) {
      var o = e.target.closest("[role=option]");
      if (o) select(options().indexOf(o));
    });
    document.addEventListener("click", function (e) { if (!box.contains(e.target)) open(false); });
    document.addEventListener("keydown", function (e) {
      var t = e.target, typing = t && (t.isContentEditable || /^(input|textarea|select)$/i.test(t.tagName));
      if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        input.focus();
        input.select();
      }
    });
  }

  // ---- the results page: search/?q=…&topic=…&page=… ------------------------------------------
  var KINDS = [["topic", "t", "Topic"], ["year", "y", "Year"], ["author", "a", "Author"],
               ["venue", "v", "Venue"], ["tag", "g", "Tag"]];

  function Results(root) {
    var input = root.querySelector(".pa-results__input");
    var submit = root.querySelector(".pa-results__submit");
    var status = root.querySelector(".pa-results__status");
    var list = root.querySelector(".pa-results__list");
    var facets = root.querySelector(".pa-facets");
    var pager = root.querySelector(".pa-results__pager");
    var generation = 0;

    function state() {
      var p = new URLSearchParams(window.location.search), s = { q: p.get("q") || "", page: Math.max(1, parseInt(p.get("page"), 10) || 1), f: {} };
      KINDS.forEach(function (k) { var v = p.get(k[0]); if (v !== null && /^\d+$/.test(v)) s.f[k[0]] = v; });
      return s;
    }
    function urlOf(s) {
      var p = new URLSearchParams();
      if (s.q) p.set("q", s.q);
      KINDS.forEach(function (k) { if (s.f[k[0]] !== undefined) p.set(k[0], s.f[k[0]]); });
      if (s.page > 1) p.set("page", String(s.page));
      return window.location.pathname + (p.toString() ? "?" + p.toString() : "");
    }
    function navigate(s, focus) {
      history.pushState(null, "", urlOf(s));
      render(focus);
    }
    function filterTerms(s) {
      return KINDS.filter(function (k) { return s.f[k[0]] !== undefined; }).map(function (k) { return "~" + k[1] + s.f[k[0]]; });
    }
    function render(focus) {
      var s = state(), mine = ++generation;
      input.value = s.q;
      document.title = (s.q ? "\u201c" + s.q + "\u201d \u00b7 " : "") + root.getAttribute("data-pa-title");
      if (!s.q.trim()) {
        status.textContent = "Type words of a title, an author, a venue or a year, an arXiv id or a DOI.";
        list.replaceChildren(); facets.replaceChildren(); pager.replaceChildren();
        box.hidden = true;
        return;
      }
      status.textContent = "Searching\u2026";
      search(s.q + " ", filterTerms(s)).then(function (found) {
        var pages = Math.max(1, Math.ceil(found.docs.length / PAGE));
        var page = Math.min(s.page, pages);
        var shown = found.docs.slice((page - 1) * PAGE, page * PAGE);
        return Promise.all([rows(found.m, shown), counts(found.m, found.docs)]).then(function (got) {
          if (mine !== generation) return;
          if (found.identifier && got[0][0]) { window.location.replace(got[0][0].url); return; }
          showList(s, found, got[0], page, pages);
          showFacets(s, found.m, got[1]);
          if (focus) status.focus();
        });
      }).catch(function (err) {
        if (mine === generation) status.textContent = "Search is unavailable: " + err.message;
      });
    }
    function showList(s, found, items, page, pages) {
      var from = (page - 1) * PAGE + 1;
      status.textContent = found.docs.length ? plural(found.docs.length, "paper matches", "papers match") +
        " \u201c" + s.q + "\u201d" + (found.fuzzy.length ? " (also spelled " + found.fuzzy.join(", ") + ")" : "") +
        (pages > 1 ? " \u00b7 " + from + "\u2013" + (from + items.length - 1) + " shown" : "") : "No papers match \u201c" + s.q + "\u201d" +
        (Object.keys(s.f).length ? " with these filters" : "");
      list.replaceChildren();
      list.start = from;
      items.forEach(function (r) {
        var li = el("li", "pa-results__item");
        var a = el("a", "pa-results__title");
        a.href = r.url;
        a.appendChild(marked("span", null, r.title, found.words));
        li.appendChild(a);
        li.appendChild(el("p", "pa-item-meta", [r.authors, r.venue, r.year, r.topic].filter(Boolean).join(" \u00b7 ")));
        li.appendChild(marked("p", "pa-results__snippet", r.snippet, found.words));
        list.appendChild(li);
      });
      pager.replaceChildren();
      if (pages < 2) return;
      function step(n, label, rel) {
        var b = el("a", "pa-pager__" + (rel ? "step" : "page"), label);
        var t = { q: s.q, f: s.f, page: n };
        b.href = urlOf(t);
        if (rel) b.rel = rel;
        if (!rel) b.setAttribute("aria-label", "Page " + n);
        b.addEventListener("click", function (e) { e.preventDefault(); navigate(t, true); window.scrollTo(0, 0); });
        pager.appendChild(b);
      }
      if (page > 1) step(page - 1, "\u2039 Previous", "prev");
      for (var n = 1; n <= pages; n++) {
        if (n === page) { var c = el("span", "pa-pager__current", String(n)); c.setAttribute("aria-current", "page"); pager.appendChild(c); }
        else if (n === 1 || n === pages || Math.abs(n - page) <= 2) step(n, String(n));
        else if (Math.abs(n - page) === 3) pager.appendChild(el("span", "pa-pager__gap", "\u2026"));
      }
      if (page < pages) step(page + 1, "Next \u203a", "next");
    }
    // Facet counts over the matches (at most FACET_CHUNKS files of facet values: the best-ranked matches).
    function counts(m, docs) {
      var chunks = [], seen = new Set(), used = [];
      for (var i = 0; i < docs.length; i++) {
        var c = Math.floor(docs[i] / m.facet_chunk);
        if (!seen.has(c)) { if (seen.size >= FACET_CHUNKS) break; seen.add(c); chunks.push(c); }
        used.push(docs[i]);
      }
      return Promise.all(chunks.map(function (c) { return getJSON("search-index/x/" + c + ".json"); })).then(function (files) {
        var byChunk = new Map(chunks.map(function (c, i) { return [c, files[i]]; }));
        var out = { topic: new Map(), year: new Map(), venue: new Map(), tag: new Map(), author: new Map(), counted: used.length, of: docs.length };
        function add(map, v) { map.set(v, (map.get(v) || 0) + 1); }
        var w = m.columns.widths, lists = new Map();
        function listed(c, col, width) { // per paper of chunk c: its numbers in column col
          var key = c + ":" + col;
          if (!lists.has(key)) {
            lists.set(key, byChunk.get(c)[col].split(".").map(function (s) {
              var ns = [];
              for (var i = 0; i < s.length; i += width) ns.push(fixed(s, i, width));
              return ns;
            }));
          }
          return lists.get(key);
        }
        used.forEach(function (d) {
          var c = Math.floor(d / m.facet_chunk), i = d % m.facet_chunk, f = byChunk.get(c);
          var year = fixed(f[1], i * w.y, w.y), venue = fixed(f[2], i * w.v, w.v);
          add(out.topic, fixed(f[0], i * w.t, w.t));
          if (year) add(out.year, year - 1 + m.columns.first_year);
          if (venue) add(out.venue, venue - 1);
          listed(c, 3, w.g)[i].forEach(function (g) { add(out.tag, g); });
          listed(c, 4, w.a)[i].forEach(function (a) { add(out.author, a); });
        });
        return out;
      });
    }
    function names(m, kind, ids) {
      if (kind === "topic") return Promise.resolve(ids.map(function (i) { return m.topics[i]; }));
      if (kind === "year") return Promise.resolve(ids.map(String));
      var code = { author: "a", venue: "v", tag: "g" }[kind];
      return Promise.all(ids.map(function (i) {
        return getJSON("search-index/n/" + code + "-" + Math.floor(i / m.name_chunk) + ".json").then(function (l) { return l[i % m.name_chunk]; });
      }));
    }
    function showFacets(s, m, c) {
      var mine = generation;
      var groups = KINDS.map(function (k) {
        var map = c[k[0]], ids = Array.from(map.keys()).sort(function (a, b) { return (map.get(b) - map.get(a)) || (a - b); });
        var chosen = s.f[k[0]];
        if (chosen !== undefined) ids = [Number(chosen)];
        return names(m, k[0], ids.slice(0, FACET_SHOWN)).then(function (ns) { return { kind: k, ids: ids.slice(0, FACET_SHOWN), names: ns, map: map }; });
      });
      Promise.all(groups).then(function (gs) {
        if (mine !== generation) return;
        facets.replaceChildren();
        box.hidden = false;
        var active = Object.keys(s.f).length;
        box.querySelector("summary").textContent = "Filters" + (active ? " (" + active + " chosen)" : "");
        if (c.counted < c.of) facets.appendChild(el("p", "pa-item-meta", "Counts among the best " + c.counted + " matches."));
        gs.forEach(function (g) {
          if (!g.ids.length) return;
          var fs = el("fieldset", "pa-facet");
          fs.appendChild(el("legend", null, g.kind[2]));
          g.ids.forEach(function (id, i) {
            var on = s.f[g.kind[0]] === String(id);
            var b = el("button", "pa-facet__value");
            b.type = "button";
            b.setAttribute("aria-pressed", on ? "true" : "false");
            b.appendChild(el("span", "pa-facet__name", g.names[i] || "?"));
            b.appendChild(el("span", "pa-count", String(g.map.get(id) || 0)));
            b.addEventListener("click", function () {
              var f = Object.assign({}, s.f);
              if (on) delete f[g.kind[0]]; else f[g.kind[0]] = String(id);
              navigate({ q: s.q, f: f, page: 1 });
            });
            fs.appendChild(b);
          });
          facets.appendChild(fs);
        });
      });
    }
    var box = root.querySelector(".pa-facets-box");
    if (window.matchMedia && window.matchMedia("(max-width: 44.9375em)").matches) box.open = false;
    function ask() { navigate({ q: input.value.trim(), f: {}, page: 1 }); }
    submit.addEventListener("click", ask);
    input.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); ask(); } });
    window.addEventListener("popstate", function () { render(false); });
    render(false);
  }

  var box = document.querySelector("[data-pa-search]");
  if (box) Combobox(box);
  var results = document.querySelector("[data-pa-results-page]");
  if (results) {
    if (window.location.protocol === "file:") results.querySelector(".pa-results__status").textContent =
      "Use the search box at the top of the page (this copy opens from disk).";
    else Results(results);
  }
})();
