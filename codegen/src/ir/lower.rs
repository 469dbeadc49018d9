//! Collection + overrides → [`Api`]: folders become modules, requests operations.

use std::collections::{BTreeMap, BTreeSet};

use super::auth::{self, Resolved};
use super::model::*;
use super::names::{Scope, pascal_ident, snake_ident, snake_words};
use super::url::{self, SplitUrl};
use super::variables::{Variables, references, sole_reference};
use crate::diagnostics::{Error, Warnings};
use crate::infer::types::ResponseModel;
use crate::overrides::{Overrides, SafetyClass};
use crate::postman::{self, BodyMode, Collection, Item, RequestObject};

/// Names a generated handle already uses for its own methods.
pub(crate) const CLIENT_METHODS: &[&str] =
    &["new", "builder", "runtime", "from_runtime", "clone", "fmt"];

/// Lowers a parsed collection.
pub fn lower(
    collection: &Collection,
    overrides: &Overrides,
    warnings: &mut Warnings,
) -> Result<Api, Error> {
    let variables = Variables::new(&collection.variable, "variable")?;
    let root_auth = auth::resolve(
        collection.auth.as_ref(),
        &Resolved::none(),
        "auth",
        warnings,
    );
    let mut lowering = Lowering {
        variables,
        overrides,
        warnings,
        bases: BTreeMap::new(),
        used_folders: BTreeSet::new(),
        used_operations: BTreeSet::new(),
        used_safety: BTreeSet::new(),
        operation_keys: BTreeSet::new(),
    };
    let (operations, modules) =
        lowering.children(&collection.item, "item", &[], &root_auth, &[])?;
    let root = finish_module(
        Module {
            name: String::new(),
            title: collection.info.name.0.clone(),
            key: String::new(),
            docs: collection
                .info
                .description
                .as_ref()
                .map(|d| d.0.clone())
                .unwrap_or_default(),
            handle: "Client".into(),
            operations,
            modules,
            types: Vec::new(),
        },
        CLIENT_METHODS,
    );
    lowering.check_unused()?;
    let base_url = lowering.base_url();
    let api_overrides = &overrides.api;
    Ok(Api {
        name: collection.info.name.0.clone(),
        docs: root.docs.clone(),
        intro: api_overrides.docs.clone(),
        base_url,
        auth: root_auth.auth,
        error_flag: api_overrides.error_flag.clone(),
        credential_param: api_overrides.credential_param.clone(),
        rate_limit: api_overrides.rate_limit.filter(|n| *n > 0),
        enums: Vec::new(),
        polling: None,
        answers: None,
        root,
    })
}

/// Gives the operations and child modules of `module` unique names: child modules
/// first (their accessors are methods of the same handle), then operations, each in
/// collection order, so names depend on nothing but names.
fn finish_module(mut module: Module, reserved: &[&str]) -> Module {
    let mut scope = Scope::with_reserved(reserved.iter().copied());
    for child in &mut module.modules {
        child.name = scope.claim(&child.name);
        child.handle = pascal_ident(&child.name, "Folder");
    }
    for op in &mut module.operations {
        op.name = scope.claim(&op.name);
    }
    module
}

struct Lowering<'a> {
    variables: Variables,
    overrides: &'a Overrides,
    warnings: &'a mut Warnings,
    bases: BTreeMap<String, (usize, usize)>,
    used_folders: BTreeSet<String>,
    used_operations: BTreeSet<String>,
    used_safety: BTreeSet<String>,
    operation_keys: BTreeSet<String>,
}

