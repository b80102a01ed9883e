//! The preview server: files from the output folder (never outside it), the 404 page with
//! status 404, and live reload by server-sent events. The reload script, and the last build
//! error when there is one, are put into HTML responses here, never into the output.

use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use percent_encoding::percent_decode_str;
use tiny_http::{Header, Method, Request, Response, Server};

use crate::error::{Error, Result};

/// Where the server's own files live: a path no site uses.
const LIVE_PREFIX: &str = "/__gazette/";
const EVENTS_PATH: &str = "/__gazette/events";
const SCRIPT_PATH: &str = "/__gazette/livereload.js";
const WORKERS: usize = 8;
/// A comment line to an idle event stream, so that a closed tab is noticed and let go.
const KEEPALIVE: Duration = Duration::from_secs(15);

const LIVE_RELOAD_JS: &str = r#"// Gazette's live reload: served by `gazette serve`, never part of the built site.
(() => {
  const events = new EventSource("/__gazette/events");
  events.addEventListener("reload", () => location.reload());
  addEventListener("beforeunload", () => events.close());
})();
"#;

/// What the rebuild loop tells the server and the open tabs.
pub struct Live {
    pub output: PathBuf,
    /// The last build's error, shown over every page until a good build.
    error: Mutex<Option<String>>,
    tabs: Mutex<Vec<Sender<&'static str>>>,
}

impl Live {
    pub fn new(output: PathBuf) -> Live {
        Live {
            output,
            error: Mutex::new(None),
            tabs: Mutex::new(Vec::new()),
        }
    }

    fn error(&self) -> Option<String> {
        self.error.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// A good build: tabs reload when the output changed or an error is to be cleared.
    pub fn succeeded(&self, changed_output: bool) {
        let had_error = self
            .error
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .is_some();
        if changed_output || had_error {
            self.broadcast("reload");
        }
    }

    /// A failed build: tabs reload to show the error over the last good page.
    pub fn failed(&self, text: String) {
        *self.error.lock().unwrap_or_else(|e| e.into_inner()) = Some(text);
        self.broadcast("reload");
    }

    fn broadcast(&self, event: &'static str) {
        // A tab that has gone away drops its receiver: forget it.
        self.tabs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|tab| tab.send(event).is_ok());
    }

    fn subscribe(&self) -> Receiver<&'static str> {
        let (sender, receiver) = channel();
        self.tabs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(sender);
        receiver
    }
}

/// A bound server, not yet answering.
pub struct Listener {
    server: Arc<Server>,
}

/// Binds the address, or says why not (port taken, no permission).
pub fn bind(ip: IpAddr, port: u16) -> Result<Listener> {
    let address = SocketAddr::new(ip, port);
    let server = Server::http(address).map_err(|e| {
        let hint = if e.to_string().contains("in use") {
            format!("port {port} is taken: choose another with --port")
        } else {
            e.to_string()
        };
        Error::Usage(format!("cannot serve on {address}: {hint}"))
    })?;
    Ok(Listener {
        server: Arc::new(server),
    })
}

impl Listener {
    /// The address bound (with the port the system chose when asked for port 0).
    pub fn address(&self) -> SocketAddr {
        match self.server.server_addr() {
            tiny_http::ListenAddr::IP(address) => address,
            #[allow(unreachable_patterns)]
            _ => SocketAddr::from(([127, 0, 0, 1], 0)),
        }
    }

    /// Answers requests on worker threads until the process ends.
    pub fn run(self, live: Arc<Live>) {
        for _ in 0..WORKERS {
            let server = self.server.clone();
            let live = live.clone();
            std::thread::spawn(move || {
                while let Ok(request) = server.recv() {
                    answer(&live, request);
                }
            });
        }
    }
}

/// Where a request path leads in the output folder.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    File(PathBuf),
    /// A folder asked for without its trailing slash: relative links need it.
    Redirect(String),
    NotFound,
    /// A path that climbs out of the output folder (`..`, encoded or not, or a symlink).
    Forbidden,
}

/// Maps a URL path to a file under `output` (which must be canonical).
pub fn resolve(output: &Path, url_path: &str) -> Resolved {
    let Ok(decoded) = percent_decode_str(url_path).decode_utf8() else {
        return Resolved::NotFound;
    };
    if decoded.contains('\0') || decoded.contains('\\') {
        return Resolved::Forbidden;
    }
    let mut candidate = output.to_path_buf();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Resolved::Forbidden,
            part => candidate.push(part),
        }
    }
    if candidate.is_dir() {
        if !url_path.ends_with('/') {
            return Resolved::Redirect(format!("{url_path}/"));
        }
        candidate.push("index.html");
    }
    match candidate.canonicalize() {
        Ok(real) if real.starts_with(output) && real.is_file() => Resolved::File(real),
        Ok(real) if !real.starts_with(output) => Resolved::Forbidden,
        _ => Resolved::NotFound,
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap_or_else(|_| {
        Header::from_bytes(&b"X-Gazette"[..], &b"1"[..]).expect("a valid header")
    })
}

fn content_type(path: &Path) -> String {
    let guess = mime_guess::from_path(path).first_or_octet_stream();
    if guess.type_() == "text" || matches!(guess.subtype().as_str(), "javascript" | "json" | "xml")
    {
        format!("{guess}; charset=utf-8")
    } else {
        guess.to_string()
    }
}

