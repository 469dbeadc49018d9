//! Walking the collection's items: folders become modules, requests operations, each
//! with its final Rust name.

use std::collections::BTreeSet;

use super::auth::{self, Resolved};
use super::examples::example;
use super::params::{ParamsBuilder, drop_disabled_duplicates};
use super::{Lowering, param_overrides, url};
use crate::diagnostics::Error;
use crate::model::{
    BODY_ARGUMENT, BUILDER_NAMES, HANDLE_METHODS, Module, Operation, Safety, SafetyReason,
    TAKEN_MODULE_NAMES, TAKEN_ROOT_MODULE_NAMES, TAKEN_STATIC_NAMES, Untyped, root_reserved,
    taken_type_names,
};
use crate::names::{
    Scope, is_valid_ident, pascal_ident, snake_ident, title_ident, title_words, type_stem,
};
use crate::overrides::SafetyClass;
use crate::postman::{Collection, Item, RequestObject};

/// The operations and modules of one folder.
type Children = (Vec<Operation<Untyped>>, Vec<Module<Untyped>>);

/// An operation's names, unique in its module's file.
struct Names {
    method: String,
    builder: String,
    constant: String,
}

/// The folder whose items are lowered: its module name (empty at the collection
/// root) and its handle.
struct Parent<'a> {
    module: &'a str,
    handle: &'a str,
}

