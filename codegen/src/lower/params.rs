//! One request's parameters: path segments, query parameters, headers and body
//! fields, with whether each is required and why, and the parts that are not
//! parameters (the key's fields, constant headers) set aside.

use std::collections::BTreeMap;

use super::url::SplitUrl;
use super::variables::{Variables, references, sole_reference};
use super::{lenient_json, param_names};
use crate::diagnostics::{Error, Warnings};
use crate::model::{Auth, Body, Location, Note, Param, ParamType, Requirement, TypeSource};
use crate::postman::{self, BodyMode, RequestObject};

/// Collects one request's parameters.
pub(super) struct ParamsBuilder<'l> {
    /// The collection's variables.
    pub variables: &'l Variables,
    /// How the answers split run-together words (see `param_names`).
    pub split_keys: &'l BTreeMap<String, String>,
    /// Where warnings go.
    pub warnings: &'l mut Warnings,
    /// The request item's JSON path, for warnings.
    pub here: &'l str,
    /// The variable holding the API key (`apikey` of `{{apikey}}`), if any.
    pub secret: Option<String>,
    /// The parameters so far, in collection order.
    pub params: Vec<Param>,
    /// What was done with parts that are not parameters.
    pub notes: Vec<Note>,
    /// The form field that carries the key.
    pub credential_field: Option<String>,
    /// Headers with a fixed value.
    pub constant_headers: Vec<(String, String)>,
}

impl<'l> ParamsBuilder<'l> {
    /// A builder for the request at `here`, whose key is the variable `secret`.
    pub fn new(
        variables: &'l Variables,
        split_keys: &'l BTreeMap<String, String>,
        warnings: &'l mut Warnings,
        here: &'l str,
        secret: Option<String>,
    ) -> Self {
        Self {
            variables,
            split_keys,
            warnings,
            here,
            secret,
            params: Vec::new(),
            notes: Vec::new(),
            credential_field: None,
            constant_headers: Vec::new(),
        }
    }

    fn is_secret(&self, value: &str) -> bool {
        match (&self.secret, sole_reference(value)) {
            (Some(secret), Some(name)) => secret == name,
            _ => false,
        }
    }

    /// The example value of `value`: itself, or a referenced variable's value.
    fn example(&self, value: &str) -> Option<String> {
        let resolved = self.variables.resolve(value);
        (!resolved.is_empty() && !resolved.contains("{{")).then_some(resolved)
    }

    fn push(
        &mut self,
        wire: &str,
        location: Location,
        ty: ParamType,
        rule: (bool, Requirement),
        docs: String,
        value: &str,
    ) {
        let ident = param_names::ident(wire, self.split_keys);
        self.params.push(Param {
            wire: wire.to_owned(),
            ident,
            location,
            typed_by: if ty == ParamType::File {
                TypeSource::FileField
            } else {
                TypeSource::Unknown(Vec::new().into())
            },
            ty,
            required: rule.0,
            requirement: rule.1,
            docs,
            example: self.example(value),
            default: None,
            example_variant: None,
        });
    }

    /// The path template; `:id` and `{{id}}` segments become path parameters.
    pub fn path(&mut self, split: &SplitUrl) -> String {
        let mut template = String::new();
        for segment in &split.segments {
            template.push('/');
            let name = segment
                .strip_prefix(':')
                .map(str::to_owned)
                .or_else(|| sole_reference(segment).map(str::to_owned));
            match name {
                Some(name) if !name.is_empty() => {
                    let documented = split.path_variables.iter().find(|v| v.key == name);
                    let docs = documented
                        .map(|v| v.description.clone())
                        .unwrap_or_default();
                    let value = documented
                        .map(|v| v.value.clone())
                        .or_else(|| self.variables.get(&name).map(str::to_owned))
                        .unwrap_or_default();
                    template.push('{');
                    template.push_str(&name);
                    template.push('}');
                    let default = self
                        .variables
                        .get(&name)
                        .filter(|v| !v.is_empty())
                        .map(str::to_owned);
                    self.push(
                        &name,
                        Location::Path,
                        ParamType::Text,
                        (true, Requirement::PathSegment),
                        docs,
                        &value,
                    );
                    if let (Some(default), Some(param)) = (default, self.params.last_mut()) {
                        param.required = false;
                        param.requirement = Requirement::VariableDefault;
                        param.default = Some(default);
                    }
                }
                _ => {
                    let resolved = self.variables.resolve(segment);
                    if !references(&resolved).is_empty() {
                        self.warnings.add(
                            "path segment mixes text and an undefined variable; sent as written",
                            format!("{}.request.url", self.here),
                        );
                    }
                    template.push_str(&resolved);
                }
            }
        }
        if template.is_empty() {
            template.push('/');
        }
        template
    }

