/* Site search, loaded only when the reader opens the search dialog (see macros/theme/partials/site-search.html).
 *
 * Hand-written because no search library folds Vietnamese tone marks, đ and the plan's spelling variants,
 * matches whole syllables and ranks a target's own page first; the keys are the same as
 * tracker/search_text.py (tests/search_cases.json holds the cases both must agree on).
 * The index (search/index.<lang>.json, built by scripts/search_index.py) holds the text of this language's
 * pages only; results are drawn with DOM nodes (never innerHTML): the text comes from data files. */
(function () {
  "use strict";

  var TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
  var MARKS = /\p{M}/gu;
  var WORD = /\p{Nd}+(?:[.,]\p{Nd}+)+|[\p{L}\p{N}]+/gu;
  var FINAL_Y = /^(ngh|ng|ch|gh|kh|nh|ph|th|tr|[bcdđghklmnprstvx])y$/;
  var STOP_EN = new Set(["a", "an", "and", "the", "of", "in", "on", "to", "for", "by", "with", "at", "or", "is"]);
  var WEIGHT = { title: 10, heading: 4, body: 1, id: 50, exact: 1.5, phrase: 6, together: 2 };

  /* ---- words and keys (same as tracker/search_text.py) ---- */
  function words(text) {
    var out = [], m;
    text = String(text).normalize("NFC");
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) out.push([m.index, m.index + m[0].length, m[0]]);
    return out;
  }
  function finalY(base) { return base.replace(FINAL_Y, "$1i"); }
  function exactKey(word) {
    var d = word.toLowerCase().normalize("NFD");
    var tones = (d.match(TONES) || []).join("");
    return finalY(d.replace(TONES, "").normalize("NFC")) + tones;
  }
  function singular(w) {
    if (w.length > 4 && /ies$/.test(w)) return w.slice(0, -3) + "y";
    if (w.length > 3 && /s$/.test(w) && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
    return w;
  }
  function fold(word, lang) {
    var bare = word.toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(MARKS, "");
    return lang === "en" ? singular(bare) : finalY(bare);
  }
  function hasMarks(word) { return /\p{M}|đ/iu.test(word.normalize("NFD")); }

  /* ---- the index ---- */
  function analyse(text, lang) {
    text = String(text || "").normalize("NFC");
    var w = words(text);
    return { text: text, w: w, f: w.map(function (x) { return fold(x[2], lang); }),
             e: w.map(function (x) { return exactKey(x[2]); }) };
  }
  function prepare(index) {
    var lang = index.lang;
    return {
      lang: lang,
      abbr: index.abbr || [],
      docs: index.docs.map(function (d) {
        return { url: d.u, title: analyse(d.t, lang), kind: d.k || 0, id: d.i || "",
                 sections: d.s.map(function (s) {
                   return { anchor: s[0], heading: analyse(s[1], lang), body: analyse(s[2], lang) };
                 }) };
      })
    };
  }

  /* ---- the query: terms, each a list of alternative phrases (an abbreviation and its words) ---- */
  function parse(query, engine) {
    var lang = engine.lang;
    var q = words(query).map(function (x) {
      return { f: fold(x[2], lang), e: exactKey(x[2]), toned: hasMarks(x[2]) };
    });
    var terms = [], i = 0;
    while (i < q.length) {
      var term = null;
      for (var a = 0; a < engine.abbr.length && !term; a++) {
        var abbr = engine.abbr[a][0], full = engine.abbr[a][1];
        if (q[i].f === abbr) {
          term = [[q[i]], full.map(plain)];
          i += 1;
        } else if (full.length > 1 && full.every(function (f, j) { return q[i + j] && q[i + j].f === f; })) {
          term = [q.slice(i, i + full.length), [plain(abbr)]];
          i += full.length;
        }
      }
      if (!term) { term = [[q[i]]]; i += 1; }
      terms.push(term);
    }
    if (lang === "en") {
      var content = terms.filter(function (t) { return !(t.length === 1 && t[0].length === 1 && STOP_EN.has(t[0][0].f)); });
      if (content.length) terms = content;
    }
    return terms;
  }
  function plain(f) { return { f: f, e: f, toned: false }; }

  /* Every place where one of the term's phrases occurs as whole words: [start, length, exact]. */
  function find(field, term, k) {
    var hits = [];
    term.forEach(function (alt) {
      var n = alt.length;
      for (var i = 0; i + n <= field.f.length; i++) {
        var ok = true, exact = true;
        for (var j = 0; j < n; j++) {
          if (field.f[i + j] !== alt[j].f) { ok = false; break; }
          if (alt[j].toned && field.e[i + j] !== alt[j].e) exact = false;
        }
        if (ok) hits.push([i, n, exact, k]);
      }
    });
    return hits;
  }
  /* A field's weight for a term: more when a word typed with its tone marks matched with the same marks. */
  function weigh(hits, weight) {
    if (!hits.length) return 0;
    return weight * (hits.some(function (h) { return h[2]; }) ? WEIGHT.exact : 1 / WEIGHT.exact);
  }
  /* How many consecutive terms of the query stand next to each other in the field (a phrase). */
  function adjacent(hitsByTerm) {
    var pairs = 0;
    for (var k = 0; k + 1 < hitsByTerm.length; k++) {
      var next = hitsByTerm[k + 1];
      if (hitsByTerm[k].some(function (h) { return next.some(function (n) { return n[0] === h[0] + h[1]; }); })) pairs += 1;
    }
    return pairs;
  }

  /* Score of a page: each term counts where it weighs most (title, a heading, a text), the title in proportion
     to the share of terms it holds; phrases, a section holding every term, a title made of the query, and the
     kind of page (target, group, plan section) add to it. */
  function scoreDoc(doc, terms) {
    var titleHits = terms.map(function (t, k) { return find(doc.title, t, k); });
    var inTitle = titleHits.filter(function (h) { return h.length; }).length;
    var best = titleHits.map(function (hits, k) {
      var share = inTitle / terms.length, score = weigh(hits, WEIGHT.title * share * share);
      if (doc.id && terms[k].some(function (alt) { return alt.length === 1 && alt[0].f === doc.id; })) score += WEIGHT.id;
      return score;
    });
    var top = null;
    doc.sections.forEach(function (s, index) {
      var headingHits = terms.map(function (t, k) { return find(s.heading, t, k); });
      var bodyHits = terms.map(function (t, k) { return find(s.body, t, k); });
      var matched = 0, score = 0;
      terms.forEach(function (t, k) {
        var here = Math.max(weigh(headingHits[k], WEIGHT.heading), weigh(bodyHits[k], WEIGHT.body));
        if (here > 0) matched += 1;
        score += Math.min(bodyHits[k].length, 5) * 0.05;
        best[k] = Math.max(best[k], here);
      });
      score += WEIGHT.phrase * (adjacent(headingHits) + adjacent(bodyHits));
      if (matched === terms.length && terms.length > 1) score += WEIGHT.together;
      if (matched && (!top || matched > top.matched || (matched === top.matched && score > top.score))) {
        top = { index: index, matched: matched, score: score, headingHits: headingHits, bodyHits: bodyHits };
      }
    });
    var matched = best.filter(function (b) { return b > 0; }).length;
    if (!matched) return null;
    var score = best.reduce(function (a, b) { return a + b; }, 0) + (top ? top.score : 0);
    score += WEIGHT.phrase * 1.5 * adjacent(titleHits);
    if (inTitle === terms.length && doc.title.f.length) {
      var covered = new Set();
      titleHits.forEach(function (hs) { hs.forEach(function (h) { for (var j = 0; j < h[1]; j++) covered.add(h[0] + j); }); });
      score += 10 + 20 * covered.size / doc.title.f.length;
    }
    score += doc.kind * 2 * inTitle / terms.length;
    return { doc: doc, matched: matched, score: score, titleHits: titleHits, top: top };
  }

  function search(engine, query) {
    var terms = parse(query, engine);
    if (!terms.length) return [];
    var found = [];
    engine.docs.forEach(function (doc) {
      var r = scoreDoc(doc, terms);
      if (r) found.push(r);
    });
    found.sort(function (a, b) {
      return b.matched - a.matched || b.score - a.score || b.doc.kind - a.doc.kind || (a.doc.url < b.doc.url ? -1 : 1);
    });
    var all = found.filter(function (r) { return r.matched === terms.length; });
    return (all.length ? all : found).map(function (r) { return describe(r, terms); });
  }

  /* A result: the page title and an excerpt of its best section, with only the matched words marked. */
  function describe(r, terms) {
    var doc = r.doc, url = doc.url, section = r.top ? doc.sections[r.top.index] : doc.sections[0];
    var titleHasAll = r.titleHits.every(function (h) { return h.length; });
    if (r.top && section.anchor && !titleHasAll) url += "#" + section.anchor;
    var bodyHits = r.top ? r.top.bodyHits : [];
    return { url: url, kind: doc.kind, id: doc.id, score: r.score,
             title: pieces(doc.title, flat(r.titleHits), 0, doc.title.w.length),
             heading: section && section.anchor ? pieces(section.heading, r.top ? flat(r.top.headingHits) : [], 0,
                                                         section.heading.w.length) : null,
             excerpt: section ? excerpt(section.body, flat(bodyHits)) : [] };
  }
  function flat(hitsByTerm) { return [].concat.apply([], hitsByTerm); }
  /* About 32 words of the section, placed to show as many of the query's terms as possible. */
  function excerpt(field, hits) {
    var size = 32, start = 0, most = -1;
    hits.forEach(function (h) {
      var from = Math.max(0, h[0] - 8), terms = new Set(), next = 0;
      hits.forEach(function (o) {
        if (o[0] < from || o[0] >= from + size) return;
        terms.add(o[3]);
        if (hits.some(function (n) { return n[3] === o[3] + 1 && n[0] === o[0] + o[1]; })) next += 1;
      });
      var value = terms.size + next / (next + 1);
      if (value > most || (value === most && from < start)) { most = value; start = from; }
    });
    return pieces(field, hits, start, Math.min(field.w.length, start + size));
  }
  /* [text, marked] pieces of the field's words start..end, marking the words that matched. */
  function pieces(field, hits, start, end) {
    if (!field.w.length) return [];
    var marked = new Set();
    hits.forEach(function (h) { for (var j = 0; j < h[1]; j++) marked.add(h[0] + j); });
    var out = [], from = start === 0 ? 0 : field.w[start][0], stop = end >= field.w.length ? field.text.length : field.w[end - 1][1];
    if (start > 0) out.push(["… ", false]);
    var at = from;
    for (var i = start; i < end; i++) {
      if (!marked.has(i)) continue;
      if (field.w[i][0] > at) out.push([field.text.slice(at, field.w[i][0]), false]);
      out.push([field.text.slice(field.w[i][0], field.w[i][1]), true]);
      at = field.w[i][1];
    }
    if (stop > at) out.push([field.text.slice(at, stop), false]);
    if (end < field.w.length) out.push([" …", false]);
    return out;
  }

  /* ---- the dialog ---- */
  function draw(list, results, root, labels) {
    list.textContent = "";
    results.slice(0, 20).forEach(function (r) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = root + r.url;
      a.className = "site-search__link";
      var title = document.createElement("span");
      title.className = "site-search__title";
      fill(title, r.title);
      a.appendChild(title);
      var kind = labels.kinds[r.kind];
      if (kind || r.heading) {
        var meta = document.createElement("span");
        meta.className = "site-search__meta";
        meta.textContent = kind + (kind && r.heading ? " — " : "");
        if (r.heading) fill(meta, r.heading);
        a.appendChild(meta);
      }
      if (r.excerpt.length) {
        var p = document.createElement("span");
        p.className = "site-search__excerpt";
        fill(p, r.excerpt);
        a.appendChild(p);
      }
      li.appendChild(a);
      list.appendChild(li);
    });
  }
  function fill(element, parts) {
    parts.forEach(function (part) {
      if (part[1]) {
        var mark = document.createElement("mark");
        mark.textContent = part[0];
        element.appendChild(mark);
      } else {
        element.appendChild(document.createTextNode(part[0]));
      }
    });
  }

  function start(box) {
    var input = box.querySelector("input[type=search]");
    var list = box.querySelector(".site-search__results");
    var status = box.querySelector(".site-search__status");
    var labels = JSON.parse(box.getAttribute("data-labels"));
    var root = box.getAttribute("data-root").replace(/\/?$/, "/");
    var engine = null, timer = 0;
    status.textContent = labels.loading;
    var ready = fetch(box.getAttribute("data-index")).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).then(function (index) {
      engine = prepare(index);
      api.engine = engine;
      run();
    }).catch(function () { status.textContent = labels.failed; });
    function run() {
      timer = 0;
      if (!engine) return;
      var query = input.value.trim();
      if (!query) { list.textContent = ""; list.removeAttribute("data-query"); status.textContent = labels.hint; return; }
      var results = search(engine, query);
      draw(list, results, root, labels);
      list.setAttribute("data-query", query);   // which query the list shows (tests wait for it)
      status.textContent = results.length ? labels.count.replace("#", results.length) : labels.none;
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 80); });
    input.addEventListener("keydown", function (event) {
      // a key pressed within the 80 ms after the last letter acts on the results of the whole query
      if ((event.key === "ArrowDown" || event.key === "Enter") && timer) { clearTimeout(timer); run(); }
      var first = list.querySelector("a");
      if (event.key === "ArrowDown" && first) { event.preventDefault(); first.focus(); }
      if (event.key === "Enter" && first) { event.preventDefault(); first.click(); }
    });
    list.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && at + 1 < links.length) { event.preventDefault(); links[at + 1].focus(); }
      if (event.key === "ArrowUp") { event.preventDefault(); (at > 0 ? links[at - 1] : input).focus(); }
    });
    list.addEventListener("click", function () {
      var dialog = box.querySelector("dialog");
      if (dialog.open) dialog.close();
    });
    api.ready = ready;
    return ready;
  }

  var api = { words: words, fold: fold, exactKey: exactKey, prepare: prepare, search: search, start: start };
  window.siteSearch = api;
  var box = document.querySelector("[data-site-search]");
  if (box) start(box);
})();
