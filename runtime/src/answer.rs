//! Plain-text answers: protocols such as SMS-Activate's answer `ACCESS_NUMBER:123:7900…`,
//! `STATUS_WAIT_CODE` or `NO_NUMBERS` instead of JSON.
//!
//! The generator emits, for each operation that answers in text, a table of the
//! answers it documents ([`Answer`]: a pattern such as `ACCESS_NUMBER:{id}:{number}`,
//! a message and whether it is a success or an error, as a [`Table`]) and a function
//! that builds the typed value from a [`Matched`] answer. [`Client::execute_answers`](crate::Client::execute_answers)
//! matches the body against the tables:
//!
//! - a success answer becomes the operation's value;
//! - an error answer becomes [`Error::Api`] whose [`error_type`](crate::ApiError::error_type)
//!   is the answer's code (`NO_NUMBERS`) and whose [`extra`](crate::ApiError::extra)
//!   holds its fields (`{"min": "0.35"}` for `WRONG_MAX_PRICE:0.35`), or
//!   [`Error::InvalidApiKey`] for an answer that says the key was rejected;
//! - a known answer with missing or bad fields (`ACCESS_NUMBER:123`), and any text the
//!   tables do not describe (an empty body, an HTML error page), become
//!   [`Error::Decode`], which keeps the text.

use std::fmt;

use reqwest::StatusCode;
use serde_json::{Map, Value};

use crate::error::{ApiError, DecodeError, Error};
use crate::response::{RawResponse, Reader};

/// What a documented answer means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswerKind {
    /// The call succeeded: the answer is the operation's value.
    Success,
    /// The call failed: returned as [`Error::Api`].
    Error,
    /// The API rejected the key: returned as [`Error::InvalidApiKey`].
    InvalidApiKey,
}

/// One documented plain-text answer.
#[derive(Debug)]
pub struct Answer {
    /// Literal text with `{field}` placeholders: `NO_NUMBERS`, `ACCESS_NUMBER:{id}:{number}`.
    /// A placeholder takes everything up to the literal text that follows it (the last
    /// one takes the rest) and may not be empty.
    pub pattern: &'static str,
    /// What the answer means, used as the error message for error answers.
    pub message: &'static str,
    /// Success or error.
    pub kind: AnswerKind,
}

impl Answer {
    /// The answer's code: the literal text before the first placeholder, without
    /// trailing separators (`ACCESS_NUMBER` for `ACCESS_NUMBER:{id}:{number}`).
    pub fn code(&self) -> &'static str {
        let head = self.pattern.split('{').next().unwrap_or_default();
        head.trim_end_matches(|c: char| !is_word(c))
    }

    /// Matches `text` (already trimmed) against the pattern: the fields by name, or
    /// `None`.
    fn fields<'t>(&self, text: &'t str) -> Option<Vec<(&'static str, &'t str)>> {
        let (head, placeholders) = split_pattern(self.pattern)?;
        let mut rest = text.strip_prefix(head)?;
        let mut fields = Vec::with_capacity(placeholders.len());
        let last = placeholders.len().checked_sub(1);
        for (i, (name, literal)) in placeholders.iter().enumerate() {
            let value = if Some(i) == last {
                let value = rest.strip_suffix(literal)?;
                rest = "";
                value
            } else if literal.is_empty() {
                return None;
            } else {
                let (value, after) = rest.split_once(literal)?;
                rest = after;
                value
            };
            if value.is_empty() {
                return None;
            }
            fields.push((*name, value));
        }
        rest.is_empty().then_some(fields)
    }

    /// Whether `text` starts with this answer's code as a whole word: it is this
    /// answer, well formed or not.
    fn claims(&self, text: &str) -> bool {
        let code = self.code();
        !code.is_empty()
            && text
                .strip_prefix(code)
                .is_some_and(|rest| !rest.starts_with(is_word))
    }
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// `ACCESS_NUMBER:{id}:{number}` → (`ACCESS_NUMBER:`, [(`id`, `:`), (`number`, ``)]).
fn split_pattern(
    pattern: &'static str,
) -> Option<(&'static str, Vec<(&'static str, &'static str)>)> {
    let (head, mut rest) = match pattern.split_once('{') {
        Some((head, rest)) => (head, rest),
        None => return Some((pattern, Vec::new())),
    };
    let mut placeholders = Vec::new();
    loop {
        let (name, after) = rest.split_once('}')?;
        let (literal, next) = match after.split_once('{') {
            Some((literal, next)) => (literal, Some(next)),
            None => (after, None),
        };
        placeholders.push((name, literal));
        match next {
            Some(next) => rest = next,
            None => return Some((head, placeholders)),
        }
    }
}

/// A text that matched a documented answer, with its fields.
#[derive(Debug)]
pub struct Matched<'t> {
    answer: &'static Answer,
    fields: Vec<(&'static str, &'t str)>,
}

