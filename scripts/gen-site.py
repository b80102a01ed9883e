#!/usr/bin/env python3
"""Generates an N-article Gazette site from ../shared/corpus (BBC News and Wikinews), as Markdown
with TOML front matter, for benchmarks. Past the corpus size articles repeat with numbered titles.
With --hugo DIR it also writes the same articles as a Hugo site with a minimal theme.
Usage: scripts/gen-site.py N OUT [--shared ../shared] [--hugo HUGO_DIR]"""
import argparse, csv, datetime, os, re

ap = argparse.ArgumentParser()
ap.add_argument("n", type=int)
ap.add_argument("out")
ap.add_argument("--shared", default=os.environ.get("GAZETTE_SHARED", "../shared"))
ap.add_argument("--hugo")
args = ap.parse_args()

def corpus(name):
    folder = os.path.join(args.shared, "corpus", name)
    with open(os.path.join(folder, "metadata.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    out = []
    for row in rows:
        with open(os.path.join(folder, row["id"] + ".txt"), encoding="utf-8") as f:
            lines = f.read().split("\n")
        title, body = lines[0].strip(), "\n".join(lines[1:]).strip()
        out.append((title or row["title"], body, row.get("category") or "World", row.get("url") or ""))
    return out

articles = corpus("bbc-news") + corpus("wikinews-2019-2020")
start = datetime.datetime(2004, 1, 1, 8, 0)

def toml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")[:80] or "article"

def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)

root = args.out
write(os.path.join(root, "site.toml"),
      'title = "Benchmark digest"\nbase_url = "https://example.org/bench/"\narticles_per_page = 50\n')
items = []
for i in range(args.n):
    title, body, topic, url = articles[i % len(articles)]
    round_ = i // len(articles)
    if round_:
        title = f"{title} ({round_ + 1})"
    date = start + datetime.timedelta(hours=3 * i)
    name = f"{i:06d}-{slug(title)[:60]}"
    items.append((name, title, body, topic.title(), url, date))
    front = [f"title = {toml_str(title)}", f"date = {date.strftime('%Y-%m-%dT%H:%M:%SZ')}",
             f"topics = [{toml_str(topic.title())}]"]
    if url:
        front.append(f"\n[source]\nname = \"Wikinews\"\nurl = {toml_str(url)}")
    write(os.path.join(root, "content", "articles", name[:3], name + ".md"),
          "+++\n" + "\n".join(front) + "\n+++\n\n" + body + "\n")

# A few registry entries and one digest a month, so every feature is on.
for slug_, name, aliases in [("tony-blair", "Tony Blair", ["Mr Blair", "Blair"]),
                             ("gordon-brown", "Gordon Brown", ["Mr Brown"]),
                             ("michael-howard", "Michael Howard", ["Mr Howard"]),
                             ("donald-trump", "Donald Trump", ["Trump", "President Trump"])]:
    write(os.path.join(root, "content", "speakers", slug_ + ".md"),
          f"+++\nname = {toml_str(name)}\naliases = [{', '.join(toml_str(a) for a in aliases)}]\nrole = \"Politician\"\n+++\n\nA registry entry.\n")
months = sorted({d.strftime("%Y-%m") for *_, d in items})
for month in months[:120]:
    y, m = map(int, month.split("-"))
    first = datetime.date(y, m, 1)
    last = (first.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(days=1)
    write(os.path.join(root, "content", "digests", month + ".md"),
          f"+++\ntitle = \"The month in review: {month}\"\ndate = {last.isoformat()}\n\n[select]\nfrom = {first.isoformat()}\nto = {last.isoformat()}\nlimit = 12\n+++\n\nThe editor's notes for {month}.\n")

if args.hugo:
    h = args.hugo
    write(os.path.join(h, "hugo.toml"),
          'baseURL = "https://example.org/bench/"\ntitle = "Benchmark digest"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n# Hugo before 0.128 reads paginate; later ones [pagination].\npaginate = 50\n[pagination]\npagerSize = 50\n')
    write(os.path.join(h, "layouts", "_default", "baseof.html"),
          '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>\n')
    write(os.path.join(h, "layouts", "_default", "single.html"),
          '{{ define "main" }}<article><h1>{{ .Title }}</h1><time>{{ .Date.Format "2006-01-02" }}</time>{{ .Content }}</article>{{ end }}\n')
    write(os.path.join(h, "layouts", "_default", "list.html"),
          '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range (.Paginate .Pages).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>{{ end }}</ul>{{ end }}\n')
    write(os.path.join(h, "layouts", "index.html"),
          '{{ define "main" }}<h1>{{ .Site.Title }}</h1><ul>{{ range first 50 (where .Site.RegularPages "Section" "articles") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n')
    for name, title, body, topic, url, date in items:
        write(os.path.join(h, "content", "articles", name[:3], name + ".md"),
              f"+++\ntitle = {toml_str(title)}\ndate = {date.strftime('%Y-%m-%dT%H:%M:%SZ')}\n+++\n\n{body}\n")
print(f"{args.n} articles in {root}" + (f" (and a Hugo site in {args.hugo})" if args.hugo else ""))
