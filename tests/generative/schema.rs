//! Postman's JSON Schemas (`../shared/postman-schema/`, draft-07), assembled from
//! their one-file-per-definition layout into one document per version.

use std::path::Path;

use jsonschema::Validator;
use serde_json::{Map, Value};

use crate::collection::Version;

/// A validator for collections of `version`.
pub fn validator(version: Version) -> Validator {
    let dir = smspool_tests::root()
        .join("../shared/postman-schema")
        .join(match version {
            Version::V20 => "v2.0.0",
            Version::V21 => "v2.1.0",
        });
    let mut root = read(&dir.join("collection.json"));
    let mut definitions = Map::new();
    let entries = std::fs::read_dir(dir.join("collection"))
        .unwrap_or_else(|e| panic!("cannot read the schema in {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        let Some(name) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let mut definition = read(&path);
        // `"$id": "#/definitions/item"` restates where the definition sits; as an
        // `$id` it would change the base URI of the references inside it.
        if let Some(object) = definition.as_object_mut() {
            object.remove("$id");
            object.remove("$schema");
        }
        definitions.insert(name.to_owned(), definition);
    }
    root["definitions"] = Value::Object(definitions);
    jsonschema::draft7::new(&root).expect("Postman's schema compiles")
}

/// Reads a schema file: JSON with `//` comment lines.
fn read(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let json: String = text
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .map(|line| format!("{line}\n"))
        .collect();
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// The schema errors of `collection`, one line each (empty when it is valid).
pub fn errors(validator: &Validator, collection: &Value) -> Vec<String> {
    validator
        .iter_errors(collection)
        .map(|e| format!("{}: {e}", e.instance_path))
        .collect()
}
