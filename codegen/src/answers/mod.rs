//! Plain-text answers: the overrides file's `[answers]` section, checked against the
//! collection's saved examples, decides the responses of operations that do not
//! answer in JSON.
//!
//! Some APIs answer in text rather than JSON: SMS-Activate's protocol answers
//! `ACCESS_NUMBER:123:79001234567`, `STATUS_WAIT_CODE` or `NO_NUMBERS`. Such an
//! operation declares its answers as patterns (`ACCESS_NUMBER:{id}:{number}`, fields
//! typed with `{min:decimal}` or `{count:int}`); the API declares its error answers
//! once. Every saved example must be one of the declared answers, so the patterns
//! cannot drift from the data.

mod pattern;

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::{Error, Stale, Warnings};
use crate::model::{
    AnswerDef, ApiAnswers, ErrorExample, ErrorReason, Module, Operation, OperationAnswers,
    Response, ResponseKind, TextAnswers, Untyped,
};
use crate::names::{is_valid_ident, pascal_ident};
use crate::overrides::Overrides;
use crate::text::strip_tags;
use pattern::{definitions, matches};

/// Reads `[answers]`, if the overrides file has one: checks it against the collection
/// and its saved examples, and returns the API's error answers and the response of
/// every operation it names.
pub fn resolve(
    root: &Module<Untyped>,
    overrides: &Overrides,
    warnings: &mut Warnings,
) -> Result<Option<TextAnswers>, Error> {
    let Some(section) = &overrides.answers else {
        return Ok(None);
    };
    let type_name = section.type_name.as_deref().unwrap_or("ErrorAnswer");
    check_type_name(type_name, "answers.type")?;
    let mut errors = definitions(&section.errors, "answers.errors", true, false)?;
    let codes: BTreeSet<&str> = errors.iter().map(|e| e.code.as_str()).collect();
    if codes.len() != errors.len() {
        return Err(Error::overrides(
            "answers.errors",
            "two error answers have the same code",
        ));
    }
    let codes: BTreeSet<String> = codes.into_iter().map(str::to_owned).collect();

    let mut responses = BTreeMap::new();
    // The answer types each module has, to keep them apart.
    let mut taken: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (key, declared) in &section.operations {
        let place = format!("answers.operations.\"{key}\"");
        let Some((module, op)) = find(root, key) else {
            return Err(Error::stale(
                place,
                format!("no request `{key}` in the collection"),
                Stale::Answers(key.clone()),
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
        if let Some(i) = declared.success.iter().position(|a| a.invalid_api_key) {
            return Err(Error::overrides(
                format!("{place}.success[{i}]"),
                "a success answer cannot reject the key; declare it under `answers.errors`",
            ));
        }
        let mut success = definitions(&declared.success, &format!("{place}.success"), false, true)?;
        let success_codes: BTreeSet<&str> = success.iter().map(|d| d.code.as_str()).collect();
        if success_codes.len() != success.len() {
            return Err(Error::overrides(
                format!("{place}.success"),
                "two success answers have the same code",
            ));
        }
        let (successes, error_examples) = sort_examples(op, &mut success, &mut errors, &place)?;
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
        let module_types = taken.entry(module.key.as_str()).or_default();
        if module.operations.iter().any(|o| o.builder == type_name)
            || module.handle == type_name
            || !module_types.insert(type_name.clone())
        {
            return Err(Error::overrides(
                format!("{place}.type"),
                format!(
                    "`{type_name}` is already a type of the module; choose another with `type`"
                ),
            ));
        }
        responses.insert(
            key.clone(),
            Response {
                kind: ResponseKind::Answer(type_name.clone()),
                successes,
                errors: error_examples,
                unverified: false,
                answers: Some(OperationAnswers {
                    type_name,
                    success,
                    errors: declared.errors.clone(),
                }),
            },
        );
    }
    for def in &errors {
        if def.examples.is_empty() {
            warnings.add(
                "declared answer without a saved example",
                format!("answers.errors: {}", def.pattern),
            );
        }
    }
    Ok(Some(TextAnswers {
        api: ApiAnswers {
            type_name: type_name.to_owned(),
            errors,
            source: section.reason.trim().to_owned(),
        },
        responses,
    }))
}

/// Sorts the saved examples of `op` into its success answers and the API's error
/// answers (recording each example on its answer): the names of the successes and
/// the errors. An example that is neither stops generation.
fn sort_examples(
    op: &Operation<Untyped>,
    success: &mut [AnswerDef],
    errors: &mut [AnswerDef],
    place: &str,
) -> Result<(Vec<String>, Vec<ErrorExample>), Error> {
    let mut successes = Vec::new();
    let mut error_examples = Vec::new();
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
            successes.push(example.name.clone());
        } else if let Some(i) = found(errors) {
            let def = &mut errors[i];
            def.examples.push((example.name.clone(), body.to_owned()));
            error_examples.push(ErrorExample {
                name: example.name.clone(),
                status: example.status,
                message: strip_tags(&def.docs),
                error_type: Some(def.code.clone()),
                params: Vec::new(),
                extra_fields: def.fields.iter().map(|f| f.name.clone()).collect(),
                reason: ErrorReason::DeclaredAnswer,
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
    Ok((successes, error_examples))
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

/// The operation with collection path `key`, and the module it is in.
fn find<'a>(
    root: &'a Module<Untyped>,
    key: &str,
) -> Option<(&'a Module<Untyped>, &'a Operation<Untyped>)> {
    root.walk().into_iter().find_map(|(_, module)| {
        module
            .operations
            .iter()
            .find(|op| op.key == key)
            .map(|op| (module, op))
    })
}
