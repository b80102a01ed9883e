//! `gazette serve` and `gazette watch` as a user runs them: a real process on a fixture site,
//! files edited on disk, the output and the HTTP answers checked.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use common::SiteCopy;

/// A running gazette process, killed when dropped; its stdout lines arrive on a channel.
struct Running {
    child: Child,
    lines: Receiver<String>,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Running {
    fn start(args: &[&str], root: &Path) -> Running {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gazette"))
            .args(args)
            .arg("--root")
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("gazette starts");
        let (sender, lines) = channel();
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let sender = sender.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    let _ = sender.send(line);
                }
            });
        }
        Running { child, lines }
    }

    /// Waits for a line containing `text`; returns it, or fails with what was printed.
    fn expect_line(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut seen = Vec::new();
        while Instant::now() < deadline {
            if let Ok(line) = self.lines.recv_timeout(Duration::from_millis(100)) {
                if line.contains(text) {
                    return line;
                }
                seen.push(line);
            }
        }
        panic!("no line with {text:?}; printed:\n{}", seen.join("\n"));
    }
}

struct Answer {
    status: u16,
    head: String,
    body: String,
}

/// A raw HTTP/1.1 GET, so that paths like `/../x` reach the server as written.
fn get(address: &str, path: &str) -> Answer {
    let mut stream = TcpStream::connect(address).expect("the server accepts connections");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Answer {
        status,
        head: head.to_ascii_lowercase(),
        body: body.to_string(),
    }
}

fn serve(site: &SiteCopy) -> (Running, String) {
    let out = site.out();
    let running = Running::start(
        &["serve", "--port", "0", "--output", out.to_str().unwrap()],
        &site.root,
    );
    let line = running.expect_line("Serving the site at http://");
    let address = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .expect("an address")
        .to_string();
    (running, address)
}

/// Polls until `check` holds, for up to ten seconds.
fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if check() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("timed out waiting for {what}");
}

#[test]
fn serves_pages_with_types_and_the_404_page() {
    let site = SiteCopy::new("basic");
    let (_server, address) = serve(&site);
    let home = get(&address, "/");
    assert_eq!(home.status, 200);
    assert!(home.head.contains("content-type: text/html; charset=utf-8"));
    assert!(
        home.body
            .contains("<script src=\"/__gazette/livereload.js\"></script></body>"),
        "the reload script is put into HTML answers"
    );
    let css = get(&address, "/style.css");
    assert_eq!(css.status, 200);
    assert!(css.head.contains("content-type: text/css"));
    let json = get(&address, "/quotes.json");
    assert!(json.head.contains("content-type: application/json"));
    let feed = get(&address, "/atom.xml");
    assert_eq!(feed.status, 200);
    let missing = get(&address, "/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("Page not found"),
        "the site's 404 page"
    );
    let folder = get(&address, "/articles");
    assert_eq!(folder.status, 301);
    assert!(folder.head.contains("location: /articles/"));
    let script = get(&address, "/__gazette/livereload.js");
    assert!(script.body.contains("EventSource"));
    // The script is the server's: the built files never hold it.
    let written = common::read(&site.out().join("index.html"));
    assert!(
        !written.contains("livereload"),
        "the output has no reload script"
    );
}

#[test]
fn refuses_paths_outside_the_output() {
    let site = SiteCopy::new("basic");
    std::fs::write(site.tmp.path().join("secret.txt"), "secret").unwrap();
    let (_server, address) = serve(&site);
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/articles/../../secret.txt",
        "/..%5csecret.txt",
    ] {
        let answer = get(&address, path);
        assert_eq!(answer.status, 403, "{path}");
        assert!(!answer.body.contains("secret"), "{path} leaked the file");
    }
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(
            site.tmp.path().join("secret.txt"),
            site.out().join("link.txt"),
        )
        .unwrap();
        let answer = get(&address, "/link.txt");
        assert_eq!(answer.status, 403, "a symlink out of the output");
    }
}

#[test]
fn binds_loopback_by_default() {
    let site = SiteCopy::new("basic");
    let (_server, address) = serve(&site);
    assert!(address.starts_with("127.0.0.1:"), "{address}");
}

