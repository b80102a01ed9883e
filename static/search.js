/* Gazette search: loads search-index.json beside the site root and searches it in the page.
   Plain ES2017, no library, no requests but the index. Every word of the query must match the
   start of a word of an entry (case and accents aside); titles and names rank first. Data goes
   into the page as text nodes only. The query lives in the address (?q=), so results link. */
(() => {
  'use strict';

  const form = document.querySelector('form[data-index]');
  const input = form && form.querySelector('input[name="q"]');
  const results = document.getElementById('search-results');
  if (!form || !input || !results) return;

  const root = form.dataset.root || document.documentElement.dataset.root || '';
  const indexUrl = form.dataset.index || root + 'search-index.json';
  const LIMIT = 20;
  const baseTitle = document.title;

  // ---- words ----

  // Between words: spaces, ASCII punctuation, Latin-1 signs, general punctuation (dashes,
  // curly quotes, ellipsis) and CJK punctuation. Apostrophes stay inside words and are dropped:
  // "Russia's" is one word, "russias", that "russia" starts.
  const SEP = /[\s!-&(-/:-@[-`{-~\u00a1-\u00bf\u00d7\u00f7\u2010-\u2018\u201a-\u205e\u3000-\u303f]+/;
  const SEP_KEPT = new RegExp('(' + SEP.source + ')');
  const MARKS = /[\u0300-\u036f]/g;
  const APOSTROPHES = /['\u2019\u02bc]/g;
  const LETTERS = { 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'þ': 'th', 'ı': 'i' };
  const SPECIAL = /[ßæœøłđðþı]/g;

  const fold = (text) => text
    .toLowerCase()
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(APOSTROPHES, '')
    .replace(SPECIAL, (c) => LETTERS[c]);

  const words = (text) => fold(text || '').split(SEP).filter(Boolean);

  const unique = (list) => Array.from(new Set(list));

  // ---- the index ----

  // Each entry: its record, and its words in two fields: the main one (title, name, the
  // quoted words), then the rest (summary and topics, role, speaker).
  const prepare = (list, main, rest) => (Array.isArray(list) ? list : []).map((item, order) => ({
    item,
    order,
    fields: [unique(words(main(item))), unique(words(rest(item)))],
  }));

  let index = null;
  let failed = false;
  let speakerPaths = new Map();

  // A word's weight in a field: a whole word counts more than a prefix; the main field more
  // than the rest. 0 when no word of the entry starts with it.
  const weigh = (fields, word) => {
    for (let f = 0; f < fields.length; f++) {
      let prefix = false;
      for (const w of fields[f]) {
        if (w === word) return f === 0 ? 4 : 2;
        if (!prefix && w.startsWith(word)) prefix = true;
      }
      if (prefix) return f === 0 ? 3 : 1;
    }
    return 0;
  };

  const search = (entries, query) => {
    const found = [];
    for (const entry of entries) {
      let score = 0;
      let allMain = true;
      for (const word of query) {
        const weight = weigh(entry.fields, word);
        if (weight === 0) {
          score = -1;
          break;
        }
        if (weight < 3) allMain = false;
        score += weight;
      }
      if (score > 0) found.push({ entry, score: score + (allMain ? 10 : 0) });
    }
    found.sort((a, b) => b.score - a.score || a.entry.order - b.entry.order);
    return found.map((f) => f.entry.item);
  };

  // ---- the page ----

  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value !== undefined && value !== null) node.setAttribute(name, value);
    }
    for (const child of children) {
      if (child === undefined || child === null || child === false) continue;
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  };

  // A site-relative path from the index, made relative to this page. Anything else (a scheme,
  // a protocol-relative or absolute path) is refused.
  const href = (path) => {
    if (typeof path !== 'string' || /^[a-z][a-z0-9+.-]*:|^\/|^\\/i.test(path)) return null;
    return root + path;
  };

  const link = (path, ...children) => {
    const url = href(path);
    return url === null ? el('span', null, ...children) : el('a', { href: url }, ...children);
  };

  // The text with the words the query matches in <mark>, as nodes.
  const highlight = (text, query) => {
    const fragment = document.createDocumentFragment();
    String(text || '').split(SEP_KEPT).forEach((part, i) => {
      if (!part) return;
      const folded = i % 2 === 0 ? fold(part) : '';
      const hit = folded && query.some((word) => folded.startsWith(word));
      fragment.appendChild(hit ? el('mark', null, part) : document.createTextNode(part));
    });
    return fragment;
  };

  const lang = document.documentElement.lang || undefined;
  const humanDate = (iso) => {
    try {
      return new Date(iso + 'T00:00:00Z').toLocaleDateString(lang, {
        day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC',
      });
    } catch (e) {
      return iso;
    }
  };

  const plural = (n, one, many) => n + ' ' + (n === 1 ? one : many);

  const speakerItem = (s, query) => el('li', { class: 'search-speaker' },
    link(s.p, highlight(s.n, query)),
    s.r ? ' ' : null,
    s.r ? el('span', { class: 'role' }, highlight(s.r, query)) : null,
    ' ',
    el('span', { class: 'count' }, plural(Number(s.c) || 0, 'quote', 'quotes')));

  const quoteItem = (q, query) => {
    const by = q.s ? speakerPaths.get(q.s) : undefined;
    return el('li', { class: 'search-quote' },
      el('blockquote', null, el('p', null, link(q.p, '“', highlight(q.t, query), '”'))),
      el('p', { class: 'meta' },
        q.s ? '— ' : null,
        q.s ? (by ? link(by, highlight(q.s, query)) : el('span', null, highlight(q.s, query))) : null,
        q.s ? ', in ' : 'In ',
        el('cite', null, link(String(q.p || '').split('#')[0], q.a || ''))));
  };

  const articleItem = (a, query) => el('li', { class: 'search-article' },
    el('h3', null, link(a.p, highlight(a.t, query))),
    a.d || (a.k && a.k.length)
      ? el('p', { class: 'meta' },
        a.d ? el('time', { datetime: a.d }, humanDate(a.d)) : null,
        a.d && a.k && a.k.length ? ' · ' : null,
        a.k && a.k.length ? highlight(a.k.join(', '), query) : null)
      : null,
    a.s ? el('p', { class: 'summary' }, highlight(a.s, query)) : null);

  const GROUPS = [
    { key: 's', title: 'Speakers', item: speakerItem },
    { key: 'q', title: 'Quotes', item: quoteItem },
    { key: 'a', title: 'Articles', item: articleItem },
  ];

  const show = (...nodes) => {
    results.setAttribute('aria-busy', 'true');
    results.textContent = '';
    for (const node of nodes) results.appendChild(node);
    results.setAttribute('aria-busy', 'false');
  };

  const status = (...children) => el('p', { class: 'search-status' }, ...children);

  const fallback = () => status(
    'The search index could not be loaded. ',
    window.location.protocol === 'file:'
      ? 'Browsers refuse it to pages opened from the file system: serve the site’s folder (for example with python3 -m http.server) to search it. Meanwhile, browse '
      : 'Browse ',
    link('articles/', 'all articles'), ', ',
    link('speakers/', 'the speakers'), ' or ',
    link('topics/', 'the topics'), ' instead.');

  const render = (text) => {
    const raw = text.trim();
    document.title = raw ? '“' + raw + '” · ' + baseTitle : baseTitle;
    if (!raw) {
      show();
      return;
    }
    if (failed) {
      show(fallback());
      return;
    }
    if (!index) {
      show(status('Loading the search index…'));
      return;
    }
    const query = unique(words(raw)).slice(0, 12);
    const sections = [];
    let total = 0;
    for (const group of GROUPS) {
      const found = query.length ? search(index[group.key], query) : [];
      if (!found.length) continue;
      total += found.length;
      const id = 'results-' + group.title.toLowerCase();
      const list = el('ol', { class: 'search-list' });
      for (const item of found.slice(0, LIMIT)) list.appendChild(group.item(item, query));
      sections.push(el('section', { class: 'search-group', 'aria-labelledby': id },
        el('h2', { id, class: 'section-title' }, group.title + ' ', el('span', { class: 'count' }, String(found.length))),
        list,
        found.length > LIMIT
          ? el('p', { class: 'search-more' }, 'Showing the first ' + LIMIT + ' of ' + found.length + '. Add a word to narrow the search.')
          : null));
    }
    if (!total) {
      show(status('No results for “' + raw + '”.'));
      return;
    }
    show(status(plural(total, 'result', 'results') + ' for “' + raw + '”.'), ...sections);
  };

  const remember = (text) => {
    try {
      const url = new URL(window.location.href);
      if (text.trim()) url.searchParams.set('q', text.trim());
      else url.searchParams.delete('q');
      if (url.href !== window.location.href) window.history.replaceState(null, '', url.href);
    } catch (e) {
      // Some file:// pages refuse history changes; the results still show.
    }
  };

  let timer = 0;
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      remember(input.value);
      render(input.value);
    }, 150);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    window.clearTimeout(timer);
    remember(input.value);
    render(input.value);
  });

  const initial = new URLSearchParams(window.location.search).get('q') || '';
  if (initial) input.value = initial;
  render(input.value);

  fetch(indexUrl, { credentials: 'same-origin' })
    .then((response) => {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.json();
    })
    .then((data) => {
      const speakers = (data && data.s) || [];
      speakerPaths = new Map(speakers.map((s) => [s.n, s.p]));
      index = {
        s: prepare(speakers, (s) => s.n, (s) => s.r),
        q: prepare(data && data.q, (q) => q.t, (q) => q.s),
        a: prepare(data && data.a, (a) => a.t, (a) => [a.s].concat(a.k || []).join(' ')),
      };
    })
    .catch(() => {
      failed = true;
    })
    .then(() => render(input.value));
})();
