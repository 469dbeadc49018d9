//! Operations: what a request sends (parameters, body, auth), how safe it is to
//! retry, the facts the docs report, and its saved examples.

use serde_json::Value;

use super::{Stage, Typed, Untyped};

/// One request of the collection.
#[derive(Clone, Debug)]
pub struct Operation<S: Stage = Typed> {
    /// The request's path in the collection (`SMS / Order SMS`): the key of overrides.
    pub key: String,
    /// The Rust method name (`purchase`).
    pub name: String,
    /// The request builder's type name (`PurchaseRequest`).
    pub builder: String,
    /// The name of the static holding the operation's description (`PURCHASE`).
    pub constant: String,
    /// The request's name in the collection (`Order SMS`).
    pub title: String,
    /// The JSON path of the request item (`item[1].item[0]`).
    pub json_path: String,
    /// Documentation (Markdown): the request description, then the overrides file's.
    pub docs: String,
    /// The HTTP method, upper case.
    pub method: String,
    /// The path below the base URL, with `{name}` placeholders (`/users/{id}`).
    pub path: String,
    /// The host the collection gives this request (for the docs), if any.
    pub host: Option<String>,
    /// Parameters the caller gives, in collection order.
    pub params: Vec<Param>,
    /// How the body is encoded.
    pub body: Body,
    /// How the key travels for this request.
    pub auth: Auth,
    /// The form field that carries the key, where the request has one.
    pub credential_field: Option<String>,
    /// Headers sent with a fixed value (`Accept: application/json`).
    pub constant_headers: Vec<(String, String)>,
    /// Parameters always sent with the collection's value (`fixed` in the overrides
    /// file): not arguments.
    pub fixed_params: Vec<FixedParam>,
    /// Whether retries are safe.
    pub safety: Safety,
    /// Why it has that safety class.
    pub safety_reason: SafetyReason,
    /// Saved examples, in collection order.
    pub examples: Vec<Example>,
    /// What the generator did with parts of the request that are not parameters.
    pub notes: Vec<Note>,
    /// Error conditions it signals by message only (the overrides file's `errors`).
    pub errors: Vec<ErrorKind>,
    /// The type of the JSON body or GraphQL variables (none for other bodies).
    pub body_type: S::BodyType,
    /// What the saved examples say about its answers.
    pub response: S::Response,
}

impl Operation<Untyped> {
    /// The operation once inference has typed its body and answers.
    pub fn typed(
        self,
        body_type: Option<super::Ty>,
        response: super::Response,
    ) -> Operation<Typed> {
        Operation {
            key: self.key,
            name: self.name,
            builder: self.builder,
            constant: self.constant,
            title: self.title,
            json_path: self.json_path,
            docs: self.docs,
            method: self.method,
            path: self.path,
            host: self.host,
            params: self.params,
            body: self.body,
            auth: self.auth,
            credential_field: self.credential_field,
            constant_headers: self.constant_headers,
            fixed_params: self.fixed_params,
            safety: self.safety,
            safety_reason: self.safety_reason,
            examples: self.examples,
            notes: self.notes,
            errors: self.errors,
            body_type,
            response,
        }
    }
}

/// An error condition an operation signals by its message when the API sends no
/// `type` (SMSPool's "cannot be cancelled yet"), declared in the overrides file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorKind {
    /// Its name, as the runtime reports it (`cancel_too_early`).
    pub name: String,
    /// The variant of the crate's `ErrorKind` enum (`CancelTooEarly`).
    pub variant: String,
    /// Texts that identify it in a message.
    pub messages: Vec<String>,
    /// Whether the same call may be accepted later (a time lock).
    pub later: bool,
    /// What it means (the overrides file's Markdown).
    pub docs: String,
}

/// The crate-root enum that names every [`ErrorKind`].
pub const ERROR_KIND_ENUM: &str = "ErrorKind";

/// A parameter.
#[derive(Clone, Debug)]
pub struct Param {
    /// The name on the wire, exactly as in the collection.
    pub wire: String,
    /// The Rust identifier.
    pub ident: String,
    /// Where it travels.
    pub location: Location,
    /// What it takes: the Rust type of its argument or setter.
    pub ty: ParamType,
    /// What decided its type.
    pub typed_by: TypeSource,
    /// Whether a call must give it.
    pub required: bool,
    /// Why it is required or optional.
    pub requirement: Requirement,
    /// Documentation.
    pub docs: String,
    /// The value in the collection's request, if any.
    pub example: Option<String>,
    /// The value sent when the caller gives none (a collection variable's value).
    pub default: Option<String>,
    /// For an enum parameter, the variant its example value names.
    pub example_variant: Option<String>,
}

/// What a parameter takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParamType {
    /// Text; also what a parameter takes when nothing tells its type.
    Text,
    /// An integer (`u64`, or `i64` when a negative value was seen).
    Integer {
        /// Whether negative values were seen.
        signed: bool,
    },
    /// An exact decimal (prices, balances): never a float.
    Decimal,
    /// Yes or no.
    Bool {
        /// Sent as `1`/`0` (else `true`/`false`).
        numeric: bool,
    },
    /// An ID or a name: either identifies the thing (SMSPool's country, service, pool).
    IdOrName,
    /// A closed set.
    Enum {
        /// The enum's name.
        name: String,
        /// A crate-level enum of the overrides file (else one of the module's).
        crate_level: bool,
    },
    /// A list, sent as JSON text (`[123]`).
    List(Box<ParamType>),
    /// A file (multipart).
    File,
}