#[test]
fn an_edit_reloads_open_tabs_and_a_bad_save_shows_its_error() {
    let site = SiteCopy::new("basic");
    let (server, address) = serve(&site);
    // An open tab: the event stream.
    let mut tab = TcpStream::connect(&address).unwrap();
    tab.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
    write!(
        tab,
        "GET /__gazette/events HTTP/1.1\r\nHost: {address}\r\n\r\n"
    )
    .unwrap();
    let mut tab = BufReader::new(tab);
    let mut line = String::new();
    while !line.starts_with("retry:") {
        line.clear();
        tab.read_line(&mut line).unwrap();
    }

    let article = site.path("content/articles/nato-talks.md");
    let text = common::read(&article);
    std::fs::write(
        &article,
        format!("{text}\nA sentence added while serving.\n"),
    )
    .unwrap();
    server.expect_line("Rebuilt in");
    loop {
        line.clear();
        tab.read_line(&mut line)
            .expect("the tab hears of the rebuild");
        if line.trim() == "event: reload" {
            break;
        }
    }
    let page = get(&address, "/articles/nato-talks/");
    assert!(page.body.contains("A sentence added while serving."));

    // A bad save: the error in the terminal with its place, over the page in the browser.
    std::fs::write(&article, "+++\ntitle = \n+++\n").unwrap();
    let error = server.expect_line("content/articles/nato-talks.md:2:");
    assert!(error.starts_with("error:"), "{error}");
    server.expect_line("the last good site is still served");
    let page = get(&address, "/articles/nato-talks/");
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("A sentence added while serving."),
        "the last good page"
    );
    assert!(
        page.body.contains("id=\"gazette-error\""),
        "the error over it"
    );
    assert!(page.body.contains("content/articles/nato-talks.md:2:"));
    // The next good save recovers.
    std::fs::write(&article, format!("{text}\nFixed.\n")).unwrap();
    server.expect_line("Rebuilt in");
    let page = get(&address, "/articles/nato-talks/");
    assert!(page.body.contains("Fixed."));
    assert!(!page.body.contains("gazette-error"));
}

#[test]
fn watch_rebuilds_the_output_on_every_change() {
    let site = SiteCopy::new("basic");
    let out = site.out();
    let watcher = Running::start(&["watch", "--output", out.to_str().unwrap()], &site.root);
    watcher.expect_line("Watching");
    let page = out.join("articles/added/index.html");
    // A new article, written the way editors save: a temp file renamed over the target.
    let temp = site.path("content/articles/.added.md.swp");
    std::fs::write(
        &temp,
        "+++\ntitle = \"Added\"\ndate = 2024-05-01\n+++\n\n“We are here,” said Jane Smith.\n",
    )
    .unwrap();
    std::fs::rename(&temp, site.path("content/articles/added.md")).unwrap();
    eventually("the new article's page", || page.is_file());
    eventually("the speaker page", || {
        out.join("speakers/jane-smith/index.html").is_file()
    });
    // Editor leftovers are ignored: nothing is built from them.
    std::fs::write(site.path("content/articles/4913"), "").unwrap();
    std::fs::write(site.path("content/articles/added.md~"), "backup").unwrap();
    // A removed article disappears everywhere it showed.
    std::fs::remove_file(site.path("content/articles/added.md")).unwrap();
    eventually("the page removed", || !page.exists());
    eventually("the speaker page removed", || {
        !out.join("speakers/jane-smith/index.html").exists()
    });
    let quotes = common::read(&out.join("quotes.json"));
    assert!(!quotes.contains("We are here"), "gone from the data too");
    let search = common::read(&out.join("search-index.json"));
    assert!(!search.contains("Added"), "and from the search index");
    // A new folder of articles is watched too.
    let folder = site.path("content/articles/2024");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("nested.md"),
        "+++\ntitle = \"Nested\"\ndate = 2024-05-02\n+++\n\nBody.\n",
    )
    .unwrap();
    eventually("the nested article", || {
        out.join("articles/nested/index.html").is_file()
    });
    // And site.toml.
    let config = common::read(&site.path("site.toml"));
    std::fs::write(
        site.path("site.toml"),
        config.replace("title = \"", "title = \"Renamed "),
    )
    .unwrap();
    eventually("the new title", || {
        common::read(&out.join("index.html")).contains("Renamed ")
    });
}

#[test]
fn serve_and_watch_refuse_a_folder_of_other_files_with_status_2_and_watch_force_replaces_it() {
    let site = SiteCopy::new("basic");
    let other = site.tmp.path().join("documents");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("thesis.txt"), "years of work").unwrap();
    let other_arg = other.to_str().unwrap();
    for command in [
        &["watch", "--output", other_arg][..],
        &["serve", "--port", "0", "--output", other_arg][..],
    ] {
        let run = assert_cmd::Command::new(env!("CARGO_BIN_EXE_gazette"))
            .args(command)
            .arg("--root")
            .arg(&site.root)
            .timeout(Duration::from_secs(60))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{command:?}: {stderr}");
        assert!(stderr.contains("--force"), "{stderr}");
        assert_eq!(common::read(&other.join("thesis.txt")), "years of work");
        assert_eq!(std::fs::read_dir(&other).unwrap().count(), 1);
    }
    let watcher = Running::start(&["watch", "--force", "--output", other_arg], &site.root);
    watcher.expect_line("Watching");
    assert!(other.join("index.html").is_file());
    assert!(!other.join("thesis.txt").exists());
}
