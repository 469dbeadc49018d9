//! Sharing nested types within a module: two structs are one type when they are
//! reached through a field of the same name and have the same fields with the same
//! types (after sharing their own nested types). Structs that merely look alike
//! (`{success, message}` under `password` and under `balance`) stay apart, and the
//! top-level types of operations are never shared.

use std::collections::BTreeMap;

use crate::model::{Field, Ty, TypeDef, TypeKind, TypeSite};

/// The field a nested type is reached through: the last name of its origin
/// (`data[].network[]` → `network`); `None` at the root or for root list items.
fn field_name(origin: &str) -> Option<&str> {
    let last = origin.trim_end_matches("[]").rsplit('.').next()?;
    (!last.is_empty()).then_some(last)
}

/// What makes two structs the same type: the field they are reached through, and each
/// field's key, type, optionality and nullability.
type Signature = (String, Vec<(String, Ty, bool, bool)>);

/// The signature of a nested struct; `None` for other types.
fn signature(def: &TypeDef) -> Option<Signature> {
    let TypeKind::Struct { fields } = &def.kind else {
        return None;
    };
    let name = field_name(&def.site.origin)?.to_owned();
    let fields = fields
        .iter()
        .map(|f: &Field| (f.wire.clone(), f.ty.clone(), f.optional(), f.nullable))
        .collect();
    Some((name, fields))
}

/// Merges identical nested structs of one module, repeatedly until nothing changes
/// (sharing inner types can make their parents identical). The shared type keeps
/// the first one's name and records the sites of the types merged into it.
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
        let mut merged: BTreeMap<String, Vec<TypeSite>> = BTreeMap::new();
        for def in types.iter() {
            if let Some(target) = renames.get(&def.name) {
                merged
                    .entry(target.clone())
                    .or_default()
                    .push(def.site.clone());
            }
        }
        types.retain(|def| !renames.contains_key(&def.name));
        for def in types.iter_mut() {
            if let Some(sites) = merged.remove(&def.name) {
                def.shared_with.extend(sites);
            }
            match &mut def.kind {
                TypeKind::Struct { fields } => {
                    for f in fields {
                        rename(&mut f.ty, &renames);
                    }
                }
                TypeKind::Shapes { variants } => {
                    for v in variants {
                        if let Some(target) = renames.get(&v.ty) {
                            v.ty = target.clone();
                        }
                    }
                }
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
