//! A browser's part in plain HTTP, for the portal tests that need no rendering: cookies kept
//! as a browser keeps them, redirects not followed (the tests read them), and the CSRF token
//! taken from the last page, as a form would send it.

use std::collections::HashMap;
use std::sync::Mutex;

pub struct Page {
    pub status: u16,
    pub location: Option<String>,
    pub set_cookies: Vec<String>,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Page {
    /// The `value` of the hidden field `name` in the page's first form holding it.
    pub fn field(&self, name: &str) -> Option<String> {
        let needle = format!("name=\"{name}\" value=\"");
        let start = self.body.find(&needle)? + needle.len();
        Some(self.body[start..start + self.body[start..].find('"')?].replace("&amp;", "&"))
    }

    pub fn redirects_to(&self, path: &str) -> bool {
        self.status == 303 && self.location.as_deref() == Some(path)
    }
}

pub struct PortalClient {
    http: reqwest::Client,
    pub base: String,
    cookies: Mutex<HashMap<String, String>>,
    csrf: Mutex<String>,
}

impl PortalClient {
    pub fn new(base: &str) -> PortalClient {
        let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        PortalClient { http, base: base.to_owned(), cookies: Mutex::default(), csrf: Mutex::default() }
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.cookies.lock().unwrap().get(name).cloned()
    }

    pub fn set_cookie(&self, name: &str, value: &str) {
        self.cookies.lock().unwrap().insert(name.to_owned(), value.to_owned());
    }

    /// The CSRF token of the last page that had one.
    pub fn csrf(&self) -> String {
        self.csrf.lock().unwrap().clone()
    }

    async fn send(&self, request: reqwest::RequestBuilder) -> Page {
        let jar: String = self.cookies.lock().unwrap().iter().map(|(n, v)| format!("{n}={v}")).collect::<Vec<_>>().join("; ");
        let request = if jar.is_empty() { request } else { request.header("cookie", jar) };
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let location = headers.get("location").and_then(|v| v.to_str().ok()).map(str::to_owned);
        let set_cookies: Vec<String> = headers.get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()).map(str::to_owned).collect();
        for cookie in &set_cookies {
            let pair = cookie.split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            if cookie.contains("Max-Age=0") {
                self.cookies.lock().unwrap().remove(name);
            } else {
                self.cookies.lock().unwrap().insert(name.to_owned(), value.to_owned());
            }
        }
        let body = response.text().await.unwrap();
        let page = Page { status, location, set_cookies, headers, body };
        if let Some(token) = page.field("csrf") {
            *self.csrf.lock().unwrap() = token;
        }
        page
    }

    pub async fn get(&self, path: &str) -> Page {
        self.send(self.http.get(format!("{}{path}", self.base))).await
    }

    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Page {
        let mut request = self.http.get(format!("{}{path}", self.base));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.send(request).await
    }

    /// A form POST with the CSRF token of the last page.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let csrf = self.csrf();
        let mut all: Vec<(&str, &str)> = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        self.post_exactly(path, &all, &[]).await
    }

    /// A form POST of exactly `fields`, with extra headers.
    pub async fn post_exactly(&self, path: &str, fields: &[(&str, &str)], headers: &[(&str, &str)]) -> Page {
        let mut request = self.http.post(format!("{}{path}", self.base)).form(fields);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.send(request).await
    }

    /// A multipart upload of `file` with the CSRF token of the last page (`None`: without one).
    pub async fn upload(&self, path: &str, csrf: Option<&str>, file_name: &str, file: &[u8]) -> Page {
        let boundary = "latchkey-test-boundary-7MA4YWxk";
        let mut body = Vec::new();
        if let Some(csrf) = csrf {
            body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n").as_bytes());
        }
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: text/csv\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(file);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let request = self
            .http
            .post(format!("{}{path}", self.base))
            .header("content-type", format!("multipart/form-data; boundary={boundary}"))
            .body(body);
        self.send(request).await
    }

    /// Signs in through the forms, accepting the Terms when they are shown; the last page.
    pub async fn sign_in(&self, email: &str, password: &str) -> Page {
        self.get("/admin/sign-in").await;
        let page = self.post("/admin/sign-in", &[("email", email), ("password", password)]).await;
        if !page.redirects_to("/admin/terms") {
            return page;
        }
        let terms = self.get("/admin/terms").await;
        let version = terms.field("version").unwrap();
        self.post("/admin/terms", &[("version", &version), ("decision", "accept")]).await
    }
}
