#!/usr/bin/env python3
"""Import a fixed selection of English Wikinews articles as Gazette Markdown pages.

Usage: python3 scripts/import-wikinews.py CORPUS_DIR OUT_DIR [--count 40]

CORPUS_DIR is the plain-text Wikinews 2019-2020 corpus (NNN.txt files plus
metadata.csv; see its SOURCE.md). The default site ships these articles as demo
content because they are real, quote-rich news under a permissive licence
(CC BY 2.5), so every page carries a credit line and a source URL.

Selection is deterministic (no randomness), so re-running gives the same files:
  * skip interviews (any paragraph starting with "((") and files over 12,000 bytes;
  * skip photo galleries and flattened map/table legends (3+ short fragment
    paragraphs such as "Xbox booth" or "██ On ballot"): they do not read as prose;
  * keep articles with at least 4 pairs of straight double quotes;
  * split --count between 2019 and 2020 (half each, the odd one to 2019), and from
    each year's candidates, sorted by id, take evenly spaced ones.

Bodies keep the source text word for word. Paragraphs are separated by blank
lines; line breaks inside a paragraph become spaces; photo credits and captions
("Image: Nicholas Moreau.", "Trafalgar Square. Image: Mirrys.") are dropped;
characters Markdown would misread are backslash-escaped. Orphaned pull-quote
attributions ("—Troy Roberts") are kept, as is everything else. Topics come from
a keyword rule over title + first paragraph.
A credits list is printed and written to CREDITS.md at the repository root.
"""
import argparse
import csv
import re
import unicodedata
from pathlib import Path

MAX_BYTES = 12_000
MIN_QUOTE_PAIRS = 4
CREDIT = "Wikinews, CC BY 2.5"
CREDITS_FILE = Path(__file__).resolve().parent.parent / "CREDITS.md"
CREDITS_HEADER = (
    "Articles in content/articles/wikinews/ are from English Wikinews "
    "(https://en.wikinews.org), CC BY 2.5 "
    "(https://creativecommons.org/licenses/by/2.5/), reformatted as Markdown "
    "by `scripts/import-wikinews.py`."
)