impl ParamType {
    /// A short label for listings and change reports.
    pub fn describe(&self) -> String {
        match self {
            ParamType::Text => "text".into(),
            ParamType::Integer { signed: false } => "integer".into(),
            ParamType::Integer { signed: true } => "signed integer".into(),
            ParamType::Decimal => "decimal".into(),
            ParamType::Bool { numeric: true } => "bool (1/0)".into(),
            ParamType::Bool { numeric: false } => "bool".into(),
            ParamType::IdOrName => "ID or name".into(),
            ParamType::Enum { name, .. } => format!("enum {name}"),
            ParamType::List(inner) => format!("list of {} (JSON)", inner.describe()),
            ParamType::File => "file".into(),
        }
    }
}

/// What decided a parameter's type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeSource {
    /// The overrides file, for this reason.
    Override(String),
    /// A file field of a multipart body.
    FileField,
    /// Its description lists the values it takes.
    ListedValues(Vec<String>),
    /// Its description (or a same-named parameter's) says it is a yes/no flag.
    DescribedFlag,
    /// Its description (or a same-named parameter's) says it takes an ID or a name.
    DescribedIdOrName,
    /// The values it was seen with are IDs and names.
    IdsAndNames(SeenValues),
    /// The values it was seen with parse as JSON lists.
    JsonValues(SeenValues),
    /// Its name says money (`max_price`, `balance`), and no value disagrees.
    MoneyName,
    /// Its name or description says it counts or identifies (`days`, "The rental
    /// ID"), and its values are integers.
    NumberHint(String),
    /// The values it was seen with (in its request, the saved examples' requests and
    /// same-named parameters of the collection), at least two of them.
    Values(SeenValues),
    /// Nothing tells; the values seen, if any.
    Unknown(SeenValues),
}

/// The values a parameter was seen with: shared by every parameter of the name, since
/// a parameter's values are those of all same-named parameters of the collection.
pub type SeenValues = std::sync::Arc<[String]>;

impl TypeSource {
    /// A short label for listings.
    pub fn describe(&self) -> String {
        let list = |v: &[String]| {
            let shown: Vec<String> = v.iter().take(4).map(|x| format!("{x:?}")).collect();
            match v.len() {
                n if n > 4 => format!("{}… ({n} in all)", shown.join(", ")),
                _ => shown.join(", "),
            }
        };
        match self {
            TypeSource::Override(reason) => format!("override: {reason}"),
            TypeSource::FileField => "file field".into(),
            TypeSource::ListedValues(v) => format!("description lists {}", list(v)),
            TypeSource::DescribedFlag => "description says a flag".into(),
            TypeSource::DescribedIdOrName => "description says an ID or a name".into(),
            TypeSource::IdsAndNames(v) => format!("IDs and names seen: {}", list(v)),
            TypeSource::JsonValues(v) => format!("JSON lists seen: {}", list(v)),
            TypeSource::MoneyName => "the name says money".into(),
            TypeSource::NumberHint(hint) => format!("integers, and {hint}"),
            TypeSource::Values(v) => format!("values seen: {}", list(v)),
            TypeSource::Unknown(v) if v.is_empty() => "nothing tells; text".into(),
            TypeSource::Unknown(v) => format!("nothing tells; text (seen: {})", list(v)),
        }
    }
}

/// Why a parameter is required or optional.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Requirement {
    /// Unticked in the collection: optional.
    Disabled,
    /// Its description says "optional".
    DescriptionSaysOptional,
    /// Enabled without a value: optional.
    NoValue,
    /// Enabled with a value: required.
    EnabledWithValue,
    /// A `{name}` segment of the path: required.
    PathSegment,
    /// A header whose value is a variable: required.
    Variable,
    /// A collection variable with a default value: optional.
    VariableDefault,
    /// An enabled file field: required.
    FileField,
    /// The overrides file says so, for this reason.
    Override(String),
}

impl Requirement {
    /// A short label for listings and change reports.
    pub fn describe(&self) -> String {
        match self {
            Requirement::Disabled => "disabled in the collection".into(),
            Requirement::DescriptionSaysOptional => "the description says optional".into(),
            Requirement::NoValue => "no value in the collection".into(),
            Requirement::EnabledWithValue => "enabled with a value in the collection".into(),
            Requirement::PathSegment => "path parameter".into(),
            Requirement::Variable => "value is a variable".into(),
            Requirement::VariableDefault => "collection variable with a default value".into(),
            Requirement::FileField => "file field".into(),
            Requirement::Override(reason) => format!("override: {reason}"),
        }
    }
}

