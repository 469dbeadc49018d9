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
use crate::ir::names::{is_valid_ident, pascal_ident, snake_ident};
use crate::ir::{Api, Module};
use crate::overrides::Overrides;

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
        let mut model = ResponseModel::default();
        for example in &op.examples {
            let body = example.body.trim();
            if let Some(def) = success
                .iter_mut()
                .find(|d| matches(&d.pattern, &d.fields, body))
            {
                def.examples.push((example.name.clone(), body.to_owned()));
                model.successes.push(example.name.clone());
            } else if let Some(def) = errors
                .iter_mut()
                .find(|d| matches(&d.pattern, &d.fields, body))
            {
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
        if module.types.iter().any(|t| t.name == type_name)
            || builders.contains(&type_name)
            || module.handle == type_name
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

/// A parsed pattern: the literal text before the first field, then each field with
/// its type and the literal text after it.
struct Parsed {
    head: String,
    fields: Vec<(String, FieldType, String)>,
}

fn parse_pattern(pattern: &str, place: &str) -> Result<Parsed, Error> {
    let bad = |message: String| Error::overrides(place, format!("pattern {pattern:?}: {message}"));
    let (head, mut rest) = match pattern.split_once('{') {
        Some((head, rest)) => (head, Some(rest)),
        None => (pattern, None),
    };
    if head.contains('}') {
        return Err(bad("`}` without `{`".into()));
    }
    if !head.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Err(bad(
            "an answer starts with its code, a word such as `ACCESS_NUMBER`".into(),
        ));
    }
    let mut fields: Vec<(String, FieldType, String)> = Vec::new();
    while let Some(text) = rest {
        let (inside, after) = text
            .split_once('}')
            .ok_or_else(|| bad("`{` without `}`".into()))?;
        let (name, ty) = match inside.split_once(':') {
            Some((name, ty)) => (name.trim(), ty.trim()),
            None => (inside.trim(), "string"),
        };
        let ty = match ty {
            "string" => FieldType::Text,
            "int" => FieldType::Int,
            "decimal" => FieldType::Decimal,
            other => {
                return Err(bad(format!(
                    "field type `{other}`; expected string, int or decimal"
                )));
            }
        };
        let valid_name = name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !valid_name {
            return Err(bad(format!(
                "field name {name:?}; expected letters, digits and `_`"
            )));
        }
        if fields.iter().any(|(n, _, _)| n == name) {
            return Err(bad(format!("field `{name}` appears twice")));
        }
        let (literal, next) = match after.split_once('{') {
            Some((literal, next)) => (literal, Some(next)),
            None => (after, None),
        };
        if literal.contains('}') {
            return Err(bad("`}` without `{`".into()));
        }
        if literal.is_empty() && next.is_some() {
            return Err(bad(format!(
                "fields `{name}` and the next one need text between them"
            )));
        }
        fields.push((name.to_owned(), ty, literal.to_owned()));
        rest = next;
    }
    Ok(Parsed {
        head: head.to_owned(),
        fields,
    })
}

fn definition(answer: &AnswerOverride, place: &str, is_error: bool) -> Result<AnswerDef, Error> {
    let parsed = parse_pattern(answer.answer.trim(), &format!("{place}.answer"))?;
    let mut pattern = parsed.head.clone();
    for (name, _, literal) in &parsed.fields {
        pattern.push('{');
        pattern.push_str(name);
        pattern.push('}');
        pattern.push_str(literal);
    }
    let code = parsed
        .head
        .trim_end_matches(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .to_owned();
    if let Some(unknown) = answer
        .fields
        .keys()
        .find(|k| !parsed.fields.iter().any(|(n, _, _)| n == *k))
    {
        return Err(Error::overrides(
            format!("{place}.fields"),
            format!("the pattern has no field `{unknown}`"),
        ));
    }
    let fields = parsed
        .fields
        .iter()
        .map(|(name, ty, _)| AnswerField {
            name: name.clone(),
            // `matched` is the name of the answer in the emitted builder.
            ident: match snake_ident(name, "field") {
                ident if ident == "matched" => "matched_".to_owned(),
                ident => ident,
            },
            ty: *ty,
            docs: answer
                .fields
                .get(name)
                .map(|d| d.trim().to_owned())
                .unwrap_or_else(|| format!("The `{{{name}}}` part of `{pattern}`.")),
        })
        .collect();
    if let Some(name) = &answer.name
        && !(is_valid_ident(name) && name.starts_with(|c: char| c.is_ascii_uppercase()))
    {
        return Err(Error::overrides(
            format!("{place}.name"),
            format!("`{name}` is not a Rust variant name (UpperCamelCase)"),
        ));
    }
    Ok(AnswerDef {
        pattern,
        code,
        variant: String::new(),
        fields,
        docs: answer.docs.trim().to_owned(),
        is_error,
        invalid_api_key: answer.invalid_api_key,
        examples: Vec::new(),
    })
}

/// Variant names: the given `name`, else the code in UpperCamelCase; with
/// `strip_common`, leading words every code shares are dropped (`STATUS_WAIT_CODE`,
/// `STATUS_OK` → `WaitCode`, `Ok`).
fn name_variants(
    defs: &mut [AnswerDef],
    declared: &[AnswerOverride],
    strip_common: bool,
    place: &str,
) -> Result<(), Error> {
    let words: Vec<Vec<String>> = defs
        .iter()
        .map(|d| {
            d.code
                .split('_')
                .filter(|w| !w.is_empty())
                .map(str::to_ascii_lowercase)
                .collect()
        })
        .collect();
    let mut common = 0;
    if strip_common && defs.len() > 1 {
        while words
            .iter()
            .all(|w| w.len() > common + 1 && w[common] == words[0][common])
        {
            common += 1;
        }
    }
    let mut seen = BTreeSet::new();
    for ((def, declared), words) in defs.iter_mut().zip(declared).zip(&words) {
        def.variant = match &declared.name {
            Some(name) => name.clone(),
            None => pascal_ident(&words[common.min(words.len())..].join("_"), "Answer"),
        };
        if !seen.insert(def.variant.clone()) {
            return Err(Error::overrides(
                place,
                format!("two answers are named `{}`; give one a `name`", def.variant),
            ));
        }
    }
    Ok(())
}

/// Whether `text` is an answer of `pattern`, with fields of the right types: the
/// runtime's matching (`smspool_runtime::answer`), for checking saved examples.
fn matches(pattern: &str, fields: &[AnswerField], text: &str) -> bool {
    let Ok(parsed) = parse_pattern(pattern, "") else {
        return false;
    };
    let Some(mut rest) = text.strip_prefix(parsed.head.as_str()) else {
        return false;
    };
    let last = parsed.fields.len().checked_sub(1);
    for (i, (name, _, literal)) in parsed.fields.iter().enumerate() {
        let value = if Some(i) == last {
            let Some(value) = rest.strip_suffix(literal.as_str()) else {
                return false;
            };
            rest = "";
            value
        } else {
            let Some((value, after)) = rest.split_once(literal.as_str()) else {
                return false;
            };
            rest = after;
            value
        };
        let ty = fields
            .iter()
            .find(|f| &f.name == name)
            .map_or(FieldType::Text, |f| f.ty);
        let fits = match ty {
            FieldType::Text => true,
            FieldType::Int => value.parse::<i64>().is_ok(),
            FieldType::Decimal => is_decimal(value),
        };
        if value.is_empty() || !fits {
            return false;
        }
    }
    rest.is_empty()
}

fn is_decimal(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
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
mod tests {
    use super::*;

    fn def(pattern: &str) -> AnswerDef {
        definition(
            &AnswerOverride {
                answer: pattern.into(),
                name: None,
                docs: "docs".into(),
                fields: BTreeMap::new(),
                invalid_api_key: false,
            },
            "test",
            false,
        )
        .expect("valid")
    }

    #[test]
    fn patterns_give_codes_fields_and_types() {
        let d = def("WRONG_MAX_PRICE:{min:decimal}");
        assert_eq!(d.pattern, "WRONG_MAX_PRICE:{min}");
        assert_eq!(d.code, "WRONG_MAX_PRICE");
        assert_eq!(d.fields[0].ty, FieldType::Decimal);
        assert!(matches(&d.pattern, &d.fields, "WRONG_MAX_PRICE:0.35"));
        assert!(!matches(&d.pattern, &d.fields, "WRONG_MAX_PRICE:cheap"));
        let d = def("ACCESS_NUMBER:{id}:{number}");
        assert!(matches(&d.pattern, &d.fields, "ACCESS_NUMBER:1:79"));
        assert!(!matches(&d.pattern, &d.fields, "ACCESS_NUMBER:1"));
        assert!(!matches(&d.pattern, &d.fields, "ACCESS_NUMBER::79"));
    }

    #[test]
    fn bad_patterns_are_rejected_with_the_reason() {
        for (pattern, reason) in [
            ("{id}", "starts with its code"),
            ("A:{id", "without `}`"),
            ("A:{id}{n}", "need text between"),
            ("A:{id:float}", "field type `float`"),
            ("A:{id}:{id}", "appears twice"),
            ("A:{}", "field name"),
        ] {
            let err = parse_pattern(pattern, "here").err().expect(pattern);
            assert!(err.message.contains(reason), "{pattern}: {err}");
        }
    }

    #[test]
    fn variants_drop_the_words_all_codes_share() {
        let declared: Vec<AnswerOverride> =
            ["STATUS_WAIT_CODE", "STATUS_OK:{code}", "STATUS_CANCEL"]
                .iter()
                .map(|p| AnswerOverride {
                    answer: (*p).into(),
                    name: None,
                    docs: String::new(),
                    fields: BTreeMap::new(),
                    invalid_api_key: false,
                })
                .collect();
        let mut defs: Vec<AnswerDef> = declared.iter().map(|a| def(&a.answer)).collect();
        name_variants(&mut defs, &declared, true, "x").expect("unique");
        let names: Vec<&str> = defs.iter().map(|d| d.variant.as_str()).collect();
        assert_eq!(names, ["WaitCode", "Ok", "Cancel"]);
    }
}
