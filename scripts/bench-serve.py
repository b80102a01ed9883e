#!/usr/bin/env python3
"""Edit-to-output latency of `gazette watch` on an N-article site (default 10,000) made from
../shared/corpus, on tmpfs; and of `hugo server --renderToDisk` on the same articles when Hugo
is installed.

For each edit the clock starts just before the file is written and stops when the changed
output file holds the new words (polled every millisecond), so the figure covers the watcher's
debounce, the rebuild and the write. Gazette's own "Rebuilt in N ms" lines are reported too.

Usage: scripts/bench-serve.py [--articles 10000] [--edits 21] [--shared ../shared]
Targets (issue 5): article body edit ≤ 50 ms median; speaker registry edit ≤ 200 ms median."""
import argparse, os, re, shutil, signal, statistics, subprocess, sys, tempfile, threading, time

ap = argparse.ArgumentParser()
ap.add_argument("--articles", type=int, default=10000)
ap.add_argument("--edits", type=int, default=21)
ap.add_argument("--shared", default=os.environ.get("GAZETTE_SHARED", "../shared"))
ap.add_argument("--gazette", default="target/release/gazette")
args = ap.parse_args()

here = os.path.dirname(os.path.abspath(__file__))
base = tempfile.mkdtemp(prefix="gazette-serve-bench-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
site, hugo_site = os.path.join(base, "site"), os.path.join(base, "hugo")
try:
    subprocess.run([sys.executable, os.path.join(here, "gen-site.py"), str(args.articles), site,
                    "--shared", args.shared, "--hugo", hugo_site], check=True)

    def wait_for(path, needle, timeout=30.0):
        """Polls until the file at path contains needle; returns the time it did."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            try:
                with open(path, encoding="utf-8", errors="replace") as f:
                    if needle in f.read():
                        return time.perf_counter()
            except OSError:
                pass
            time.sleep(0.001)
        raise SystemExit(f"timed out waiting for {needle!r} in {path}")

    def articles_of(root):
        found = []
        for dirpath, _, names in os.walk(os.path.join(root, "content", "articles")):
            found += [os.path.join(dirpath, n) for n in names if n.endswith(".md")]
        return sorted(found)

    def edit_body(path, marker):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        # A sentence in the middle of the body: prose, not a quotation.
        paragraphs = text.split("\n\n")
        middle = max(2, len(paragraphs) // 2)
        paragraphs.insert(middle, f"An editor's sentence, {marker}.")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n\n".join(paragraphs))

    def report(name, samples, target=None):
        samples_ms = [s * 1000 for s in samples]
        med = statistics.median(samples_ms)
        verdict = "" if target is None else (f" (target {target} ms: {'met' if med <= target else 'NOT met'})")
        print(f"{name}: median {med:.1f} ms, min {min(samples_ms):.1f}, max {max(samples_ms):.1f} over {len(samples_ms)} edits{verdict}")
        return med

    # ---- Gazette ----
    public = os.path.join(base, "public")
    proc = subprocess.Popen([args.gazette, "watch", "--root", site, "--output", public],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines, rebuilt = [], []
    ready = threading.Event()

    def reader():
        for line in proc.stdout:
            lines.append(line.rstrip())
            if line.startswith("Watching"):
                ready.set()
            m = re.match(r"Rebuilt in (\d+) ms", line)
            if m:
                rebuilt.append(int(m.group(1)))
    threading.Thread(target=reader, daemon=True).start()
    started = time.perf_counter()
    if not ready.wait(600):
        proc.kill()
        raise SystemExit("gazette watch did not start:\n" + "\n".join(lines[-20:]))
    print(f"gazette watch: first build of {args.articles} articles in {time.perf_counter() - started:.2f} s")
    files = articles_of(site)
    body, body_rebuild = [], []
    for i in range(args.edits):
        path = files[(i * 7919) % len(files)]
        slug = os.path.splitext(os.path.basename(path))[0]
        marker = f"gazette-edit-{i}-{time.time_ns()}"
        count = len(rebuilt)
        t0 = time.perf_counter()
        edit_body(path, marker)
        t1 = wait_for(os.path.join(public, "articles", slug, "index.html"), marker)
        body.append(t1 - t0)
        while len(rebuilt) == count and time.perf_counter() < t1 + 2:
            time.sleep(0.001)
        body_rebuild.extend(rebuilt[count:count + 1])
        time.sleep(0.05)
    speaker_file = os.path.join(site, "content", "speakers", "tony-blair.md")
    speaker_page = os.path.join(public, "speakers", "tony-blair", "index.html")
    speaker, speaker_rebuild = [], []
    for i in range(args.edits):
        with open(speaker_file, encoding="utf-8") as f:
            text = f.read()
        marker = f"Prime Minister {i}-{time.time_ns() % 100000}"
        text = re.sub(r'role = "[^"]*"', f'role = "{marker}"', text)
        count = len(rebuilt)
        t0 = time.perf_counter()
        with open(speaker_file, "w", encoding="utf-8") as f:
            f.write(text)
        t1 = wait_for(speaker_page, marker)
        # The rebuild is done when its line is printed (every article quoting him is rewritten).
        while len(rebuilt) == count and time.perf_counter() < t1 + 5:
            time.sleep(0.001)
        speaker.append(time.perf_counter() - t0 if rebuilt[count:] else t1 - t0)
        speaker_rebuild.extend(rebuilt[count:count + 1])
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    proc.wait(10)
    print(f"\nGazette, {args.articles} articles, output on tmpfs:")
    report("  article body edit → page written (end to end)", body, 50)
    print(f"  article body edit → 'Rebuilt in' (rebuild only): median {statistics.median(body_rebuild):.0f} ms")
    report("  speaker registry edit → whole rebuild done (end to end)", speaker, 200)
    print(f"  speaker registry edit → 'Rebuilt in' (rebuild only): median {statistics.median(speaker_rebuild):.0f} ms")

    # ---- Hugo ----
    hugo = shutil.which("hugo")
    if not hugo:
        print("\nHugo: not installed (apt-get install hugo), skipped")
    else:
        hugo_public = os.path.join(base, "hugo-public")
        hproc = subprocess.Popen([hugo, "server", "--source", hugo_site, "--renderToDisk", "--destination", hugo_public,
                                  "--port", "1319", "--disableLiveReload", "--watch"],
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        hready = threading.Event()
        hlines = []

        def hreader():
            for line in hproc.stdout:
                hlines.append(line.rstrip())
                if "Web Server is available" in line:
                    hready.set()
        threading.Thread(target=hreader, daemon=True).start()
        started = time.perf_counter()
        if not hready.wait(900):
            hproc.kill()
            raise SystemExit("hugo server did not start:\n" + "\n".join(hlines[-20:]))
        print(f"\nhugo server: first build in {time.perf_counter() - started:.2f} s")
        hfiles = articles_of(hugo_site)
        hbody = []
        for i in range(args.edits):
            path = hfiles[(i * 7919) % len(hfiles)]
            rel = os.path.relpath(os.path.splitext(path)[0], os.path.join(hugo_site, "content"))
            marker = f"hugo-edit-{i}-{time.time_ns()}"
            t0 = time.perf_counter()
            edit_body(path, marker)
            t1 = wait_for(os.path.join(hugo_public, rel.lower(), "index.html"), marker)
            hbody.append(t1 - t0)
            time.sleep(0.3)
        hproc.terminate()
        hproc.wait(10)
        print(f"Hugo {subprocess.run([hugo, 'version'], capture_output=True, text=True).stdout.split()[1]}, same articles, minimal theme:")
        report("  article body edit → page written (end to end)", hbody)
finally:
    shutil.rmtree(base, ignore_errors=True)
