//! Serde types for Postman collections, schema v2.0.0 and v2.1.0.
//!
//! Both versions share one model: where they differ (auth attributes as a list or a
//! map, headers as a list or a string, `url` as a string or an object, descriptions as
//! a string or an object) the field accepts either form. Fields that the generator
//! does not use but that are part of the format are declared, so that only fields the
//! format does not define are reported as unknown.

use serde::Deserialize;
use serde_json::Value;

use super::forms::{Description, Headers, Host, PathSegments, Request, Text};

/// A whole collection.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Collection {
    /// Name, schema and description.
    pub info: Info,
    /// Folders and requests at the root.
    pub item: Vec<Item>,
    /// Collection-level auth, inherited by every folder and request.
    pub auth: Option<Auth>,
    /// Collection variables (`{{baseUrl}}`, `{{apikey}}`...).
    #[serde(default)]
    pub variable: Vec<Variable>,
    /// Scripts (not run by the generator).
    pub event: Option<Value>,
    /// Postman client settings (not used).
    pub protocol_profile_behavior: Option<Value>,
}

/// The collection's `info` block.
#[derive(Debug, Deserialize)]
pub struct Info {
    /// The collection's name.
    #[serde(default)]
    pub name: Text,
    /// The schema URL, which says v2.0.0 or v2.1.0.
    pub schema: Option<String>,
    /// The collection's description.
    pub description: Option<Description>,
    /// A version (not used).
    pub version: Option<Value>,
    /// Postman's id for the collection.
    #[serde(rename = "_postman_id")]
    pub postman_id: Option<Value>,
    /// Exporter metadata (not used).
    #[serde(rename = "_exporter_id")]
    pub exporter_id: Option<Value>,
    /// Link metadata (not used).
    #[serde(rename = "_collection_link")]
    pub collection_link: Option<Value>,
}

/// A folder (it has `item`) or a request (it has `request`).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Item {
    /// The name shown in Postman.
    #[serde(default)]
    pub name: Text,
    /// Markdown description.
    pub description: Option<Description>,
    /// Children, for a folder.
    pub item: Option<Vec<Item>>,
    /// The request, for a request item.
    pub request: Option<Request>,
    /// Saved example responses, for a request item.
    pub response: Option<Vec<Response>>,
    /// Folder-level auth.
    pub auth: Option<Auth>,
    /// Item variables.
    #[serde(default)]
    pub variable: Vec<Variable>,
    /// An id (not used).
    pub id: Option<Value>,
    /// Scripts (not run).
    pub event: Option<Value>,
    /// Postman client settings (not used).
    pub protocol_profile_behavior: Option<Value>,
    /// Postman metadata (not used).
    #[serde(rename = "_postman_id")]
    pub postman_id: Option<Value>,
    /// v2.0 folder marker (not used).
    #[serde(rename = "_postman_isSubFolder")]
    pub is_sub_folder: Option<Value>,
}

/// A request object (the string form is turned into one by [`Request`]).
#[derive(Debug, Default, Deserialize)]
pub struct RequestObject {
    /// The URL.
    pub url: Option<UrlForm>,
    /// The method; any token, any case.
    pub method: Option<String>,
    /// Headers.
    pub header: Option<Headers>,
    /// The body.
    pub body: Option<Body>,
    /// Request-level auth.
    pub auth: Option<Auth>,
    /// Markdown description.
    pub description: Option<Description>,
    /// Proxy settings (not used).
    pub proxy: Option<Value>,
    /// Client certificate (not used).
    pub certificate: Option<Value>,
}

/// A URL written as a string or as an object (see [`Url`]).
#[derive(Debug, Default)]
pub struct UrlForm(pub Url);

/// A URL: the raw text and, in the object form, its parts.
#[derive(Debug, Default, Deserialize)]
pub struct Url {
    /// The URL as typed.
    pub raw: Option<String>,
    /// `http` or `https`, without `://`.
    pub protocol: Option<String>,
    /// Host labels.
    pub host: Option<Host>,
    /// Path segments.
    pub path: Option<PathSegments>,
    /// Port.
    pub port: Option<Text>,
    /// Query parameters.
    pub query: Option<Vec<QueryParam>>,
    /// Fragment.
    pub hash: Option<String>,
    /// Path variables (`:id`).
    #[serde(default)]
    pub variable: Vec<Variable>,
}

