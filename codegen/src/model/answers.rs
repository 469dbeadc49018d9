//! Plain-text answers (`ACCESS_NUMBER:{id}:{number}`), for APIs that do not answer in
//! JSON: what an operation's success answers are, and the API's error answers.

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
    /// Documentation from the overrides file, if any.
    pub docs: Option<String>,
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
    /// The name of the constant describing it (`WRONG_MAX_PRICE`).
    pub constant: String,
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

/// The answers of one operation (in its [`Response`](super::Response)).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OperationAnswers {
    /// The success type's name.
    pub type_name: String,
    /// The success answers.
    pub success: Vec<AnswerDef>,
    /// The codes of the error answers documented for it.
    pub errors: Vec<String>,
}

impl OperationAnswers {
    /// Whether the success type is a struct (one answer) rather than an enum.
    pub fn is_struct(&self) -> bool {
        self.success.len() == 1
    }
}

/// The API-wide error answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiAnswers {
    /// The name of the error enum.
    pub type_name: String,
    /// Every error answer.
    pub errors: Vec<AnswerDef>,
    /// Where the answers are documented.
    pub source: String,
}

/// What the overrides file's `[answers]` decides: the API's error answers, and the
/// response of every operation that answers in text, by operation key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextAnswers {
    /// The API-wide error answers.
    pub api: ApiAnswers,
    /// The responses of the operations it declares answers for.
    pub responses: std::collections::BTreeMap<String, super::Response>,
}
