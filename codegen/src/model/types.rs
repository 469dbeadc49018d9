//! Types: what inference makes of the saved examples (response and request body
//! types, what each example says about errors), and the crate's closed sets.

use super::OperationAnswers;

/// A field's or value's type.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ty {
    /// Text. `lenient`: the values look like numbers (phone numbers, codes), so a
    /// number is accepted too and turned into its text.
    String {
        /// Accept numbers as well.
        lenient: bool,
    },
    /// An integer, as a number or a string of digits.
    Int,
    /// A decimal (prices, balances), as a number or a string; exact.
    Decimal,
    /// Yes/no as `true`/`false`, `1`/`0` or strings of those.
    Flag,
    /// Nothing is known (only `null`, `[]` or `{}` was seen): any JSON.
    Any,
    /// A struct of the same module.
    Named(String),
    /// A crate-level closed set.
    Enum(String),
    /// An array.
    Vec(Box<Ty>),
    /// An object whose keys are data (`"30": 20`, `"Foxtrot": {...}`).
    Map(Box<Ty>),
    /// A string holding JSON of this type.
    JsonString(Box<Ty>),
    /// The answer of an operation without a saved example of success: any JSON,
    /// documented as unverified.
    Unverified,
}

impl Ty {
    /// A compact rendering for listings: `string`, `int`, `[Item]`, `{string: int}`.
    pub fn describe(&self) -> String {
        match self {
            Ty::String { lenient: false } => "string".into(),
            Ty::String { lenient: true } => "string (numbers accepted)".into(),
            Ty::Int => "int".into(),
            Ty::Decimal => "decimal".into(),
            Ty::Flag => "flag".into(),
            Ty::Any => "any".into(),
            Ty::Named(n) => n.clone(),
            Ty::Enum(n) => format!("enum {n}"),
            Ty::Vec(t) => format!("[{}]", t.describe()),
            Ty::Map(t) => format!("{{string: {}}}", t.describe()),
            Ty::JsonString(t) => format!("json-string {}", t.describe()),
            Ty::Unverified => "unverified (any JSON)".into(),
        }
    }

    /// Whether the type mentions [`Ty::Any`].
    pub fn contains_any(&self) -> bool {
        match self {
            Ty::Any => true,
            Ty::Vec(t) | Ty::Map(t) | Ty::JsonString(t) => t.contains_any(),
            _ => false,
        }
    }
}

/// A struct field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// The JSON key, exactly.
    pub wire: String,
    /// The Rust field name.
    pub ident: String,
    /// The type, before optionality.
    pub ty: Ty,
    /// In how many of the objects seen the key was present...
    pub present: usize,
    /// ...out of how many objects.
    pub objects: usize,
    /// Whether `null` was seen.
    pub nullable: bool,
    /// The examples the key was present in.
    pub examples: Vec<String>,
    /// How many examples were merged for the type this field belongs to.
    pub examples_total: usize,
    /// The JSON types seen (`string`, `number`, `null`...).
    pub json_types: Vec<&'static str>,
    /// For enum fields: the API sent names, so serialise the name.
    pub enum_as_name: bool,
    /// The first value seen, as JSON (`"ABCDEFGH"`, `1200`), when it was a scalar.
    pub example: Option<String>,
    /// What it is, from the overrides file's `[fields]`.
    pub docs: Option<String>,
}

impl Field {
    /// Absent from some objects.
    pub fn optional(&self) -> bool {
        self.present < self.objects
    }
}

/// A named type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeDef {
    /// The Rust name.
    pub name: String,
    /// Where it was inferred.
    pub site: TypeSite,
    /// The other places of the module whose values have the same type, merged into
    /// this one.
    pub shared_with: Vec<TypeSite>,
    /// What it was inferred from.
    pub evidence: Evidence,
    /// What it is.
    pub kind: TypeKind,
}