    pub fn query(&mut self, split: &SplitUrl, auth: &Auth) {
        for q in &split.query {
            if matches!(auth, Auth::Query(name) if *name == q.key) || self.is_secret(&q.value) {
                self.notes.push(Note::KeyQueryParam {
                    wire: q.key.clone(),
                });
                continue;
            }
            let rule = required_rule(q.disabled, &q.description, &q.value);
            self.push(
                &q.key,
                Location::Query,
                ParamType::Text,
                rule,
                q.description.clone(),
                &q.value,
            );
        }
    }

    /// Header parameters and constants; returns the request's `Content-Type`.
    pub fn headers(&mut self, request: &RequestObject, auth: &Auth) -> Option<String> {
        let mut content_type = None;
        for h in request.header.iter().flat_map(|h| h.0.iter()) {
            let disabled = postman::is_off(h.disabled, h.enabled);
            let name = h.key.0.trim();
            let value = h.value.0.as_str();
            if name.is_empty() {
                continue;
            }
            let lower = name.to_ascii_lowercase();
            if lower == "content-type" {
                if !disabled {
                    content_type = Some(value.to_owned());
                }
                continue;
            }
            let is_auth_header = (lower == "authorization" && *auth != Auth::None)
                || matches!(auth, Auth::Header(n) if n.eq_ignore_ascii_case(name))
                || references(value)
                    .iter()
                    .any(|r| self.secret.as_deref() == Some(*r));
            if is_auth_header {
                self.notes.push(Note::CredentialHeader {
                    name: name.to_owned(),
                });
                continue;
            }
            let docs = h
                .description
                .as_ref()
                .map(|d| d.0.clone())
                .unwrap_or_default();
            if disabled {
                self.push(
                    name,
                    Location::Header,
                    ParamType::Text,
                    (false, Requirement::Disabled),
                    docs,
                    value,
                );
            } else if let Some(var) = sole_reference(value) {
                let default = self
                    .variables
                    .get(var)
                    .filter(|v| !v.is_empty())
                    .map(str::to_owned);
                self.push(
                    name,
                    Location::Header,
                    ParamType::Text,
                    (true, Requirement::Variable),
                    docs,
                    value,
                );
                if let (Some(default), Some(param)) = (default, self.params.last_mut()) {
                    param.required = false;
                    param.requirement = Requirement::VariableDefault;
                    param.default = Some(default);
                }
            } else {
                let resolved = self.variables.resolve(value);
                self.constant_headers.push((name.to_owned(), resolved));
            }
        }
        content_type
    }