# Topic -> keyword regex (matched case-insensitively on whole words/prefixes
# against title + first paragraph). An article gets its (up to) three topics
# with the most keyword hits, ties broken by this order; "World" if none match.
TOPICS = {
    "Elections": r"elect\w*|vote[sd]?|voting|voters?|ballots?|polls?|referendum|candidates?|primar(?:y|ies)|presidential (?:campaign|bid|race)|president-elect",
    "Politics": r"president\w*|prime minister|government|parliament\w*|congress\w*|senat\w*|minister\w*|polic(?:y|ies)|political|politicians?|party|parties|impeach\w*|brexit|legislat\w*|mayor|protest\w*|democra\w*",
    "Crime and law": r"court|judge|trial|guilty|sentenc\w*|convict\w*|arrest\w*|police|murder\w*|shooting|charged?|lawsuit|prison|jail\w*|crimes?|criminal|suspects?|lawyers?|investigat\w*|fraud",
    "Disasters": r"earthquakes?|floods?|flooding|fires?|wildfires?|bushfires?|hurricanes?|cyclones?|typhoons?|storms?|tornado\w*|crash\w*|collaps\w*|explosions?|disasters?|tsunami|volcan\w*|eruption|derail\w*|sank|sinking",
    "Health": r"health|hospital\w*|disease\w*|virus\w*|coronavirus|covid\w*|pandemic|epidemic|outbreak|vaccin\w*|medical|doctors?|patients?|cancer|ebola|measles|infect\w*",
    "Science": r"scien\w*(?! fiction)|research\w*|study|studies|species|space|nasa|astronom\w*|spacecraft|satellites?|telescope|fossils?|physic\w*|biolog\w*|genetic\w*|journal|discover\w*|asteroid|planets?|moon",
    "Sport": r"sports?|football|soccer|cricket|rugby|tennis|golf|olympic\w*|world cup|league|championships?|tournament|athletes?|coach|racing|marathon|fifa|tries",
    "Business": r"business\w*|compan(?:y|ies)|econom\w*|market\w*|shares?|stocks?|bank\w*|trade|tariffs?|firm|industry|jobs|workers|corporat\w*|billion|profits?|ceo|airline\w*|boeing",
    "Environment": r"climate|environment\w*|emissions?|pollut\w*|wildlife|conservation|carbon|plastic|animals?|forests?|oceans?|extinct\w*|greenhouse|coral",
    "Conflict": r"war|military|army|troops|soldiers?|attacks?|bomb\w*|terror\w*|militants?|missiles?|airstrikes?|rebels?|insurgent\w*|armed|ceasefire|conflict",
    "Europe": r"europe\w*|eu|uk|united kingdom|britain|british|england|scotland|(?<!south )wales|welsh|ireland|france|french|paris|germany|german|berlin|italy|italian|spain|spanish|poland|polish|russia\w*|moscow|ukrain\w*|netherlands|dutch|belgi\w*|sweden|swedish|norway|greece|greek|portugal|austria|switzerland|swiss|london|hungar\w*|czech|serbia\w*|croatia\w*|romania\w*|bulgaria\w*|finland|denmark|danish",
    "United States": r"(?-i:US|USA)|united states|u\.s\.|american?s?|washington|white house|trump|biden|california|texas|florida|new york|chicago|ohio|pennsylvania|michigan|arizona|georgia|iowa|nevada|colorado|virginia|carolina|democrats?|republicans?",
    "Asia": r"asia\w*|china|chinese|beijing|hong kong|taiwan\w*|japan\w*|tokyo|korea\w*|india\w*|pakistan\w*|bangladesh\w*|indonesia\w*|philippine\w*|thai\w*|vietnam\w*|malaysia\w*|singapore|myanmar|afghan\w*|iran\w*|iraq\w*|syria\w*|israel\w*|saudi|turkey|turkish|sri lanka\w*|nepal\w*|yemen\w*|lebanon|kazakh\w*",
    "Africa": r"africa\w*|nigeria\w*|kenya\w*|ethiopia\w*|egypt\w*|sudan\w*|somalia\w*|congo\w*|ghana\w*|uganda\w*|tanzania\w*|zimbabwe\w*|mozambique|libya\w*|algeria\w*|morocc\w*|tunisia\w*|mali|niger|cameroon|rwanda\w*|malawi\w*|zambia\w*|senegal\w*",
    "Australia": r"australia\w*|sydney|melbourne|brisbane|perth|adelaide|canberra|queensland|new south wales|victoria|tasmania\w*|sunshine coast|new zealand|auckland|wellington|christchurch",
    "Culture": r"film\w*|movies?|music\w*|musicians?|singer|songs?|albums?|art|artists?|museum\w*|books?|novels|novelists?|authors?|festival\w*|theatre|theater|actor|actress|award\w*|television|tv|celebrit\w*|comic\w*|convention|cosplay\w*|fans",
}
TOPIC_RES = {t: re.compile(rf"(?<!\w)(?:{kw})(?!\w)", re.IGNORECASE) for t, kw in TOPICS.items()}

CAPTION = re.compile(r"^(Image|Photo|File)s?:")
# "Trafalgar Square. Image: Mirrys." - a gallery caption ending in its photo credit.
CREDITED_CAPTION = re.compile(r"Image:\s*[^:]{1,60}$")
# Short line with no closing punctuation: an uncredited gallery caption ("Xbox booth")
# or a flattened map/table legend ("██ On ballot"). Orphaned "—Name" pull-quote
# attributions also look like this but are kept and not counted.
FRAGMENT = re.compile(r"^(?![—–]).{1,79}(?<![.?!:;\"”’)])$")
INLINE_SPECIALS = re.compile(r"([\\*_`<\[\]])")
BLOCK_START = re.compile(r"^(?:([#>+=-])|(\d+)([.)]) )")