/// A query parameter.
#[derive(Debug, Deserialize)]
pub struct QueryParam {
    /// The name (may be `null`).
    pub key: Option<Text>,
    /// The value.
    pub value: Option<Text>,
    /// Unticked in Postman.
    #[serde(default)]
    pub disabled: bool,
    /// The opposite of `disabled`, in exports converted from the v1 format.
    pub enabled: Option<bool>,
    /// Description.
    pub description: Option<Description>,
}

/// A header.
#[derive(Debug, Deserialize)]
pub struct Header {
    /// The name.
    #[serde(default)]
    pub key: Text,
    /// The value.
    #[serde(default)]
    pub value: Text,
    /// Unticked in Postman.
    #[serde(default)]
    pub disabled: bool,
    /// The opposite of `disabled`, in exports converted from the v1 format.
    pub enabled: Option<bool>,
    /// Description.
    pub description: Option<Description>,
    /// v2.0 display name (not used).
    pub name: Option<Value>,
    /// Value type (not used).
    #[serde(rename = "type")]
    pub kind: Option<Value>,
}

/// The request body.
#[derive(Debug, Deserialize)]
pub struct Body {
    /// Which of the other fields holds the body.
    pub mode: Option<BodyMode>,
    /// `raw` mode text.
    pub raw: Option<String>,
    /// `urlencoded` mode fields.
    pub urlencoded: Option<Vec<FormParam>>,
    /// `formdata` mode fields.
    pub formdata: Option<Vec<FormParam>>,
    /// `file` mode.
    pub file: Option<FileBody>,
    /// `graphql` mode.
    pub graphql: Option<GraphQl>,
    /// Options, such as the raw body's language.
    pub options: Option<BodyOptions>,
    /// The whole body is switched off.
    #[serde(default)]
    pub disabled: bool,
}

/// The body modes the format defines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyMode {
    /// Text (JSON, XML, plain...).
    Raw,
    /// `application/x-www-form-urlencoded`.
    Urlencoded,
    /// `multipart/form-data`.
    Formdata,
    /// A file as the whole body.
    File,
    /// A GraphQL query.
    Graphql,
}

/// A form field (urlencoded or formdata).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FormParam {
    /// The name.
    #[serde(default)]
    pub key: Text,
    /// The value, for text fields.
    pub value: Option<Text>,
    /// The file path(s), for file fields.
    pub src: Option<Value>,
    /// Unticked in Postman.
    #[serde(default)]
    pub disabled: bool,
    /// The opposite of `disabled`, in exports converted from the v1 format.
    pub enabled: Option<bool>,
    /// `text`, `file` or `default`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// The part's content type.
    pub content_type: Option<String>,
    /// Description.
    pub description: Option<Description>,
    /// Postman metadata (not used).
    pub uuid: Option<Value>,
    /// Postman metadata (not used).
    pub equals: Option<Value>,
}

/// The `file` body mode.
#[derive(Debug, Deserialize)]
pub struct FileBody {
    /// The file path.
    pub src: Option<Value>,
    /// Inline content.
    pub content: Option<String>,
}

/// The `graphql` body mode.
#[derive(Debug, Deserialize)]
pub struct GraphQl {
    /// The query text.
    pub query: Option<String>,
    /// The variables, as JSON text (or an object in some exports).
    pub variables: Option<Value>,
    /// Postman metadata (not used).
    #[serde(rename = "operationName")]
    pub operation_name: Option<Value>,
}

/// Body options.
#[derive(Debug, Deserialize)]
pub struct BodyOptions {
    /// Options of the raw mode.
    pub raw: Option<RawOptions>,
    /// Options of other modes (not used).
    pub urlencoded: Option<Value>,
    /// Options of other modes (not used).
    pub formdata: Option<Value>,
    /// Options of other modes (not used).
    pub graphql: Option<Value>,
}

/// Options of the raw mode.
#[derive(Debug, Deserialize)]
pub struct RawOptions {
    /// `json`, `text`, `xml`, `html`, `javascript`.
    pub language: Option<String>,
}

