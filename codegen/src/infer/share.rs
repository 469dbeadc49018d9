//! Sharing nested types within a module: two structs are one type when they are
//! reached through a field of the same name and have the same fields with the same
//! types (after sharing their own nested types). Structs that merely look alike
//! (`{success, message}` under `password` and under `balance`) stay apart, and the
//! top-level types of operations are never shared.

use std::collections::BTreeMap;

use super::types::{Field, Ty, TypeDef, TypeKind};

/// The field a nested type is reached through: the last name of its origin
/// (`data[].network[]` → `network`); `None` at the root or for root list items.
fn field_name(origin: &str) -> Option<&str> {
    let last = origin.trim_end_matches("[]").rsplit('.').next()?;
    (!last.is_empty()).then_some(last)
}

/// What makes two structs the same type: the field they are reached through, and
/// each field's wire name, type, optionality and nullability.
type Signature = (String, Vec<(String, Ty, bool, bool)>);

fn signature(def: &TypeDef) -> Option<Signature> {
    let TypeKind::Struct { fields } = &def.kind else {
        return None;
    };
    let name = field_name(&def.origin)?.to_owned();
    let fields = fields
        .iter()
        .map(|f: &Field| (f.wire.clone(), f.ty.clone(), f.optional(), f.nullable))
        .collect();
    Some((name, fields))
}

/// Merges identical nested structs of one module, repeatedly until nothing changes
/// (sharing inner types can make their parents identical). The shared type keeps
/// the first one's name and lists every answer it appears in.
pub fn share(types: &mut Vec<TypeDef>) {
    loop {
        let mut first_by_signature: BTreeMap<Signature, usize> = BTreeMap::new();
        let mut renames: BTreeMap<String, String> = BTreeMap::new();
        for (i, def) in types.iter().enumerate() {
            let Some(sig) = signature(def) else { continue };
            match first_by_signature.get(&sig) {
                Some(&first) => {
                    renames.insert(def.name.clone(), types[first].name.clone());
                }
                None => {
                    first_by_signature.insert(sig, i);
                }
            }
        }
        if renames.is_empty() {
            return;
        }
        let mut merged_docs: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for def in types.iter() {
            if let Some(target) = renames.get(&def.name) {
                merged_docs
                    .entry(target.clone())
                    .or_default()
                    .push(def.docs.clone());
            }
        }
        types.retain(|def| !renames.contains_key(&def.name));
        for def in types.iter_mut() {
            if let Some(others) = merged_docs.get(&def.name) {
                def.docs = shared_docs(&def.docs, others);
            }
            match &mut def.kind {
                TypeKind::Struct { fields } => {
                    for f in fields {
                        rename(&mut f.ty, &renames);
                    }
                }
                TypeKind::Alias(ty) => rename(ty, &renames),
                TypeKind::Unverified => {}
            }
        }
    }
}

fn rename(ty: &mut Ty, renames: &BTreeMap<String, String>) {
    match ty {
        Ty::Named(name) => {
            if let Some(target) = renames.get(name) {
                *name = target.clone();
            }
        }
        Ty::Vec(inner) | Ty::Map(inner) | Ty::JsonString(inner) => rename(inner, renames),
        _ => {}
    }
}

/// The first type's docs, with the first line of each merged type's docs added.
fn shared_docs(own: &str, others: &[String]) -> String {
    let mut out = own.to_owned();
    out.push_str("\n\nThe same type is shared by:");
    for other in others {
        if let Some(first) = other.lines().next() {
            out.push_str("\n- ");
            out.push_str(first);
        }
    }
    out
}