impl<'t> Matched<'t> {
    /// The pattern of the answer that matched (`ACCESS_NUMBER:{id}:{number}`).
    pub fn pattern(&self) -> &'static str {
        self.answer.pattern
    }

    /// The answer that matched.
    pub fn answer(&self) -> &'static Answer {
        self.answer
    }

    /// The raw text of field `name`.
    pub fn raw(&self, name: &str) -> Result<&'t str, Malformed> {
        self.fields
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
            .ok_or_else(|| {
                Malformed(format!(
                    "the `{}` answer has no `{name}` field",
                    self.answer.code()
                ))
            })
    }

    /// Field `name` as text.
    pub fn text(&self, name: &str) -> Result<String, Malformed> {
        self.raw(name).map(str::to_owned)
    }

    /// Field `name` as an integer.
    pub fn int(&self, name: &str) -> Result<i64, Malformed> {
        let raw = self.raw(name)?;
        raw.parse().map_err(|_| self.bad(name, raw, "an integer"))
    }

    /// Field `name` as an exact decimal (`12.50`).
    pub fn decimal(&self, name: &str) -> Result<rust_decimal::Decimal, Malformed> {
        let raw = self.raw(name)?;
        raw.parse()
            .map_err(|_| self.bad(name, raw, "a decimal number"))
    }

    /// The error for an answer the caller did not expect here.
    pub fn unexpected(&self) -> Malformed {
        Malformed(format!(
            "the `{}` answer is not expected here",
            self.answer.code()
        ))
    }

    fn bad(&self, name: &str, raw: &str, what: &str) -> Malformed {
        Malformed(format!(
            "the `{name}` field of the `{}` answer is not {what}: {raw:?}",
            self.answer.code()
        ))
    }
}

/// Why a documented answer could not be read (a field is missing or not a number).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Malformed(pub String);

impl fmt::Display for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Malformed {}

/// A table of answers: the success answers of an operation, or the error answers of
/// an API.
pub type Table = [&'static Answer];

/// The result of looking a text up in answer tables.
enum Lookup<'t> {
    /// It matched this answer.
    Found(Matched<'t>),
    /// It starts with an answer's code but does not fit its pattern.
    Malformed(String),
    /// No answer describes it.
    Unknown,
}

fn lookup<'t>(text: &'t str, tables: &[&Table]) -> Lookup<'t> {
    let text = text.trim();
    let answers = || tables.iter().flat_map(|t| t.iter().copied());
    for answer in answers() {
        if let Some(fields) = answer.fields(text) {
            return Lookup::Found(Matched { answer, fields });
        }
    }
    match answers().find(|a| a.claims(text)) {
        Some(answer) => Lookup::Malformed(format!(
            "a `{}` answer that does not fit `{}`",
            answer.code(),
            answer.pattern
        )),
        None => Lookup::Unknown,
    }
}

/// Finds the answer of `table` that `text` is (surrounding whitespace ignored).
pub fn find<'t>(text: &'t str, table: &Table) -> Option<Matched<'t>> {
    match lookup(text, &[table]) {
        Lookup::Found(matched) => Some(matched),
        _ => None,
    }
}

