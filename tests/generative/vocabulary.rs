//! The hostile vocabulary the generator draws names, keys and values from: Rust
//! keywords, every identifier the code generator emits itself, names that collide
//! after case conversion, empty names, non-ASCII, leading digits and punctuation.

/// Rust keywords and reserved words (edition 2024), and `_`.
pub const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield", "union", "_",
];

/// Identifiers the code generator emits on the types it generates (read from
/// `codegen/src/emit/`): methods and fields of `Client`, of folder handles and of
/// request builders; items of `lib.rs` and of module files, the names every file
/// imports, the prelude names generated code uses unqualified, the crates it names,
/// the file names under `src/` cargo gives a meaning to, and the suffixes of
/// generated type names.
pub const EMITTED: &[&str] = &[
    // Methods and fields: `Client::{new, builder, runtime, inner}`, the derived
    // `clone` and `fmt`, builders' `into_future`, the method argument `body`.
    "new",
    "builder",
    "runtime",
    "inner",
    "from",
    "clone",
    "fmt",
    "client",
    "send",
    "into_future",
    "body",
    "extra",
    // Methods clippy reads as trait methods (`should_implement_trait`).
    "cmp",
    "add",
    "sub",
    "bitxor",
    "build",
    "base_url",
    "key",
    // Items of lib.rs and its re-exports.
    "Client",
    "ClientBuilder",
    "PROFILE",
    "Profile",
    "ApiProfile",
    "ApiError",
    "ApiKey",
    "DecodeError",
    "Error",
    "FieldError",
    "FilePart",
    "ParamValue",
    "RateLimit",
    "RetryPolicy",
    "Safety",
    "StatusCode",
    "TransportKind",
    "Unverified",
    "lenient",
    // Names module files import.
    "BoxFuture",
    "Call",
    "Operation",
    "Value",
    "Map",
    "Deserialize",
    "Serialize",
    "Int",
    "Decimal",
    "Flag",
    "JsonString",
    "BTreeMap",
    // Prelude names generated code uses unqualified.
    "Result",
    "Option",
    "String",
    "Vec",
    "Box",
    "IntoFuture",
    "Default",
    "Some",
    "None",
    "Ok",
    // Crates generated code names, and files under `src/` cargo reads.
    "serde",
    "postgen_runtime",
    "std",
    "core",
    "lib",
    "main",
    "bin",
    // Words generated type names are made of.
    "Request",
    "Response",
    "Body",
    "Item",
    "Variables",
    "Answer",
    "Folder",
    "operation",
    "field",
    "param",
];

/// Names equal after case conversion, plain words, and words that join into other
/// generated names (`Purchase` + `Request`).
pub const COLLIDING: &[&str] = &[
    "Get",
    "get",
    "GET",
    "get_",
    "Get 2",
    "get2",
    "get-2",
    "getItem",
    "get_item",
    "GetItem",
    "get item",
    "Get Items",
    "Purchase",
    "purchase",
    "Purchase Request",
    "Users",
    "users",
    "User",
    "e",
    "rror",
    "Api",
    "rate",
    "limit",
    "json",
    "string",
    "option",
    "result",
    "map",
    "value",
    "future",
    "into",
    "part",
    "file",
    "status",
    "data",
    "id",
    "ID",
    "Id",
    "eSIM",
    "IDs",
];

/// Empty, non-ASCII, leading digits, punctuation.
pub const ODD: &[&str] = &[
    "",
    " ",
    "!!!",
    "获取用户",
    "Créer un élément",
    "naïve",
    "Ωmega",
    "ß",
    "😀",
    "2fa",
    "123",
    "1st item",
    "3D",
    "a.b",
    "a[b]",
    "$x",
    "What?! (beta) #1",
    "a/b",
    "a\\b",
    "quote\"d",
    "`tick`",
    "*/",
    "/*",
    "<b>html</b>",
    "[link](x)",
    "{{var}}",
    "a:b",
    "line\nbreak",
    "tab\t",
    "# heading",
    "--",
    "__",
];

/// Every name the generator may give an item, a parameter or a key.
pub fn names() -> Vec<&'static str> {
    KEYWORDS
        .iter()
        .chain(EMITTED)
        .chain(COLLIDING)
        .chain(ODD)
        .copied()
        .collect()
}

/// Values of parameters and variables.
pub const VALUES: &[&str] = &[
    "",
    "1",
    "0",
    "-3",
    "0.50",
    "abc",
    "optional",
    "{{id}}",
    "{{baseUrl}}",
    "{{apiKey}}",
    "{{undefined}}",
    "a b&c=d",
    "名前",
    "\"quoted\"",
    "line\nbreak",
    "true",
    "null",
];

/// HTTP methods, in the cases and spellings collections use.
pub const METHODS: &[&str] = &[
    "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "get", "post", "PURGE", "PROPFIND",
    "COPY", "LINK", "UNLINK", "LOCK", "UNLOCK", "VIEW",
];

/// Every auth type of the format.
pub const AUTH_KINDS: &[&str] = &[
    "apikey", "awsv4", "basic", "bearer", "digest", "edgegrid", "hawk", "noauth", "oauth1",
    "oauth2", "ntlm",
];

/// Raw bodies that are not JSON.
pub const NOT_JSON: &[&str] = &[
    "",
    "plain text",
    "<order><id>1</id></order>",
    "a=1&b=2",
    "{not json",
    "[1, 2",
    "{{body}}",
    "null?",
    "😀",
];

/// Response bodies that are not JSON.
pub const NOT_JSON_ANSWERS: &[&str] = &[
    "OK",
    "ACCESS_NUMBER:1:2",
    "<html><body>502</body></html>",
    "{broken",
    "1,2,3",
    " ",
];