    pub fn body(
        &mut self,
        request: &RequestObject,
        method: &str,
        content_type: Option<String>,
    ) -> Result<Body, Error> {
        let Some(body) = request.body.as_ref().filter(|b| !b.disabled) else {
            return Ok(Body::None);
        };
        let Some(mode) = body.mode else {
            return Ok(Body::None);
        };
        let is_get = method == "GET" || method == "HEAD";
        let variables = &self.variables;
        let lookup = |name: &str| {
            variables
                .get(name)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        match mode {
            BodyMode::Formdata | BodyMode::Urlencoded => {
                let fields = match mode {
                    BodyMode::Formdata => body.formdata.as_deref().unwrap_or_default(),
                    _ => body.urlencoded.as_deref().unwrap_or_default(),
                };
                let has_files = fields.iter().any(|f| f.kind.as_deref() == Some("file"));
                let location = if is_get && !has_files {
                    Location::Query
                } else {
                    Location::Form
                };
                if location == Location::Query && !fields.is_empty() {
                    self.notes.push(Note::FormInQuery {
                        method: method.to_owned(),
                    });
                }
                for f in fields {
                    let disabled = postman::is_off(f.disabled, f.enabled);
                    let wire = f.key.0.as_str();
                    if wire.is_empty() {
                        self.warnings.add(
                            "form field without a name skipped",
                            format!("{}.request.body", self.here),
                        );
                        continue;
                    }
                    let value = f.value.as_ref().map(|v| v.0.as_str()).unwrap_or_default();
                    if self.is_secret(value) {
                        if !disabled && location == Location::Form {
                            self.credential_field = Some(wire.to_owned());
                        } else {
                            self.notes.push(Note::UnsentKeyField {
                                wire: wire.to_owned(),
                                disabled,
                            });
                        }
                        continue;
                    }
                    let ty = if f.kind.as_deref() == Some("file") {
                        ParamType::File
                    } else {
                        ParamType::Text
                    };
                    let docs = f
                        .description
                        .as_ref()
                        .map(|d| d.0.clone())
                        .unwrap_or_default();
                    let rule = if ty == ParamType::File {
                        (
                            !disabled,
                            if disabled {
                                Requirement::Disabled
                            } else {
                                Requirement::FileField
                            },
                        )
                    } else {
                        required_rule(disabled, &docs, value)
                    };
                    self.push(wire, location, ty, rule, docs, value);
                }
                Ok(match (location, has_files) {
                    (Location::Query, _) => Body::None,
                    (_, true) => Body::Multipart,
                    _ => Body::Form,
                })
            }
            BodyMode::Raw => {
                let text = body.raw.clone().unwrap_or_default();
                let language = body
                    .options
                    .as_ref()
                    .and_then(|o| o.raw.as_ref())
                    .and_then(|r| r.language.clone());
                let content_type = content_type.unwrap_or_else(|| match language.as_deref() {
                    Some("json") => "application/json".into(),
                    Some("xml") => "application/xml".into(),
                    Some("html") => "text/html".into(),
                    Some("javascript") => "application/javascript".into(),
                    _ if lenient_json::parse(&text, &lookup)
                        .is_some_and(|v| v.is_object() || v.is_array()) =>
                    {
                        "application/json".into()
                    }
                    _ => "text/plain".into(),
                });
                if content_type.contains("json")
                    && let Some(example) = lenient_json::parse(&text, &lookup)
                {
                    return Ok(Body::Json { example });
                }
                Ok(Body::Text {
                    content_type,
                    example: text,
                })
            }
            BodyMode::File => Ok(Body::Binary),
            BodyMode::Graphql => {
                let g = body.graphql.as_ref();
                let query = g.and_then(|g| g.query.clone()).unwrap_or_default();
                let variables = match g.and_then(|g| g.variables.clone()) {
                    Some(serde_json::Value::String(s)) => {
                        lenient_json::parse(&s, &lookup).unwrap_or(serde_json::Value::Null)
                    }
                    Some(v) => v,
                    None => serde_json::Value::Null,
                };
                Ok(Body::GraphQl { query, variables })
            }
        }
    }
}

/// Postman leaves unticked copies of a parameter around (`?service=1` disabled in
/// the URL while `service` is a form field): a disabled parameter whose wire name
/// another parameter of the request also has is dropped.
pub(super) fn drop_disabled_duplicates(params: Vec<Param>, notes: &mut Vec<Note>) -> Vec<Param> {
    let disabled = |p: &Param| p.requirement == Requirement::Disabled;
    let mut kept = Vec::with_capacity(params.len());
    for (i, p) in params.iter().enumerate() {
        let twin = params
            .iter()
            .enumerate()
            .any(|(j, q)| j != i && q.wire == p.wire && (!disabled(q) || j < i));
        if disabled(p) && twin {
            notes.push(Note::DisabledDuplicate {
                location: p.location,
                wire: p.wire.clone(),
            });
        } else {
            kept.push(p.clone());
        }
    }
    kept
}

/// Required unless the collection hints otherwise.
fn required_rule(disabled: bool, docs: &str, value: &str) -> (bool, Requirement) {
    if disabled {
        (false, Requirement::Disabled)
    } else if docs.to_ascii_lowercase().contains("optional") {
        (false, Requirement::DescriptionSaysOptional)
    } else if value.trim().is_empty() {
        (false, Requirement::NoValue)
    } else {
        (true, Requirement::EnabledWithValue)
    }
}