/// Builds a typed value from a matched answer; emitted by the generator.
pub type Build<T> = fn(&Matched<'_>) -> Result<T, Malformed>;

/// The success answers of an operation that answers in text, as a type: what
/// [`Request`](crate::Request) reads with [`Answers`](crate::Answers).
pub trait TextAnswer: Sized {
    /// The answers the operation documents.
    const ANSWERS: &'static Table;
    /// The error answers every operation of the API may give.
    const SHARED: &'static Table;

    /// Builds the value from the answer the runtime matched.
    ///
    /// # Errors
    ///
    /// [`Malformed`] when a field is missing or does not parse.
    fn build(matched: &Matched<'_>) -> Result<Self, Malformed>;
}

impl Reader<'_> {
    /// Reads a plain-text answer: `answers` are the operation's own, `shared` those
    /// every operation of the API may give.
    pub(crate) fn answer<T>(
        &self,
        response: RawResponse,
        answers: &Table,
        shared: &Table,
        build: Build<T>,
    ) -> Result<T, Error> {
        let status = response.status;
        if status == StatusCode::TOO_MANY_REQUESTS {
            return Err(self.failure(&response));
        }
        let text = match std::str::from_utf8(&response.body) {
            Ok(text) => text,
            Err(_) if !status.is_success() => return Err(self.failure(&response)),
            Err(_) => return Err(self.undecodable(&response, "the body is not UTF-8".into())),
        };
        match lookup(text, &[answers, shared]) {
            Lookup::Found(matched) => match matched.answer.kind {
                AnswerKind::Success if status.is_success() => {
                    build(&matched).map_err(|e| self.undecodable(&response, e.0))
                }
                AnswerKind::Success => Err(self.failure(&response)),
                AnswerKind::Error => {
                    Err(Error::Api(Box::new(self.answer_error(&response, &matched))))
                }
                AnswerKind::InvalidApiKey => Err(Error::InvalidApiKey {
                    operation: self.operation.name,
                    error: Box::new(self.answer_error(&response, &matched)),
                }),
            },
            Lookup::Malformed(reason) if status.is_success() => {
                Err(self.undecodable(&response, reason))
            }
            Lookup::Malformed(_) | Lookup::Unknown => {
                self.check(&response)?;
                Err(self.undecodable(&response, "not an answer this operation documents".into()))
            }
        }
    }

    /// The [`ApiError`] for an error answer: its code as the type, its fields as
    /// extra, its message; the body kept (with the key redacted).
    fn answer_error(&self, response: &RawResponse, matched: &Matched<'_>) -> ApiError {
        let body = self
            .key
            .redact(String::from_utf8_lossy(&response.body).into_owned());
        let mut error = ApiError::bare(self.operation.name, response.status, body);
        error.message = Some(matched.answer.message.to_owned());
        error.error_type = Some(matched.answer.code().to_owned());
        error.extra = matched
            .fields
            .iter()
            .map(|(name, value)| {
                (
                    (*name).to_owned(),
                    Value::String(self.key.redact((*value).to_owned())),
                )
            })
            .collect::<Map<String, Value>>();
        error
    }

    fn undecodable(&self, response: &RawResponse, reason: String) -> Error {
        Error::Decode(Box::new(DecodeError {
            operation: self.operation.name,
            status: response.status,
            body: self
                .key
                .redact(String::from_utf8_lossy(&response.body).into_owned()),
            // A reason may quote a field of the answer.
            reason: self.key.redact(reason),
            source: None,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NUMBER: Answer = Answer {
        pattern: "ACCESS_NUMBER:{id}:{number}",
        message: "A number.",
        kind: AnswerKind::Success,
    };
    const WAIT: Answer = Answer {
        pattern: "STATUS_WAIT_CODE",
        message: "Waiting.",
        kind: AnswerKind::Success,
    };
    const OK: Answer = Answer {
        pattern: "STATUS_OK:{code}",
        message: "Code.",
        kind: AnswerKind::Success,
    };
    const WRONG_MAX_PRICE: Answer = Answer {
        pattern: "WRONG_MAX_PRICE:{min}",
        message: "Too low.",
        kind: AnswerKind::Error,
    };
    static STATUS: [&Answer; 3] = [&WAIT, &OK, &WRONG_MAX_PRICE];

    #[test]
    fn codes_are_the_leading_words() {
        assert_eq!(NUMBER.code(), "ACCESS_NUMBER");
        assert_eq!(WAIT.code(), "STATUS_WAIT_CODE");
        assert_eq!(WRONG_MAX_PRICE.code(), "WRONG_MAX_PRICE");
    }

    #[test]
    fn fields_take_text_up_to_the_next_literal() {
        assert_eq!(
            NUMBER.fields("ACCESS_NUMBER:123:79001234567"),
            Some(vec![("id", "123"), ("number", "79001234567")])
        );
        assert_eq!(
            NUMBER.fields("ACCESS_NUMBER:12:3:4"),
            Some(vec![("id", "12"), ("number", "3:4")]),
            "the last field takes the rest"
        );
        assert_eq!(NUMBER.fields("ACCESS_NUMBER:123"), None);
        assert_eq!(NUMBER.fields("ACCESS_NUMBER::79001234567"), None);
        assert_eq!(NUMBER.fields("ACCESS_NUMBER:123:"), None);
        assert_eq!(WAIT.fields("STATUS_WAIT_CODE"), Some(vec![]));
        assert_eq!(WAIT.fields("STATUS_WAIT_CODE:1"), None);
    }

    #[test]
    fn lookup_tells_malformed_from_unknown() {
        let table: [&Table; 1] = [&STATUS];
        assert!(
            matches!(lookup(" STATUS_OK:55\n", &table), Lookup::Found(m) if m.raw("code") == Ok("55"))
        );
        assert!(matches!(lookup("STATUS_OK", &table), Lookup::Malformed(_)));
        assert!(matches!(lookup("STATUS_OK:", &table), Lookup::Malformed(_)));
        assert!(matches!(lookup("STATUS_OKAY", &table), Lookup::Unknown));
        assert!(matches!(lookup("", &table), Lookup::Unknown));
        assert!(matches!(lookup("<html>", &table), Lookup::Unknown));
    }

    #[test]
    fn typed_fields_report_what_is_wrong() {
        let m = find("WRONG_MAX_PRICE:abc", &STATUS).expect("matches");
        assert_eq!(m.text("min"), Ok("abc".to_owned()));
        let err = m.decimal("min").expect_err("not a decimal");
        assert!(
            err.0
                .contains("`min` field of the `WRONG_MAX_PRICE` answer"),
            "{err}"
        );
        assert!(m.int("absent").is_err());
        let m = find("WRONG_MAX_PRICE:0.35", &STATUS).expect("matches");
        assert_eq!(
            m.decimal("min").map(|d| d.to_string()),
            Ok("0.35".to_owned())
        );
    }
}