/// The reload script, and the build error over the page when there is one.
fn inject(html: &[u8], error: Option<&str>) -> Vec<u8> {
    let mut extra = format!("<script src=\"{SCRIPT_PATH}\"></script>");
    if let Some(error) = error {
        let mut escaped = String::new();
        crate::render::markdown::escape_html(error, &mut escaped);
        extra.push_str(&format!(
            "<div id=\"gazette-error\" role=\"alert\" style=\"position:fixed;inset:auto 0 0 0;z-index:2147483647;\
             max-height:60vh;overflow:auto;margin:0;padding:1rem 1.25rem;background:#300;color:#fff;\
             font:14px/1.5 ui-monospace,monospace;border-top:4px solid #e33\">\
             <strong>The last save did not build</strong> — this page is the last good version.\
             <pre style=\"white-space:pre-wrap;margin:.5rem 0 0\">{escaped}</pre></div>"
        ));
    }
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// Sends server-sent events to one tab until it goes away. Written straight to the socket and
/// flushed per event: a chunked response would hold small events back in its buffer.
fn stream_events(request: Request, events: Receiver<&'static str>) {
    let mut socket = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 500\n\n";
    if socket
        .write_all(head.as_bytes())
        .and_then(|_| socket.flush())
        .is_err()
    {
        return;
    }
    loop {
        let message = match events.recv_timeout(KEEPALIVE) {
            Ok(event) => format!("event: {event}\ndata: {event}\n\n"),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => ": keepalive\n\n".to_string(),
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
        };
        if socket
            .write_all(message.as_bytes())
            .and_then(|_| socket.flush())
            .is_err()
        {
            return;
        }
    }
}

fn answer(live: &Live, request: Request) {
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/").to_string();
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(Response::from_string("only GET and HEAD").with_status_code(405));
        return;
    }
    if path == EVENTS_PATH {
        let events = live.subscribe();
        // A stream lasts as long as its tab: it gets a thread of its own, not a worker.
        std::thread::spawn(move || stream_events(request, events));
        return;
    }
    if path == SCRIPT_PATH {
        let _ = request.respond(
            Response::from_string(LIVE_RELOAD_JS)
                .with_header(header("Content-Type", "text/javascript; charset=utf-8"))
                .with_header(header("Cache-Control", "no-store")),
        );
        return;
    }
    if path.starts_with(LIVE_PREFIX) {
        let _ = request.respond(Response::empty(404));
        return;
    }
    let output = live
        .output
        .canonicalize()
        .unwrap_or_else(|_| live.output.clone());
    let (status, file) = match resolve(&output, &path) {
        Resolved::File(file) => (200, Some(file)),
        Resolved::Redirect(to) => {
            let _ = request.respond(Response::empty(301).with_header(header("Location", &to)));
            return;
        }
        Resolved::Forbidden => {
            let _ = request.respond(
                Response::from_string("Forbidden: outside the site").with_status_code(403),
            );
            return;
        }
        Resolved::NotFound => (404, Some(output.join("404.html")).filter(|p| p.is_file())),
    };
    let error = live.error();
    let (bytes, kind) = match &file {
        Some(file) => match std::fs::read(file) {
            Ok(bytes) => (bytes, content_type(file)),
            Err(_) => (b"Not found".to_vec(), "text/plain; charset=utf-8".to_string()),
        },
        // No site yet (the first build failed): the error alone.
        None => (
            b"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head><body><h1>Not found</h1></body></html>".to_vec(),
            "text/html; charset=utf-8".to_string(),
        ),
    };
    let body = if kind.starts_with("text/html") {
        inject(&bytes, error.as_deref())
    } else {
        bytes
    };
    let _ = request.respond(
        Response::from_data(body)
            .with_status_code(status)
            .with_header(header("Content-Type", &kind))
            .with_header(header("Cache-Control", "no-store")),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir
            .path()
            .join("public")
            .canonicalize()
            .unwrap_or_else(|_| {
                std::fs::create_dir_all(dir.path().join("public/articles/x")).unwrap();
                dir.path().join("public").canonicalize().unwrap()
            });
        std::fs::create_dir_all(out.join("articles/x")).unwrap();
        std::fs::write(out.join("index.html"), "home").unwrap();
        std::fs::write(out.join("articles/x/index.html"), "x").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        assert_eq!(resolve(&out, "/"), Resolved::File(out.join("index.html")));
        assert_eq!(
            resolve(&out, "/articles/x/"),
            Resolved::File(out.join("articles/x/index.html"))
        );
        assert_eq!(
            resolve(&out, "/articles/x"),
            Resolved::Redirect("/articles/x/".into())
        );
        assert_eq!(resolve(&out, "/../secret.txt"), Resolved::Forbidden);
        assert_eq!(resolve(&out, "/%2e%2e/secret.txt"), Resolved::Forbidden);
        assert_eq!(resolve(&out, "/%2E%2E%2Fsecret.txt"), Resolved::Forbidden);
        assert_eq!(
            resolve(&out, "/articles/..%5c..%5csecret.txt"),
            Resolved::Forbidden
        );
        assert_eq!(resolve(&out, "/nope/"), Resolved::NotFound);
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), out.join("link.txt"))
                .unwrap();
            assert_eq!(resolve(&out, "/link.txt"), Resolved::Forbidden);
        }
    }

    #[test]
    fn the_reload_script_goes_before_the_end_of_the_body() {
        let page = inject(b"<html><body><p>x</p></body></html>", None);
        let text = String::from_utf8(page).unwrap();
        assert!(text.ends_with("<script src=\"/__gazette/livereload.js\"></script></body></html>"));
        let failed =
            String::from_utf8(inject(b"<body></body>", Some("error: a.md:1:2: <bad>"))).unwrap();
        assert!(failed.contains("id=\"gazette-error\""));
        assert!(
            failed.contains("a.md:1:2: &lt;bad&gt;"),
            "the error is escaped: {failed}"
        );
    }
}
