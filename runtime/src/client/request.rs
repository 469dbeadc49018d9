//! Building the HTTP request for a call: URL, auth, headers, body.

use reqwest::header::{AUTHORIZATION, HeaderName, HeaderValue};
use reqwest::{Method, Url};

use super::Client;
use crate::error::{ConfigError, Error};
use crate::operation::{BodyKind, FormValue};
use crate::{AuthScheme, Call};

impl Client {
    /// The request for `call`, the key where the operation wants it.
    pub(super) fn request(&self, call: &Call) -> Result<reqwest::Request, Error> {
        let config = |m: String| Error::Config(ConfigError::new(m));
        let operation = call.operation;
        let method = Method::from_bytes(operation.method.as_bytes()).map_err(|_| {
            config(format!(
                "{}: invalid method {:?}",
                operation.name, operation.method
            ))
        })?;
        let url = self.url(call)?;
        let key = &self.inner.key;
        let mut builder = self.inner.http.request(method, url);

        match self.auth(operation) {
            AuthScheme::None | AuthScheme::Query(_) => {}
            AuthScheme::Authorization => {
                builder = builder.header(AUTHORIZATION, secret_header(key.expose())?);
            }
            AuthScheme::Bearer => {
                let value = secret_header(&format!("Bearer {}", key.expose()))?;
                builder = builder.header(AUTHORIZATION, value);
            }
            AuthScheme::Basic => {
                use base64::Engine as _;
                let encoded = base64::engine::general_purpose::STANDARD.encode(key.expose());
                builder =
                    builder.header(AUTHORIZATION, secret_header(&format!("Basic {encoded}"))?);
            }
            AuthScheme::Header(name) => {
                builder = builder.header(header_name(name)?, secret_header(key.expose())?);
            }
        }
        for (name, value) in &call.headers {
            let name = header_name(name)?;
            let value = HeaderValue::from_str(value).map_err(|_| {
                config(format!(
                    "{}: header {name} has an invalid value",
                    operation.name
                ))
            })?;
            builder = builder.header(name, value);
        }

        let credential = operation
            .credential_field
            .map(|field| (field, key.expose().to_owned()));
        match operation.body {
            BodyKind::None => {}
            BodyKind::Form => {
                let mut pairs: Vec<(&str, &str)> = Vec::with_capacity(call.form.len() + 1);
                for (name, value) in &call.form {
                    if let FormValue::Text(text) = value {
                        pairs.push((name, text));
                    }
                }
                if let Some((field, secret)) = &credential {
                    pairs.push((field, secret));
                }
                builder = builder.form(&pairs);
            }
            BodyKind::Multipart => {
                builder = builder.multipart(multipart_form(call, credential)?);
            }
            BodyKind::Raw => {
                if let Some((content_type, bytes)) = &call.raw_body {
                    builder = builder
                        .header(reqwest::header::CONTENT_TYPE, *content_type)
                        .body(bytes.clone());
                }
            }
        }
        builder.build().map_err(|e| {
            config(format!(
                "{}: the request could not be built: {}",
                operation.name,
                e.without_url()
            ))
        })
    }

    fn url(&self, call: &Call) -> Result<Url, Error> {
        let mut url = self.inner.base_url.clone();
        {
            let mut segments = url
                .path_segments_mut()
                .map_err(|()| Error::Config(ConfigError::new("the base URL cannot have a path")))?;
            segments.pop_if_empty();
            for segment in call.operation.path.split('/').filter(|s| !s.is_empty()) {
                let value = segment
                    .strip_prefix('{')
                    .and_then(|s| s.strip_suffix('}'))
                    .and_then(|name| {
                        call.path_params
                            .iter()
                            .find(|(n, _)| *n == name)
                            .map(|(_, v)| v.as_str())
                    });
                segments.push(value.unwrap_or(segment));
            }
        }
        let query_key = match self.auth(call.operation) {
            AuthScheme::Query(name) => Some(name),
            _ => None,
        };
        if !call.query.is_empty() || query_key.is_some() {
            let mut pairs = url.query_pairs_mut();
            for (name, value) in &call.query {
                pairs.append_pair(name, value);
            }
            if let Some(name) = query_key {
                pairs.append_pair(name, self.inner.key.expose());
            }
        }
        Ok(url)
    }
}

fn multipart_form(
    call: &Call,
    credential: Option<(&'static str, String)>,
) -> Result<reqwest::multipart::Form, Error> {
    let mut form = reqwest::multipart::Form::new();
    for (name, value) in &call.form {
        form = match value {
            FormValue::Text(text) => form.text(*name, text.clone()),
            FormValue::File(file) => {
                let mut part = reqwest::multipart::Part::bytes(file.bytes.clone())
                    .file_name(file.file_name.clone());
                if let Some(content_type) = &file.content_type {
                    part = part.mime_str(content_type).map_err(|_| {
                        Error::Config(ConfigError::new(format!(
                            "{}: invalid content type {content_type:?} for field {name}",
                            call.operation.name
                        )))
                    })?;
                }
                form.part(*name, part)
            }
        };
    }
    if let Some((field, secret)) = credential {
        form = form.text(field, secret);
    }
    Ok(form)
}

/// A header value holding the key, marked sensitive (hyper then never logs it).
fn secret_header(text: &str) -> Result<HeaderValue, Error> {
    let mut value = HeaderValue::from_str(text).map_err(|_| {
        Error::Config(ConfigError::new(
            "the API key contains characters that cannot be sent in an HTTP header",
        ))
    })?;
    value.set_sensitive(true);
    Ok(value)
}

fn header_name(name: &str) -> Result<HeaderName, Error> {
    HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| Error::Config(ConfigError::new(format!("invalid header name {name:?}"))))
}