/// Why an operation has its safety class.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SafetyReason {
    /// Listed under `safety.<list>` in the overrides file.
    Listed(&'static str),
    /// Not listed: `safety.default` of the overrides file.
    OverridesDefault,
    /// Not listed and no default: what the HTTP method implies.
    Method(String),
}

impl SafetyReason {
    /// A short label for listings and change reports.
    pub fn describe(&self, safety: Safety) -> String {
        match self {
            SafetyReason::Listed(list) => {
                format!("listed under safety.{list} in the overrides file")
            }
            SafetyReason::OverridesDefault => "safety.default in the overrides file".into(),
            SafetyReason::Method(method) if safety == Safety::ReadOnly => {
                format!("{method} requests only read")
            }
            SafetyReason::Method(method) => format!("{method} requests may change state"),
        }
    }
}

/// Something the generator did with a part of the request that is not a parameter,
/// for the operation's docs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Note {
    /// A header that carries the credentials: the client sets it.
    CredentialHeader {
        /// The header's name.
        name: String,
    },
    /// A GET (or HEAD) request with a form body: its fields go in the query string.
    FormInQuery {
        /// The method.
        method: String,
    },
    /// A form field holding the API key that is not sent: disabled, or it would put
    /// the key in a URL.
    UnsentKeyField {
        /// The field's name.
        wire: String,
        /// Whether it is disabled (else it would travel in the query string).
        disabled: bool,
    },
    /// A query parameter holding the API key: the client adds it.
    KeyQueryParam {
        /// The parameter's name.
        wire: String,
    },
    /// A disabled parameter that repeats another one of the same name.
    DisabledDuplicate {
        /// Where the disabled copy travels.
        location: Location,
        /// Its name.
        wire: String,
    },
}

/// A parameter sent with the same value on every call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FixedParam {
    /// The name on the wire.
    pub wire: String,
    /// Where it travels.
    pub location: Location,
    /// The value.
    pub value: String,
}

/// Where a parameter travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Location {
    /// A `{name}` segment of the path.
    Path,
    /// The query string.
    Query,
    /// A header.
    Header,
    /// A form or multipart field.
    Form,
}

impl Location {
    /// A lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
            Location::Form => "form",
        }
    }
}

/// The request body.
#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    /// No body.
    None,
    /// Form fields, urlencoded.
    Form,
    /// Form fields with files, multipart.
    Multipart,
    /// JSON, typed from the collection's example body.
    Json {
        /// The example body, parsed (with `{{variables}}` and comments tolerated).
        example: Value,
    },
    /// Text with a content type (raw text, XML, JSON that could not be parsed).
    Text {
        /// The content type.
        content_type: String,
        /// The collection's example text.
        example: String,
    },
    /// Bytes from a file.
    Binary,
    /// A GraphQL query with variables.
    GraphQl {
        /// The query text.
        query: String,
        /// The example variables.
        variables: Value,
    },
}

impl Body {
    /// Whether the body is the operation method's argument
    /// ([`BODY_ARGUMENT`](super::BODY_ARGUMENT)) rather than form fields or nothing.
    pub fn is_argument(&self) -> bool {
        matches!(
            self,
            Body::Json { .. } | Body::Text { .. } | Body::Binary | Body::GraphQl { .. }
        )
    }
}

/// How the key is sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Auth {
    /// Nothing.
    None,
    /// `Authorization: Bearer`.
    Bearer,
    /// `Authorization: Basic`.
    Basic,
    /// A header.
    Header(String),
    /// A query parameter.
    Query(String),
    /// A scheme the client cannot perform itself (oauth2, digest, aws...): the caller
    /// supplies the header. Holds the Postman type.
    Manual(String),
}

impl Auth {
    /// A short description for listings and docs.
    pub fn describe(&self) -> String {
        match self {
            Auth::None => "none".into(),
            Auth::Bearer => "bearer".into(),
            Auth::Basic => "basic".into(),
            Auth::Header(h) => format!("api key in header `{h}`"),
            Auth::Query(q) => format!("api key in query `{q}`"),
            Auth::Manual(kind) => format!("{kind} (supply the Authorization header yourself)"),
        }
    }
}

/// Whether an operation may be retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Safety {
    /// Reads only.
    ReadOnly,
    /// Changes state.
    Mutation,
    /// Spends money.
    Paid,
}

impl Safety {
    /// A lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Safety::ReadOnly => "read-only",
            Safety::Mutation => "mutation",
            Safety::Paid => "paid",
        }
    }
}

/// A saved example response.
#[derive(Clone, Debug)]
pub struct Example {
    /// The example's name.
    pub name: String,
    /// The status code, when saved.
    pub status: Option<u16>,
    /// The reason phrase, when saved.
    pub status_text: Option<String>,
    /// Headers, as saved.
    pub headers: Vec<(String, String)>,
    /// The body, as saved.
    pub body: String,
    /// The body parsed as JSON, when it is JSON.
    pub json: Option<Value>,
    /// The parameter values of the request that produced it (wire name, value).
    pub request_params: Vec<(String, String)>,
    /// The name of its constant in the generated mock (`PURCHASE_422_OUT_OF_STOCK`),
    /// unique within the module.
    pub constant: String,
}