/// A place whose values a type describes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeSite {
    /// The method name of the operation (`purchase`).
    pub operation: String,
    /// Its answer, or what it sends.
    pub part: Part,
    /// Where the values sit in it (`data[]`; empty at the root).
    pub origin: String,
    /// The shape of answer it belongs to, when the answer comes in several (`Order`).
    pub shape: Option<String>,
}

/// The part of an operation a type belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// Its successful answer.
    Answer,
    /// Its JSON request body.
    Body,
    /// Its GraphQL variables.
    Variables,
}

/// What a type was inferred from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Evidence {
    /// The operation's saved examples of successful answers, by name (none: nothing
    /// to cite).
    SavedExamples(Vec<String>),
    /// The request's own example (a JSON body, GraphQL variables).
    RequestExample,
}

/// The shape of a named type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeKind {
    /// A struct; unknown fields are kept in `extra`.
    Struct {
        /// The fields, in the order first seen.
        fields: Vec<Field>,
    },
    /// An answer that comes in clearly different shapes: an enum with one variant
    /// per shape, each a struct of the module, told apart by their fields.
    Shapes {
        /// The variants, tried in this order.
        variants: Vec<ShapeVariant>,
    },
}

/// One shape of an answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShapeVariant {
    /// The Rust variant name (`Order`).
    pub name: String,
    /// The struct it holds (`PurchaseOrder`).
    pub ty: String,
    /// The saved examples of this shape.
    pub examples: Vec<String>,
}

/// A closed set shared by the crate (from the overrides file).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnumDef {
    /// The Rust name.
    pub name: String,
    /// Documentation.
    pub docs: String,
    /// Where the set is documented.
    pub source: String,
    /// The values.
    pub variants: Vec<VariantDef>,
}

/// One value of a closed set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VariantDef {
    /// The Rust variant name.
    pub ident: String,
    /// The code, if the API uses codes.
    pub code: Option<i64>,
    /// The name the API uses.
    pub name: String,
    /// Documentation.
    pub docs: String,
}

/// How an operation's response is read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResponseKind {
    /// JSON of this type (a struct of the module, a list of them, `Unverified`...).
    Json(Ty),
    /// Text (HTML, XML, plain).
    Text,
    /// No body worth reading.
    Empty,
    /// Plain-text answers (`ACCESS_NUMBER:{id}:{number}`) read into the named type.
    Answer(String),
}

/// What the saved examples say about an operation's answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    /// How a success is read.
    pub kind: ResponseKind,
    /// Success examples by name.
    pub successes: Vec<String>,
    /// Error examples.
    pub errors: Vec<ErrorExample>,
    /// No success example: the type is a guess or unverified.
    pub unverified: bool,
    /// The documented plain-text answers, for operations that answer in text.
    pub answers: Option<OperationAnswers>,
}

/// A saved error answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorExample {
    /// The example's name.
    pub name: String,
    /// Its status code (`None` when the collection has none).
    pub status: Option<u16>,
    /// The message it carries, as plain text (HTML tags removed, whitespace collapsed).
    pub message: String,
    /// Its `type`, when it has one.
    pub error_type: Option<String>,
    /// Parameters named in `errors[].param`.
    pub params: Vec<String>,
    /// Extra fields (besides success/message/errors/type).
    pub extra_fields: Vec<String>,
    /// Why it counts as an error.
    pub reason: ErrorReason,
}

/// Why a saved example counts as an error answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorReason {
    /// Its HTTP status is 400 or more.
    Status,
    /// Its body's error flag is false.
    Flag,
    /// It is one of the overrides file's declared error answers.
    DeclaredAnswer,
}

impl ErrorReason {
    /// A short label for listings.
    pub fn describe(self) -> &'static str {
        match self {
            ErrorReason::Status => "HTTP status 400 or more",
            ErrorReason::Flag => "the body's error flag is false",
            ErrorReason::DeclaredAnswer => "a declared error answer",
        }
    }
}
