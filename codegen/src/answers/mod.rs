//! Plain-text answers: the overrides file's `[answers]` section, checked against the
//! collection's saved examples and turned into the model the emitter reads.
//!
//! Some APIs answer in text rather than JSON: SMS-Activate's protocol answers
//! `ACCESS_NUMBER:123:79001234567`, `STATUS_WAIT_CODE` or `NO_NUMBERS`. Such an
//! operation declares its answers as patterns (`ACCESS_NUMBER:{id}:{number}`, fields
//! typed with `{min:decimal}` or `{count:int}`); the API declares its error answers
//! once. Every saved example must be one of the declared answers, so the patterns
//! cannot drift from the data.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::diagnostics::{Error, Warnings};
use crate::infer::types::{ErrorExample, ResponseKind, ResponseModel, TypeKind};
use crate::ir::names::{is_valid_ident, pascal_ident};

mod pattern;

use crate::ir::{Api, Module, Operation};
use crate::overrides::Overrides;
use pattern::{definition, matches, name_variants};

/// The `[answers]` section.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswersOverride {
    /// The name of the enum of error answers (`ErrorAnswer` when not set).
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    /// Every error answer of the API: any operation may give any of them.
    #[serde(default)]
    pub errors: Vec<AnswerOverride>,
    /// Per operation, keyed by its path in the collection.
    #[serde(default)]
    pub operations: BTreeMap<String, OperationAnswersOverride>,
    /// Where the answers are documented.
    pub reason: String,
}

/// The answers of one operation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperationAnswersOverride {
    /// The name of the success type (`<Operation>Answer` when not set).
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    /// The success answers: one makes a struct, several an enum.
    pub success: Vec<AnswerOverride>,
    /// The codes of the API's error answers documented for this operation (for its
    /// docs; every error answer is recognised from every operation).
    #[serde(default)]
    pub errors: Vec<String>,
}

/// One answer.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerOverride {
    /// The pattern: `NO_NUMBERS`, `ACCESS_NUMBER:{id}:{number}`, `ACCESS_BALANCE:{balance:decimal}`.
    pub answer: String,
    /// The Rust variant name, when the one made from the code reads badly.
    pub name: Option<String>,
    /// What the answer means.
    pub docs: String,
    /// Documentation of its fields, by name.
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
    /// The answer says the API key was rejected (the runtime's `InvalidApiKey`).
    #[serde(default)]
    pub invalid_api_key: bool,
}

/// The type of an answer's field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldType {
    /// `{name}` or `{name:string}`: text.
    Text,
    /// `{name:int}`: a 64-bit integer.
    Int,
    /// `{name:decimal}`: an exact decimal.
    Decimal,
}

/// A field of an answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswerField {
    /// The name in the pattern.
    pub name: String,
    /// The Rust field name.
    pub ident: String,
    /// Its type.
    pub ty: FieldType,
    /// Documentation.
    pub docs: String,
}

/// A declared answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswerDef {
    /// The pattern as the runtime reads it (types removed): `WRONG_MAX_PRICE:{min}`.
    pub pattern: String,
    /// The code: the literal text before the first field (`WRONG_MAX_PRICE`).
    pub code: String,
    /// The Rust variant name.
    pub variant: String,
    /// The fields, in order.
    pub fields: Vec<AnswerField>,
    /// What it means.
    pub docs: String,
    /// Whether it is an error answer.
    pub is_error: bool,
    /// Whether it says the key was rejected.
    pub invalid_api_key: bool,
    /// Saved examples that are this answer: (name, body).
    pub examples: Vec<(String, String)>,
}

/// The answers of one operation (in its [`ResponseModel`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OperationAnswers {
    /// The success type's name.
    pub type_name: String,
    /// The success answers.
    pub success: Vec<AnswerDef>,
    /// The codes of the error answers documented for it.
    pub errors: Vec<String>,
    /// The Rust path of the module whose file holds the API's error table (empty for
    /// the crate root; a mounted collection's module name).
    pub api_root: String,
}

impl OperationAnswers {
    /// Whether the success type is a struct (one answer) rather than an enum.
    pub fn is_struct(&self) -> bool {
        self.success.len() == 1
    }
}

/// The API-wide error answers (in [`Api`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiAnswers {
    /// The name of the error enum.
    pub type_name: String,
    /// Every error answer.
    pub errors: Vec<AnswerDef>,
    /// Where the answers are documented.
    pub source: String,
}