def read_paragraphs(path):
    """Return (headline, paragraphs); inner line breaks are joined with a space."""
    lines = path.read_text(encoding="utf-8").split("\n")
    blocks = re.split(r"\n[ \t]*\n", "\n".join(lines[1:]))
    paras = [" ".join(l.strip() for l in b.split("\n") if l.strip()) for b in blocks]
    return lines[0].strip(), [p for p in paras if p]


def is_caption(para):
    return bool(CAPTION.match(para) or (len(para) <= 300 and CREDITED_CAPTION.search(para)))


def is_candidate(path):
    if path.stat().st_size > MAX_BYTES:
        return False
    _, paras = read_paragraphs(path)
    if any(p.startswith("((") for p in paras):
        return False
    if sum(1 for p in paras if FRAGMENT.match(p) and not is_caption(p)) >= 3:
        return False  # photo gallery or flattened table: does not read as prose
    return path.read_text(encoding="utf-8").count('"') // 2 >= MIN_QUOTE_PAIRS


def evenly_spaced(items, k):
    """k items spread across the sorted list (first included), no randomness."""
    n = len(items)
    if k >= n:
        return list(items)
    return [items[i * n // k] for i in range(k)]


def md_escape(para):
    para = INLINE_SPECIALS.sub(r"\\\1", para)
    m = BLOCK_START.match(para)
    if m and m.group(1):
        para = "\\" + para
    elif m:  # "12. " / "3) " would start an ordered list
        para = m.group(2) + "\\" + para[len(m.group(2)):]
    return para


def toml_string(s):
    out = []
    for ch in s:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def slugify(title, max_len=80):
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    if len(slug) > max_len:
        cut = slug[: max_len + 1]  # keep a word that ends exactly at max_len
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:max_len]
    return slug or "article"


def topics_for(title, first_para):
    text = f"{title} {first_para}"
    hits = {t: len(r.findall(text)) for t, r in TOPIC_RES.items()}
    order = list(TOPICS)
    ranked = sorted((t for t in hits if hits[t]), key=lambda t: (-hits[t], order.index(t)))
    return ranked[:3] or ["World"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus_dir", type=Path)
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--count", type=int, default=40)
    args = ap.parse_args()

    with open(args.corpus_dir / "metadata.csv", newline="", encoding="utf-8") as f:
        rows = sorted(csv.DictReader(f), key=lambda r: r["id"])

    by_year = {"2019": [], "2020": []}
    for r in rows:
        if r["date"][:4] in by_year and is_candidate(args.corpus_dir / f"{r['id']}.txt"):
            by_year[r["date"][:4]].append(r)
    n2019 = (args.count + 1) // 2
    chosen = evenly_spaced(by_year["2019"], n2019) + evenly_spaced(by_year["2020"], args.count - n2019)

    args.out_dir.mkdir(parents=True, exist_ok=True)
    used, credits = set(), []
    for r in chosen:
        title = r["title"]
        url = r["url"].replace("org//wiki/", "org/wiki/")
        _, paras = read_paragraphs(args.corpus_dir / f"{r['id']}.txt")
        paras = [p for p in paras if not is_caption(p)]

        base = slug = slugify(title)
        i = 2
        while slug in used:
            slug, i = f"{base}-{i}", i + 1
        used.add(slug)

        topics = ", ".join(toml_string(t) for t in topics_for(title, paras[0]))
        front = (
            f"+++\ntitle = {toml_string(title)}\ndate = {r['date']}\n"
            f"topics = [{topics}]\ncredit = {toml_string(CREDIT)}\n\n"
            f"[source]\nname = \"Wikinews\"\nurl = {toml_string(url)}\n+++\n\n"
        )
        body = "\n\n".join(md_escape(p) for p in paras)
        (args.out_dir / f"{slug}.md").write_text(front + body + "\n", encoding="utf-8")
        credits.append(f"- [{md_escape(title)}]({url}) — {CREDIT}")

    listing = "\n".join(credits)
    print(listing)
    CREDITS_FILE.write_text(f"# Credits\n\n{CREDITS_HEADER}\n\n{listing}\n", encoding="utf-8")


if __name__ == "__main__":
    main()