impl Lowering<'_> {
    fn children(
        &mut self,
        items: &[Item],
        path: &str,
        titles: &[&str],
        auth: &Resolved,
        module_words: &[String],
    ) -> Result<(Vec<Operation>, Vec<Module>), Error> {
        let mut operations = Vec::new();
        let mut modules = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let here = format!("{path}[{i}]");
            let title = item.name.0.as_str();
            let mut item_titles = titles.to_vec();
            item_titles.push(title);
            let key = item_titles.join(" / ");
            match (&item.item, &item.request) {
                (Some(children), request) => {
                    if request.is_some() {
                        self.warnings.add(
                            "item has both `item` and `request`; read as a folder",
                            &here,
                        );
                    }
                    modules.push(self.folder(item, children, &here, &item_titles, &key, auth)?);
                }
                (None, Some(request)) => {
                    let key = self.unique_operation_key(key);
                    operations.push(self.operation(
                        item,
                        &request.0,
                        &here,
                        key,
                        auth,
                        module_words,
                    )?);
                }
                (None, None) => {
                    return Err(Error::collection(
                        here,
                        "expected a folder (with `item`) or a request (with `request`), found neither",
                    ));
                }
            }
        }
        Ok((operations, modules))
    }

    fn folder(
        &mut self,
        item: &Item,
        children: &[Item],
        here: &str,
        titles: &[&str],
        key: &str,
        parent_auth: &Resolved,
    ) -> Result<Module, Error> {
        let auth = auth::resolve(
            item.auth.as_ref(),
            parent_auth,
            &format!("{here}.auth"),
            self.warnings,
        );
        let title = item.name.0.clone();
        let name = match self.overrides.folders.get(key) {
            Some(o) => {
                self.used_folders.insert(key.to_owned());
                o.name
                    .clone()
                    .unwrap_or_else(|| snake_ident(&title, "folder"))
            }
            None => snake_ident(&title, "folder"),
        };
        let words = module_words(&title, &name);
        let (operations, modules) =
            self.children(children, &format!("{here}.item"), titles, &auth, &words)?;
        Ok(finish_module(
            Module {
                handle: String::new(),
                name,
                title,
                key: key.to_owned(),
                docs: item
                    .description
                    .as_ref()
                    .map(|d| d.0.clone())
                    .unwrap_or_default(),
                operations,
                modules,
                types: Vec::new(),
            },
            &[],
        ))
    }

    fn unique_operation_key(&mut self, key: String) -> String {
        let mut candidate = key.clone();
        let mut n = 2;
        while self.operation_keys.contains(&candidate) {
            candidate = format!("{key} ({n})");
            n += 1;
        }
        self.operation_keys.insert(candidate.clone());
        candidate
    }

    fn operation(
        &mut self,
        item: &Item,
        request: &RequestObject,
        here: &str,
        key: String,
        parent_auth: &Resolved,
        module_words: &[String],
    ) -> Result<Operation, Error> {
        let method = request
            .method
            .clone()
            .unwrap_or_else(|| "GET".into())
            .trim()
            .to_ascii_uppercase();
        if method.is_empty() || !method.bytes().all(is_token_byte) {
            return Err(Error::collection(
                format!("{here}.request.method"),
                format!(
                    "{method:?} is not an HTTP method; expected a token such as GET or PROPFIND"
                ),
            ));
        }
        let url = request.url.as_ref().map(|u| &u.0).ok_or_else(|| {
            Error::collection(
                format!("{here}.request"),
                "missing `url`; expected the request's URL",
            )
        })?;
        let split = url::split(url, &self.variables);
        if let Some(base) = &split.base {
            let next = self.bases.len();
            self.bases.entry(base.clone()).or_insert((0, next)).0 += 1;
        }
        let resolved = auth::resolve(
            request.auth.as_ref(),
            parent_auth,
            &format!("{here}.request.auth"),
            self.warnings,
        );
        let op_override = self.overrides.operations.get(&key);
        if op_override.is_some() {
            self.used_operations.insert(key.clone());
        }

        let secret = resolved
            .secret_variable
            .clone()
            .or_else(|| self.overrides.api.key_variable.clone());
        let mut builder = ParamsBuilder {
            lowering: self,
            here,
            secret,
            params: Vec::new(),
            notes: Vec::new(),
            credential_field: None,
            constant_headers: Vec::new(),
        };
        let path = builder.path(&split);
        builder.query(&split, &resolved.auth);
        let content_type = builder.headers(request, &resolved.auth);
        let body = builder.body(request, &method, content_type)?;
        let ParamsBuilder {
            params,
            mut notes,
            credential_field,
            constant_headers,
            ..
        } = builder;
        let params = drop_disabled_duplicates(params, &mut notes);
        let params = self.apply_param_overrides(&key, params)?;
        let (mut params, fixed_params) = fixed_params(&key, params, self.overrides)?;
        if !fixed_params.is_empty() {
            notes.push(format!(
                "Always sends {}.",
                fixed_params
                    .iter()
                    .map(|f| format!("`{}={}`", f.wire, f.value))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        let mut scope = Scope::with_reserved(["client", "send", "into_future"]);
        for param in &mut params {
            param.ident = scope.claim(&param.ident);
        }
        if !constant_headers.is_empty() {
            notes.push(format!(
                "Always sends {}.",
                constant_headers
                    .iter()
                    .map(|(k, v)| format!("`{k}: {v}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }

        let (safety, safety_reason) = self.safety(&key, &method);
        let mut docs = item
            .description
            .as_ref()
            .or(request.description.as_ref())
            .map(|d| d.0.trim().to_owned())
            .unwrap_or_default();
        if let Some(extra) = op_override.and_then(|o| o.docs.as_deref()) {
            if !docs.is_empty() {
                docs.push_str("\n\n");
            }
            docs.push_str(extra.trim());
        }
        let title = item.name.0.clone();
        let name = match op_override.and_then(|o| o.name.as_deref()) {
            Some(name) => checked_name(name, &format!("operations.\"{key}\".name"))?,
            None => operation_name(&title, module_words),
        };
        let examples = item
            .response
            .iter()
            .flatten()
            .map(|r| example(r, &self.variables))
            .collect();
        Ok(Operation {
            key,
            name,
            title,
            json_path: here.to_owned(),
            docs,
            method,
            path,
            host: split.host.clone(),
            params,
            body,
            auth: resolved.auth,
            credential_field,
            constant_headers,
            fixed_params,
            safety,
            safety_reason,
            examples,
            notes,
            response: ResponseModel::default(),
        })
    }

    fn apply_param_overrides(
        &mut self,
        key: &str,
        mut params: Vec<Param>,
    ) -> Result<Vec<Param>, Error> {
        let Some(op) = self.overrides.operations.get(key) else {
            return Ok(params);
        };
        for (wire, o) in &op.params {
            let param = params.iter_mut().find(|p| &p.wire == wire).ok_or_else(|| {
                Error::overrides(
                    format!("operations.\"{key}\".params.{wire}"),
                    format!("the request has no parameter `{wire}`"),
                )
            })?;
            if let Some(required) = o.required {
                param.required = required;
                param.required_reason = format!("override: {}", o.reason.trim());
            }
            if let Some(docs) = &o.docs
                && param.docs.is_empty()
            {
                param.docs = docs.trim().to_owned();
            }
            if let Some(name) = &o.enum_type {
                if !self.overrides.enums.contains_key(name) {
                    return Err(Error::overrides(
                        format!("operations.\"{key}\".params.{wire}.enum"),
                        format!("no `[enums.{name}]` in the overrides file"),
                    ));
                }
                param.choices = Some(name.clone());
            }
        }
        Ok(params)
    }

    fn safety(&mut self, key: &str, method: &str) -> (Safety, String) {
        let s = &self.overrides.safety;
        let listed = [
            (&s.paid, Safety::Paid, "paid"),
            (&s.mutation, Safety::Mutation, "mutation"),
            (&s.read_only, Safety::ReadOnly, "read_only"),
        ];
        for (set, safety, list) in listed {
            if set.contains(key) {
                self.used_safety.insert(key.to_owned());
                return (
                    safety,
                    format!("listed under safety.{list} in the overrides file"),
                );
            }
        }
        match s.default {
            Some(class) => (
                match class {
                    SafetyClass::ReadOnly => Safety::ReadOnly,
                    SafetyClass::Mutation => Safety::Mutation,
                    SafetyClass::Paid => Safety::Paid,
                },
                "safety.default in the overrides file".into(),
            ),
            None if matches!(method, "GET" | "HEAD" | "OPTIONS") => {
                (Safety::ReadOnly, format!("{method} requests only read"))
            }
            None => (
                Safety::Mutation,
                format!("{method} requests may change state"),
            ),
        }
    }

    fn base_url(&mut self) -> String {
        match self
            .bases
            .iter()
            .max_by_key(|(_, (count, order))| (*count, std::cmp::Reverse(*order)))
        {
            Some((base, _)) => format!("{base}/"),
            None => {
                self.warnings.add(
                    "no request has a host with a value; the client needs `.base_url(...)`",
                    "item",
                );
                String::new()
            }
        }
    }

    fn check_unused(&self) -> Result<(), Error> {
        let o = self.overrides;
        if let Some(key) = o.folders.keys().find(|k| !self.used_folders.contains(*k)) {
            return Err(Error::overrides(
                format!("folders.\"{key}\""),
                format!("no folder `{key}` in the collection"),
            ));
        }
        if let Some(key) = o
            .operations
            .keys()
            .find(|k| !self.operation_keys.contains(*k))
        {
            return Err(Error::overrides(
                format!("operations.\"{key}\""),
                format!("no request `{key}` in the collection"),
            ));
        }
        let s = &o.safety;
        for (list, set) in [
            ("paid", &s.paid),
            ("mutation", &s.mutation),
            ("read_only", &s.read_only),
        ] {
            if let Some(key) = set.iter().find(|k| !self.operation_keys.contains(*k)) {
                return Err(Error::overrides(
                    format!("safety.{list}"),
                    format!("no request `{key}` in the collection"),
                ));
            }
        }
        Ok(())
    }
}

/// Collects one request's parameters.
struct ParamsBuilder<'l, 'a> {
    lowering: &'l mut Lowering<'a>,
    here: &'l str,
    secret: Option<String>,
    params: Vec<Param>,
    notes: Vec<String>,
    credential_field: Option<String>,
    constant_headers: Vec<(String, String)>,
}

impl ParamsBuilder<'_, '_> {
    fn is_secret(&self, value: &str) -> bool {
        match (&self.secret, sole_reference(value)) {
            (Some(secret), Some(name)) => secret == name,
            _ => false,
        }
    }

    /// The example value of `value`: itself, or a referenced variable's value.
    fn example(&self, value: &str) -> Option<String> {
        let resolved = self.lowering.variables.resolve(value);
        (!resolved.is_empty() && !resolved.contains("{{")).then_some(resolved)
    }

    fn push(
        &mut self,
        wire: &str,
        location: Location,
        kind: ParamKind,
        rule: (bool, String),
        docs: String,
        value: &str,
    ) {
        let ident = snake_ident(wire, "param");
        self.params.push(Param {
            wire: wire.to_owned(),
            ident,
            location,
            kind,
            required: rule.0,
            required_reason: rule.1,
            docs,
            example: self.example(value),
            default: None,
            choices: None,
            example_variant: None,
        });
    }

    /// The path template; `:id` and `{{id}}` segments become path parameters.
    fn path(&mut self, split: &SplitUrl) -> String {
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
                        .or_else(|| self.lowering.variables.get(&name).map(str::to_owned))
                        .unwrap_or_default();
                    template.push('{');
                    template.push_str(&name);
                    template.push('}');
                    let default = self
                        .lowering
                        .variables
                        .get(&name)
                        .filter(|v| !v.is_empty())
                        .map(str::to_owned);
                    self.push(
                        &name,
                        Location::Path,
                        ParamKind::Text,
                        (true, "path parameter".into()),
                        docs,
                        &value,
                    );
                    if let (Some(default), Some(param)) = (default, self.params.last_mut()) {
                        param.required = false;
                        param.required_reason = "collection variable with a default value".into();
                        param.default = Some(default);
                    }
                }
                _ => {
                    let resolved = self.lowering.variables.resolve(segment);
                    if !references(&resolved).is_empty() {
                        self.lowering.warnings.add(
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

    fn query(&mut self, split: &SplitUrl, auth: &Auth) {
        for q in &split.query {
            if matches!(auth, Auth::Query(name) if *name == q.key) || self.is_secret(&q.value) {
                self.notes.push(format!(
                    "The `{}` query parameter is the API key; the client adds it.",
                    q.key
                ));
                continue;
            }
            let rule = required_rule(q.disabled, &q.description, &q.value);
            self.push(
                &q.key,
                Location::Query,
                ParamKind::Text,
                rule,
                q.description.clone(),
                &q.value,
            );
        }
    }

    /// Header parameters and constants; returns the request's `Content-Type`.
    fn headers(&mut self, request: &RequestObject, auth: &Auth) -> Option<String> {
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
                self.notes.push(format!(
                    "The `{name}` header carries the credentials; the client sets it."
                ));
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
                    ParamKind::Text,
                    (false, "disabled in the collection".into()),
                    docs,
                    value,
                );
            } else if let Some(var) = sole_reference(value) {
                let default = self
                    .lowering
                    .variables
                    .get(var)
                    .filter(|v| !v.is_empty())
                    .map(str::to_owned);
                self.push(
                    name,
                    Location::Header,
                    ParamKind::Text,
                    (true, "value is a variable".into()),
                    docs,
                    value,
                );
                if let (Some(default), Some(param)) = (default, self.params.last_mut()) {
                    param.required = false;
                    param.required_reason = "collection variable with a default value".into();
                    param.default = Some(default);
                }
            } else {
                let resolved = self.lowering.variables.resolve(value);
                self.constant_headers.push((name.to_owned(), resolved));
            }
        }
        content_type
    }

    fn body(
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
        let variables = &self.lowering.variables;
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
                    self.notes.push(format!(
                        "Postman gives this {method} request a form body; its fields are sent in the query string."
                    ));
                }
                for f in fields {
                    let disabled = postman::is_off(f.disabled, f.enabled);
                    let wire = f.key.0.as_str();
                    if wire.is_empty() {
                        self.lowering.warnings.add(
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
                            self.notes.push(format!(
                                "The collection's `{wire}` field is the API key {}; it is not sent, the `Authorization` header carries the key.",
                                if disabled { "and is disabled" } else { "in a URL" }
                            ));
                        }
                        continue;
                    }
                    let kind = if f.kind.as_deref() == Some("file") {
                        ParamKind::File
                    } else {
                        ParamKind::Text
                    };
                    let docs = f
                        .description
                        .as_ref()
                        .map(|d| d.0.clone())
                        .unwrap_or_default();
                    let rule = if kind == ParamKind::File {
                        (
                            !disabled,
                            if disabled {
                                "disabled in the collection".into()
                            } else {
                                "file field".into()
                            },
                        )
                    } else {
                        required_rule(disabled, &docs, value)
                    };
                    self.push(wire, location, kind, rule, docs, value);
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
                    _ if super::lenient_json::parse(&text, &lookup)
                        .is_some_and(|v| v.is_object() || v.is_array()) =>
                    {
                        "application/json".into()
                    }
                    _ => "text/plain".into(),
                });
                if content_type.contains("json")
                    && let Some(example) = super::lenient_json::parse(&text, &lookup)
                {
                    return Ok(Body::Json {
                        example,
                        type_name: String::new(),
                    });
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
                        super::lenient_json::parse(&s, &lookup).unwrap_or(serde_json::Value::Null)
                    }
                    Some(v) => v,
                    None => serde_json::Value::Null,
                };
                Ok(Body::GraphQl {
                    query,
                    variables,
                    type_name: String::new(),
                })
            }
        }
    }
}

/// Postman leaves unticked copies of a parameter around (`?service=1` disabled in
/// the URL while `service` is a form field): a disabled parameter whose wire name
/// another parameter of the request also has is dropped.
fn drop_disabled_duplicates(params: Vec<Param>, notes: &mut Vec<String>) -> Vec<Param> {
    let disabled = |p: &Param| p.required_reason == "disabled in the collection";
    let mut kept = Vec::with_capacity(params.len());
    for (i, p) in params.iter().enumerate() {
        let twin = params
            .iter()
            .enumerate()
            .any(|(j, q)| j != i && q.wire == p.wire && (!disabled(q) || j < i));
        if disabled(p) && twin {
            notes.push(format!(
                "The collection also has a disabled {} parameter `{}`; it is the same parameter and is not repeated.",
                p.location.as_str(),
                p.wire
            ));
        } else {
            kept.push(p.clone());
        }
    }
    kept
}

/// A name from the overrides file, which must already be a valid snake_case identifier.
fn checked_name(name: &str, path: &str) -> Result<String, Error> {
    let snake = name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if super::names::is_valid_ident(name) && snake {
        Ok(name.to_owned())
    } else {
        Err(Error::overrides(
            path,
            format!("`{name}` is not a snake_case Rust identifier"),
        ))
    }
}

/// Takes out the parameters the overrides file marks `fixed`: they are sent with the
/// collection's value on every call.
fn fixed_params(
    key: &str,
    params: Vec<Param>,
    overrides: &Overrides,
) -> Result<(Vec<Param>, Vec<FixedParam>), Error> {
    let Some(op) = overrides.operations.get(key) else {
        return Ok((params, Vec::new()));
    };
    let mut kept = Vec::with_capacity(params.len());
    let mut fixed = Vec::new();
    for p in params {
        if !op.params.get(&p.wire).is_some_and(|o| o.fixed) {
            kept.push(p);
            continue;
        }
        let place = format!("operations.\"{key}\".params.{}", p.wire);
        let value = p.example.clone().ok_or_else(|| {
            Error::overrides(
                place.clone(),
                "a fixed parameter needs a value in the collection",
            )
        })?;
        if p.location == Location::Path || p.kind == ParamKind::File {
            return Err(Error::overrides(
                place,
                "only query, header and form text parameters can be fixed",
            ));
        }
        fixed.push(FixedParam {
            wire: p.wire,
            location: p.location,
            value,
        });
    }
    Ok((kept, fixed))
}

/// Required unless the collection hints otherwise.
fn required_rule(disabled: bool, docs: &str, value: &str) -> (bool, String) {
    if disabled {
        (false, "disabled in the collection".into())
    } else if docs.to_ascii_lowercase().contains("optional") {
        (false, "the description says optional".into())
    } else if value.trim().is_empty() {
        (false, "no value in the collection".into())
    } else {
        (true, "enabled with a value in the collection".into())
    }
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// Words that repeat the module's name (`sms` in `Cancel SMS` under `SMS`), with
/// singular and plural forms.
fn module_words(title: &str, name: &str) -> Vec<String> {
    let mut words = BTreeSet::new();
    for source in [snake_words(title), name.to_owned()] {
        for w in source
            .split('_')
            .filter(|w| w.len() > 1 && w.bytes().all(|b| b.is_ascii_alphabetic()))
        {
            words.insert(w.to_owned());
            words.insert(format!("{w}s"));
            if let Some(singular) = w.strip_suffix('s') {
                words.insert(singular.to_owned());
            }
        }
    }
    words.into_iter().collect()
}

/// The method name for a request: its snake-cased name without words that repeat the
/// module's (`Cancel SMS` in `sms` → `cancel`), unless nothing would be left.
fn operation_name(title: &str, module_words: &[String]) -> String {
    let words = snake_words(title);
    let kept: Vec<&str> = words
        .split('_')
        .filter(|w| !w.is_empty() && !module_words.iter().any(|m| m == w))
        .collect();
    if kept.is_empty() {
        snake_ident(title, "operation")
    } else {
        snake_ident(&kept.join("_"), "operation")
    }
}

fn example(r: &postman::Response, variables: &Variables) -> Example {
    let body = r.body.clone().unwrap_or_default();
    let json = if body.trim().is_empty() {
        None
    } else {
        serde_json::from_str(&body).ok()
    };
    let mut request_params = Vec::new();
    if let Some(request) = &r.original_request {
        let req = &request.0;
        if let Some(url) = &req.url {
            for q in url::split(&url.0, variables)
                .query
                .into_iter()
                .filter(|q| !q.disabled)
            {
                request_params.push((q.key, q.value));
            }
        }
        if let Some(b) = &req.body {
            for f in b
                .formdata
                .iter()
                .chain(b.urlencoded.iter())
                .flatten()
                .filter(|f| !postman::is_off(f.disabled, f.enabled))
            {
                request_params.push((
                    f.key.0.clone(),
                    f.value.as_ref().map(|v| v.0.clone()).unwrap_or_default(),
                ));
            }
        }
    }
    Example {
        name: r.name.0.clone(),
        status: r.code,
        status_text: r.status.clone(),
        headers: r
            .header
            .iter()
            .flat_map(|h| h.0.iter())
            .filter(|h| !postman::is_off(h.disabled, h.enabled))
            .map(|h| (h.key.0.clone(), h.value.0.clone()))
            .collect(),
        body,
        json,
        request_params,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_names_drop_the_module_word() {
        let sms = module_words("SMS", "sms");
        assert_eq!(operation_name("Cancel All SMS", &sms), "cancel_all");
        assert_eq!(operation_name("SMS", &sms), "sms");
        let esim = module_words("eSIMs", "esim");
        assert_eq!(
            operation_name("View eSIM countries", &esim),
            "view_countries"
        );
        assert_eq!(operation_name("Top up eSIM", &esim), "top_up");
    }
}