/// Reads `[answers]`: checks it against the collection and its saved examples, and
/// gives the operations it names their answer types.
pub fn apply(api: &mut Api, overrides: &Overrides, warnings: &mut Warnings) -> Result<(), Error> {
    let Some(section) = &overrides.answers else {
        return Ok(());
    };
    let type_name = section.type_name.as_deref().unwrap_or("ErrorAnswer");
    check_type_name(type_name, "answers.type")?;
    let mut errors = Vec::with_capacity(section.errors.len());
    for (i, answer) in section.errors.iter().enumerate() {
        errors.push(definition(answer, &format!("answers.errors[{i}]"), true)?);
    }
    name_variants(&mut errors, &section.errors, false, "answers.errors")?;
    let codes: BTreeSet<&str> = errors.iter().map(|e| e.code.as_str()).collect();
    if codes.len() != errors.len() {
        return Err(Error::overrides(
            "answers.errors",
            "two error answers have the same code",
        ));
    }
    let codes: BTreeSet<String> = codes.into_iter().map(str::to_owned).collect();

    for (key, declared) in &section.operations {
        let place = format!("answers.operations.\"{key}\"");
        let Some(path) = find_operation(&api.root, key) else {
            return Err(Error::overrides(
                place,
                format!("no request `{key}` in the collection"),
            ));
        };
        if let Some(code) = declared.errors.iter().find(|c| !codes.contains(*c)) {
            return Err(Error::overrides(
                format!("{place}.errors"),
                format!("`{code}` is not the code of an answer in `answers.errors`"),
            ));
        }
        if declared.success.is_empty() {
            return Err(Error::overrides(
                format!("{place}.success"),
                "an operation needs at least one success answer",
            ));
        }
        let mut success = Vec::with_capacity(declared.success.len());
        for (i, answer) in declared.success.iter().enumerate() {
            if answer.invalid_api_key {
                return Err(Error::overrides(
                    format!("{place}.success[{i}]"),
                    "a success answer cannot reject the key; declare it under `answers.errors`",
                ));
            }
            success.push(definition(answer, &format!("{place}.success[{i}]"), false)?);
        }
        name_variants(
            &mut success,
            &declared.success,
            true,
            &format!("{place}.success"),
        )?;
        let success_codes: BTreeSet<&str> = success.iter().map(|d| d.code.as_str()).collect();
        if success_codes.len() != success.len() {
            return Err(Error::overrides(
                format!("{place}.success"),
                "two success answers have the same code",
            ));
        }
        let (module, index) = navigate(&mut api.root, &path);
        let op = &mut module.operations[index];
        let mut model = sort_examples(op, &mut success, &mut errors, &place)?;
        for def in &success {
            if def.examples.is_empty() {
                warnings.add(
                    "declared answer without a saved example",
                    format!("{place}: {}", def.pattern),
                );
            }
        }
        let type_name = match &declared.type_name {
            Some(name) => name.clone(),
            None => format!("{}Answer", pascal_ident(&op.name, "Operation")),
        };
        check_type_name(&type_name, &format!("{place}.type"))?;
        // An operation without saved examples got an `Unverified` JSON type: drop it.
        if let ResponseKind::Json(old) = &op.response.kind {
            let old = old.clone();
            module
                .types
                .retain(|t| !(t.name == old && t.kind == TypeKind::Unverified));
        }
        let builders: Vec<String> = module
            .operations
            .iter()
            .map(crate::infer::request_type_name)
            .collect();
        let other_answers = module
            .operations
            .iter()
            .filter_map(|o| o.response.answers.as_ref())
            .any(|a| a.type_name == type_name);
        if module.types.iter().any(|t| t.name == type_name)
            || builders.contains(&type_name)
            || module.handle == type_name
            || other_answers
        {
            return Err(Error::overrides(
                format!("{place}.type"),
                format!(
                    "`{type_name}` is already a type of the module; choose another with `type`"
                ),
            ));
        }
        let op = &mut module.operations[index];
        model.kind = ResponseKind::Answer(type_name.clone());
        model.answers = Some(OperationAnswers {
            type_name,
            success,
            errors: declared.errors.clone(),
            api_root: String::new(),
        });
        op.response = model;
    }
    for def in &errors {
        if def.examples.is_empty() {
            warnings.add(
                "declared answer without a saved example",
                format!("answers.errors: {}", def.pattern),
            );
        }
    }
    api.answers = Some(ApiAnswers {
        type_name: type_name.to_owned(),
        errors,
        source: section.reason.trim().to_owned(),
    });
    Ok(())
}