impl Lowering<'_> {
    /// The root module: requests at the collection root and one module per folder.
    pub(super) fn root(
        &mut self,
        collection: &Collection,
        docs: String,
        auth: &Resolved,
    ) -> Result<Module<Untyped>, Error> {
        let handle = "Client";
        let root = Parent { module: "", handle };
        let (operations, modules) =
            self.children(&collection.item, "item", &[], auth, &[], &root)?;
        Ok(Module {
            name: String::new(),
            title: collection.info.name.0.clone(),
            key: String::new(),
            docs,
            handle: handle.into(),
            operations,
            modules,
            enums: Vec::new(),
            types: (),
            mount: None,
        })
    }

    /// The operations and modules of the items of folder `parent`. Names are unique among siblings: child modules claim theirs first
    /// (their accessors are methods of the same handle), then operations, each in
    /// collection order, so names depend on nothing but names, and none is a method
    /// the handle has already. Builders share the folder's file with its handle and
    /// the names it imports.
    fn children(
        &mut self,
        items: &[Item],
        path: &str,
        titles: &[&str],
        auth: &Resolved,
        module_words: &[String],
        parent: &Parent<'_>,
    ) -> Result<Children, Error> {
        let at_root = parent.module.is_empty();
        // At the root, the client's and the mock server's own names; in a folder, the
        // handle's.
        let methods = if at_root {
            root_reserved()
        } else {
            HANDLE_METHODS.to_vec()
        };
        let mut scope = Scope::with_reserved(methods);
        let mut builders = Scope::with_reserved(taken_type_names());
        builders.reserve(parent.handle);
        let mut statics = Scope::with_reserved(TAKEN_STATIC_NAMES.iter().copied());
        // A module named like the module it is in is clippy's `module_inception`.
        let module_allowed = |name: &str| {
            let taken = TAKEN_MODULE_NAMES.contains(&name)
                || (at_root && TAKEN_ROOT_MODULE_NAMES.contains(&name));
            !taken && name != parent.module
        };
        // A folder with no request here or below would be a handle with nothing to
        // call, which never reads its client: it is left out, and takes no name.
        let module_names: Vec<Option<String>> = items
            .iter()
            .map(|item| {
                let children = item.item.as_ref()?;
                has_requests(children).then(|| {
                    let key = key_of(titles, item);
                    scope.claim_where(&self.module_name(&key, &item.name.0), module_allowed)
                })
            })
            .collect();
        let mut operations = Vec::new();
        let mut modules = Vec::new();
        for ((i, item), module_name) in items.iter().enumerate().zip(module_names) {
            let here = format!("{path}[{i}]");
            let mut item_titles = titles.to_vec();
            item_titles.push(item.name.0.as_str());
            match (&item.item, &item.request, module_name) {
                (Some(children), request, Some(name)) => {
                    if request.is_some() {
                        self.warnings.add(
                            "item has both `item` and `request`; read as a folder",
                            &here,
                        );
                    }
                    modules.push(self.folder(item, children, &here, &item_titles, name, auth)?);
                }
                (Some(children), _, None) => {
                    // Left out, but not unread: an item below that is neither a
                    // folder nor a request is still an error.
                    if let Some(bad) = neither_folder_nor_request(children, &here) {
                        return Err(Error::collection(bad, NEITHER));
                    }
                    self.warnings.add(
                        "folder without requests, here or below; no module generated",
                        &here,
                    );
                }
                (None, Some(request), _) => {
                    let key = self.unique_operation_key(item_titles.join(" / "));
                    let wanted = self.operation_name(&key, &item.name.0, module_words)?;
                    let name = scope.claim(&wanted);
                    let names = Names {
                        builder: builders.claim(&format!("{}Request", type_stem(&name))),
                        constant: statics.claim(&constant_name(&name)),
                        method: name,
                    };
                    operations.push(self.operation(item, &request.0, &here, key, names, auth)?);
                }
                _ => return Err(Error::collection(here, NEITHER)),
            }
        }
        super::examples::name_constants(&mut operations);
        Ok((operations, modules))
    }

    /// The module name a folder wants: the overrides file's, or its title's.
    fn module_name(&mut self, key: &str, title: &str) -> String {
        match self.overrides.folders.get(key) {
            Some(o) => {
                self.used_folders.insert(key.to_owned());
                o.name
                    .clone()
                    .unwrap_or_else(|| title_ident(title, "folder"))
            }
            None => title_ident(title, "folder"),
        }
    }

    fn folder(
        &mut self,
        item: &Item,
        children: &[Item],
        here: &str,
        titles: &[&str],
        name: String,
        parent_auth: &Resolved,
    ) -> Result<Module<Untyped>, Error> {
        let auth = auth::resolve(
            item.auth.as_ref(),
            parent_auth,
            &format!("{here}.auth"),
            self.warnings,
        );
        let title = item.name.0.clone();
        let words = module_words(&title, &name);
        let handle = handle_name(&name);
        let parent = Parent {
            module: &name,
            handle: &handle,
        };
        let (operations, modules) = self.children(
            children,
            &format!("{here}.item"),
            titles,
            &auth,
            &words,
            &parent,
        )?;
        Ok(Module {
            handle,
            name,
            title,
            key: titles.join(" / "),
            docs: item
                .description
                .as_ref()
                .map(|d| d.0.clone())
                .unwrap_or_default(),
            operations,
            modules,
            enums: Vec::new(),
            types: (),
            mount: None,
        })
    }

    /// `key`, or `key (2)`, `key (3)`... for the second request of the same path.
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

    /// The method name a request wants: the overrides file's, or its title's.
    fn operation_name(
        &self,
        key: &str,
        title: &str,
        module_words: &[String],
    ) -> Result<String, Error> {
        match self
            .overrides
            .operations
            .get(key)
            .and_then(|o| o.name.as_deref())
        {
            Some(name) => checked_name(name, &format!("operations.\"{key}\".name")),
            None => Ok(operation_name(title, module_words)),
        }
    }

    fn operation(
        &mut self,
        item: &Item,
        request: &RequestObject,
        here: &str,
        key: String,
        names: Names,
        parent_auth: &Resolved,
    ) -> Result<Operation<Untyped>, Error> {
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
        let secret = resolved
            .secret_variable
            .clone()
            .or_else(|| self.overrides.api.key_variable.clone());
        let mut builder = ParamsBuilder::new(
            &self.variables,
            &self.split_keys,
            self.warnings,
            here,
            secret,
        );
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
        let params = param_overrides::apply(&key, params, self.overrides, self.enums)?;
        let (mut params, fixed_params) = param_overrides::fixed(&key, params, self.overrides)?;
        let body_argument = body.is_argument().then_some(BODY_ARGUMENT);
        let mut scope = Scope::with_reserved(BUILDER_NAMES.iter().copied().chain(body_argument));
        for param in &mut params {
            param.ident = scope.claim(&param.ident);
        }

        let (safety, safety_reason) = self.safety(&key, &method);
        let mut docs = item
            .description
            .as_ref()
            .or(request.description.as_ref())
            .map(|d| d.0.trim().to_owned())
            .unwrap_or_default();
        if let Some(extra) = self
            .overrides
            .operations
            .get(&key)
            .and_then(|o| o.docs.as_deref())
        {
            if !docs.is_empty() {
                docs.push_str("\n\n");
            }
            docs.push_str(extra.trim());
        }
        let examples = item
            .response
            .iter()
            .flatten()
            .map(|r| example(r, &self.variables))
            .collect();
        let errors = self.error_kinds(&key)?;
        Ok(Operation {
            key,
            builder: names.builder,
            constant: names.constant,
            name: names.method,
            title: item.name.0.clone(),
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
            errors,
            body_type: (),
            response: (),
        })
    }

    /// The safety class of request `key`: listed in the overrides file, else its
    /// `safety.default`, else what the method implies.
    fn safety(&self, key: &str, method: &str) -> (Safety, SafetyReason) {
        let s = &self.overrides.safety;
        let listed = [
            (&s.paid, Safety::Paid, "paid"),
            (&s.mutation, Safety::Mutation, "mutation"),
            (&s.read_only, Safety::ReadOnly, "read_only"),
        ];
        for (set, safety, list) in listed {
            if set.contains(key) {
                return (safety, SafetyReason::Listed(list));
            }
        }
        let safety = match s.default {
            Some(SafetyClass::ReadOnly) => Safety::ReadOnly,
            Some(SafetyClass::Mutation) => Safety::Mutation,
            Some(SafetyClass::Paid) => Safety::Paid,
            None if matches!(method, "GET" | "HEAD" | "OPTIONS") => Safety::ReadOnly,
            None => Safety::Mutation,
        };
        let reason = match s.default {
            Some(_) => SafetyReason::OverridesDefault,
            None => SafetyReason::Method(method.to_owned()),
        };
        (safety, reason)
    }
}

