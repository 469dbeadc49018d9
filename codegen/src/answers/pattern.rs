//! Answer patterns: parsing (`ACCESS_NUMBER:{id}:{number}`, `{min:decimal}`), the
//! definitions the emitter reads, variant names, and matching saved examples the way
//! the runtime matches live answers.

use std::collections::BTreeSet;

use heck::ToShoutySnakeCase;

use crate::diagnostics::Error;
use crate::model::{AnswerDef, AnswerField, FieldType};
use crate::names::{is_valid_ident, pascal_ident, snake_ident};
use crate::overrides::AnswerOverride;

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

/// The definitions of the answers `declared` at `place` (`answers.errors`): each
/// pattern checked, its fields typed and documented, its variant named (with
/// `strip_common`, leading words every code shares are dropped: `STATUS_WAIT_CODE`,
/// `STATUS_OK` → `WaitCode`, `Ok`).
pub(super) fn definitions(
    declared: &[AnswerOverride],
    place: &str,
    is_error: bool,
    strip_common: bool,
) -> Result<Vec<AnswerDef>, Error> {
    let mut parsed = Vec::with_capacity(declared.len());
    for (i, answer) in declared.iter().enumerate() {
        let at = format!("{place}[{i}]");
        let pattern = parse_pattern(answer.answer.trim(), &format!("{at}.answer"))?;
        check_declaration(answer, &pattern, &at)?;
        parsed.push(pattern);
    }
    let codes: Vec<String> = parsed.iter().map(Parsed::code).collect();
    let variants = variant_names(&codes, declared, strip_common, place)?;
    Ok(declared
        .iter()
        .zip(parsed)
        .zip(codes.into_iter().zip(variants))
        .map(|((answer, parsed), (code, variant))| {
            definition(answer, &parsed, code, variant, is_error)
        })
        .collect())
}

impl Parsed {
    /// The answer's code: the literal text before the first field, without the
    /// separator (`WRONG_MAX_PRICE` of `WRONG_MAX_PRICE:{min}`).
    fn code(&self) -> String {
        self.head
            .trim_end_matches(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .to_owned()
    }

    /// The pattern as the runtime reads it, field types removed.
    fn runtime_pattern(&self) -> String {
        let mut pattern = self.head.clone();
        for (name, _, literal) in &self.fields {
            pattern.push('{');
            pattern.push_str(name);
            pattern.push('}');
            pattern.push_str(literal);
        }
        pattern
    }
}

/// Field docs must name fields of the pattern, and a variant name must be one.
fn check_declaration(answer: &AnswerOverride, parsed: &Parsed, place: &str) -> Result<(), Error> {
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
    if let Some(name) = &answer.name
        && !(is_valid_ident(name) && name.starts_with(|c: char| c.is_ascii_uppercase()))
    {
        return Err(Error::overrides(
            format!("{place}.name"),
            format!("`{name}` is not a Rust variant name (UpperCamelCase)"),
        ));
    }
    Ok(())
}

fn definition(
    answer: &AnswerOverride,
    parsed: &Parsed,
    code: String,
    variant: String,
    is_error: bool,
) -> AnswerDef {
    let pattern = parsed.runtime_pattern();
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
            docs: answer.fields.get(name).map(|d| d.trim().to_owned()),
        })
        .collect();
    AnswerDef {
        constant: code.to_shouty_snake_case(),
        pattern,
        code,
        variant,
        fields,
        docs: answer.docs.trim().to_owned(),
        is_error,
        invalid_api_key: answer.invalid_api_key,
        examples: Vec::new(),
    }
}

/// Variant names: the given `name`, else the code in UpperCamelCase, leading words
/// every code shares dropped with `strip_common`; two alike are an error.
fn variant_names(
    codes: &[String],
    declared: &[AnswerOverride],
    strip_common: bool,
    place: &str,
) -> Result<Vec<String>, Error> {
    let words: Vec<Vec<String>> = codes
        .iter()
        .map(|code| {
            code.split('_')
                .filter(|w| !w.is_empty())
                .map(str::to_ascii_lowercase)
                .collect()
        })
        .collect();
    let mut common = 0;
    if strip_common && codes.len() > 1 {
        while words
            .iter()
            .all(|w| w.len() > common + 1 && w[common] == words[0][common])
        {
            common += 1;
        }
    }
    let mut seen = BTreeSet::new();
    let mut names = Vec::with_capacity(codes.len());
    for (declared, words) in declared.iter().zip(&words) {
        let name = match &declared.name {
            Some(name) => name.clone(),
            None => pascal_ident(&words[common.min(words.len())..].join("_"), "Answer"),
        };
        if !seen.insert(name.clone()) {
            return Err(Error::overrides(
                place,
                format!("two answers are named `{name}`; give one a `name`"),
            ));
        }
        names.push(name);
    }
    Ok(names)
}

/// Whether `text` is an answer of `pattern`, with fields of the right types: the
/// runtime's matching (`postgen_runtime::answer`), for checking saved examples.
pub(super) fn matches(pattern: &str, fields: &[AnswerField], text: &str) -> bool {
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn declared(pattern: &str) -> AnswerOverride {
        AnswerOverride {
            answer: pattern.into(),
            name: None,
            docs: "docs".into(),
            fields: BTreeMap::new(),
            invalid_api_key: false,
        }
    }

    fn def(pattern: &str) -> AnswerDef {
        definitions(&[declared(pattern)], "test", false, false)
            .expect("valid")
            .remove(0)
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
        let all: Vec<AnswerOverride> = ["STATUS_WAIT_CODE", "STATUS_OK:{code}", "STATUS_CANCEL"]
            .into_iter()
            .map(declared)
            .collect();
        let defs = definitions(&all, "x", false, true).expect("unique");
        let names: Vec<&str> = defs.iter().map(|d| d.variant.as_str()).collect();
        assert_eq!(names, ["WaitCode", "Ok", "Cancel"]);
        assert_eq!(defs[1].constant, "STATUS_OK");
    }
}