/// Sorts the saved examples of `op` into its success answers and the API's error
/// answers (recording each example on its answer); an example that is neither stops
/// generation.
fn sort_examples(
    op: &Operation,
    success: &mut [AnswerDef],
    errors: &mut [AnswerDef],
    place: &str,
) -> Result<ResponseModel, Error> {
    let mut model = ResponseModel::default();
    for example in &op.examples {
        let body = example.body.trim();
        let found = |defs: &[AnswerDef]| {
            defs.iter()
                .position(|d| matches(&d.pattern, &d.fields, body))
        };
        if let Some(i) = found(success) {
            success[i]
                .examples
                .push((example.name.clone(), body.to_owned()));
            model.successes.push(example.name.clone());
        } else if let Some(i) = found(errors) {
            let def = &mut errors[i];
            def.examples.push((example.name.clone(), body.to_owned()));
            model.errors.push(ErrorExample {
                name: example.name.clone(),
                status: example.status,
                message: def.docs.clone(),
                error_type: Some(def.code.clone()),
                params: Vec::new(),
                extra_fields: def.fields.iter().map(|f| f.name.clone()).collect(),
                why: "a declared error answer",
            });
        } else {
            return Err(Error::overrides(
                place,
                format!(
                    "the saved example `{}` ({body:?}) is none of the declared answers",
                    example.name
                ),
            ));
        }
    }
    Ok(model)
}

fn check_type_name(name: &str, place: &str) -> Result<(), Error> {
    if is_valid_ident(name) && name.starts_with(|c: char| c.is_ascii_uppercase()) {
        Ok(())
    } else {
        Err(Error::overrides(
            place,
            format!("`{name}` is not a Rust type name (UpperCamelCase)"),
        ))
    }
}

/// The indices leading to the module that holds the operation `key`, and its index.
fn find_operation(root: &Module, key: &str) -> Option<(Vec<usize>, usize)> {
    if let Some(i) = root.operations.iter().position(|op| op.key == key) {
        return Some((Vec::new(), i));
    }
    for (m, child) in root.modules.iter().enumerate() {
        if let Some((mut path, i)) = find_operation(child, key) {
            path.insert(0, m);
            return Some((path, i));
        }
    }
    None
}

fn navigate<'a>(root: &'a mut Module, path: &(Vec<usize>, usize)) -> (&'a mut Module, usize) {
    let mut module = root;
    for &i in &path.0 {
        module = &mut module.modules[i];
    }
    (module, path.1)
}

/// One line per answer for the model listing.
pub fn listing(answers: &OperationAnswers) -> Vec<String> {
    answers
        .success
        .iter()
        .map(|d| {
            let fields: Vec<String> = d
                .fields
                .iter()
                .map(|f| format!("{}: {:?}", f.ident, f.ty))
                .collect();
            let examples: Vec<&str> = d.examples.iter().map(|(n, _)| n.as_str()).collect();
            format!(
                "answer {:?} => {} {{{}}} from {examples:?}",
                d.pattern,
                d.variant,
                fields.join(", ")
            )
        })
        .chain(
            answers
                .errors
                .iter()
                .map(|code| format!("documents error {code}")),
        )
        .collect()
}

#[cfg(test)]
mod apply_tests {
    use super::*;

    const COLLECTION: &str = r#"{
        "info": {"name": "T", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [{"name": "Get", "request": {"method": "GET", "url": "https://api.example.com/get"},
                  "response": [{"name": "ok", "code": 200, "body": "OK:5"},
                               {"name": "odd", "code": 200, "body": "WHAT"}]}]
    }"#;

    fn model(overrides: &str) -> Result<Api, Error> {
        let overrides = Overrides::parse(overrides)?;
        crate::model(COLLECTION, &overrides, &mut Warnings::default())
    }

    #[test]
    fn every_saved_example_must_be_a_declared_answer() {
        let base = "[answers]\nreason = \"r\"\n[answers.operations.Get]\nsuccess = [{ answer = \"OK:{n:int}\", docs = \"d\" }]\n";
        let err = model(base).expect_err("WHAT is undeclared");
        assert!(err.message.contains("`odd` (\"WHAT\")"), "{err}");
        let with_error = base.replace(
            "[answers]\n",
            "[answers]\nerrors = [{ answer = \"WHAT\", docs = \"?\" }]\n",
        );
        let api = model(&with_error).expect("models");
        let op = &api.root.operations[0];
        assert_eq!(op.response.kind, ResponseKind::Answer("GetAnswer".into()));
        assert_eq!(op.response.successes, ["ok"]);
        assert_eq!(op.response.errors[0].error_type.as_deref(), Some("WHAT"));
    }

    #[test]
    fn answers_must_name_real_operations_and_errors() {
        let err = model("[answers]\nreason = \"r\"\n[answers.operations.Nope]\nsuccess = []\n")
            .expect_err("no such request");
        assert!(err.message.contains("no request `Nope`"), "{err}");
        let err = model(
            "[answers]\nreason = \"r\"\n[answers.operations.Get]\nsuccess = [{ answer = \"OK:{n}\", docs = \"d\" }]\nerrors = [\"GONE\"]\n",
        )
        .expect_err("no such error");
        assert!(err.message.contains("`GONE`"), "{err}");
    }
}