/// The handle of module `name` (`business` → `Business`), unless its file already
/// uses that name (`value` → `ValueFolder`) or it has no capital letter (`_3d` →
/// `_3dFolder`: a tuple struct `_3d` would forbid a parameter `_3d` in its file, E0530).
fn handle_name(name: &str) -> String {
    let handle = pascal_ident(name, "Folder");
    let lowercase = !handle.chars().any(|c| c.is_ascii_uppercase());
    if lowercase || taken_type_names().any(|taken| taken == handle) {
        format!("{handle}Folder")
    } else {
        handle
    }
}

/// Whether any of `items`, or of the folders among them, is a request.
/// The error for an item with neither `item` nor `request`.
const NEITHER: &str =
    "expected a folder (with `item`) or a request (with `request`), found neither";

/// The JSON path of the first item under `items` (at `path`) that is neither a folder
/// nor a request.
fn neither_folder_nor_request(items: &[Item], path: &str) -> Option<String> {
    items.iter().enumerate().find_map(|(i, item)| {
        let here = format!("{path}.item[{i}]");
        match (&item.item, &item.request) {
            (Some(children), _) => neither_folder_nor_request(children, &here),
            (None, Some(_)) => None,
            (None, None) => Some(here),
        }
    })
}

fn has_requests(items: &[Item]) -> bool {
    items.iter().any(|item| match &item.item {
        Some(children) => has_requests(children),
        None => item.request.is_some(),
    })
}

/// The collection path of `item` under the folders `titles` (`Business / User`).
fn key_of(titles: &[&str], item: &Item) -> String {
    let mut all = titles.to_vec();
    all.push(item.name.0.as_str());
    all.join(" / ")
}

/// A name from the overrides file, which must already be a valid snake_case identifier.
pub(super) fn checked_name(name: &str, path: &str) -> Result<String, Error> {
    let snake = name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if is_valid_ident(name) && snake {
        Ok(name.to_owned())
    } else {
        Err(Error::overrides(
            path,
            format!("`{name}` is not a snake_case Rust identifier"),
        ))
    }
}

/// `purchase` → `PURCHASE`, `type_` → `TYPE`, `_2fa_setup` → `_2FA_SETUP`.
fn constant_name(op_name: &str) -> String {
    use heck::ToShoutySnakeCase;
    let shouty = op_name.to_shouty_snake_case();
    if shouty.starts_with(|c: char| c.is_ascii_digit()) || shouty.is_empty() {
        format!("_{shouty}")
    } else {
        shouty
    }
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// Words that repeat the module's name (`sms` in `Cancel SMS` under `SMS`), with
/// singular and plural forms.
fn module_words(title: &str, name: &str) -> Vec<String> {
    let mut words = BTreeSet::new();
    for source in [title_words(title), name.to_owned()] {
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

/// The method name for a request: its snake-cased name without articles and
/// without words that repeat the module's (`Cancel SMS` in `sms` → `cancel`,
/// `Get a deployment` → `get_deployment`), unless nothing would be left.
fn operation_name(title: &str, module_words: &[String]) -> String {
    let words = title_words(title);
    let kept: Vec<&str> = words
        .split('_')
        .filter(|w| {
            !w.is_empty()
                && !matches!(*w, "a" | "an" | "the")
                && !module_words.iter().any(|m| m == w)
        })
        .collect();
    if kept.is_empty() {
        title_ident(title, "operation")
    } else {
        snake_ident(&kept.join("_"), "operation")
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
        let repos = module_words("Repositories", "repositories");
        assert_eq!(operation_name("Get a deployment", &repos), "get_deployment");
        assert_eq!(
            operation_name("Delete a GitHub Pages site", &repos),
            "delete_github_pages_site"
        );
    }

    #[test]
    fn constants_are_shouty_and_valid() {
        assert_eq!(constant_name("purchase"), "PURCHASE");
        assert_eq!(constant_name("type_"), "TYPE");
        assert_eq!(constant_name("_2fa_setup"), "_2FA_SETUP");
    }
}