/// Auth at any level. `type` says which of the other fields applies.
#[derive(Debug, Deserialize)]
pub struct Auth {
    /// `noauth`, `bearer`, `basic`, `apikey`, `oauth2`...
    #[serde(rename = "type")]
    pub kind: String,
    /// Attributes of `apikey`.
    pub apikey: Option<AuthAttributes>,
    /// Attributes of `awsv4`.
    pub awsv4: Option<AuthAttributes>,
    /// Attributes of `basic`.
    pub basic: Option<AuthAttributes>,
    /// Attributes of `bearer`.
    pub bearer: Option<AuthAttributes>,
    /// Attributes of `digest`.
    pub digest: Option<AuthAttributes>,
    /// Attributes of `edgegrid`.
    pub edgegrid: Option<AuthAttributes>,
    /// Attributes of `hawk`.
    pub hawk: Option<AuthAttributes>,
    /// Attributes of `noauth` (none).
    pub noauth: Option<Value>,
    /// Attributes of `oauth1`.
    pub oauth1: Option<AuthAttributes>,
    /// Attributes of `oauth2`.
    pub oauth2: Option<AuthAttributes>,
    /// Attributes of `ntlm`.
    pub ntlm: Option<AuthAttributes>,
    /// Attributes of `jwt`.
    pub jwt: Option<AuthAttributes>,
    /// Attributes of `asap`.
    pub asap: Option<AuthAttributes>,
    /// Attributes of `akamai`.
    pub akamai: Option<AuthAttributes>,
}

pub use super::forms::AuthAttributes;

/// A variable (collection, folder, request or path variable).
#[derive(Debug, Deserialize)]
pub struct Variable {
    /// The name (v2.1).
    pub key: Option<Text>,
    /// The name (v2.0 often uses `id`).
    pub id: Option<Text>,
    /// The value: usually a string, sometimes a number or boolean.
    pub value: Option<Value>,
    /// `string`, `boolean`, `any`, `number`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// A display name.
    pub name: Option<Text>,
    /// Description.
    pub description: Option<Description>,
    /// Set by Postman itself (not used).
    pub system: Option<Value>,
    /// Switched off.
    #[serde(default)]
    pub disabled: bool,
}

impl Variable {
    /// The variable's name: `key`, else `id`.
    pub fn name(&self) -> Option<&str> {
        self.key
            .as_ref()
            .or(self.id.as_ref())
            .map(|t| t.0.as_str())
            .filter(|s| !s.is_empty())
    }

    /// The value as text (numbers and booleans as written).
    pub fn value_text(&self) -> String {
        match &self.value {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
        }
    }
}

/// A saved example response.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Response {
    /// The example's name.
    #[serde(default)]
    pub name: Text,
    /// The request that produced it.
    pub original_request: Option<Request>,
    /// The reason phrase (`OK`).
    pub status: Option<String>,
    /// The status code.
    pub code: Option<u16>,
    /// Response headers.
    pub header: Option<Headers>,
    /// The body as text.
    pub body: Option<String>,
    /// Cookies (not used).
    pub cookie: Option<Value>,
    /// An id (not used).
    pub id: Option<Value>,
    /// Timing (not used).
    pub response_time: Option<Value>,
    /// Timing (not used).
    pub timings: Option<Value>,
    /// Postman's guess of the body language.
    #[serde(rename = "_postman_previewlanguage")]
    pub preview_language: Option<String>,
}

/// Whether a field is switched off: `disabled: true`, or the older `enabled: false`.
pub fn is_off(disabled: bool, enabled: Option<bool>) -> bool {
    disabled || enabled == Some(false)
}

impl<'de> Deserialize<'de> for BodyMode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = BodyMode;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("one of `raw`, `urlencoded`, `formdata`, `file`, `graphql`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<BodyMode, E> {
                Ok(match v {
                    "raw" => BodyMode::Raw,
                    "urlencoded" => BodyMode::Urlencoded,
                    "formdata" => BodyMode::Formdata,
                    "file" => BodyMode::File,
                    "graphql" => BodyMode::Graphql,
                    _ => return Err(E::invalid_value(serde::de::Unexpected::Str(v), &self)),
                })
            }
        }
        d.deserialize_any(V)
    }
}
