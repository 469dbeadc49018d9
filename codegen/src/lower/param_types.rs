//! Parameter types, from every signal the collection has: the values a parameter is
//! sent with (its request's, the saved examples' requests', and those of parameters
//! of the same name elsewhere in the collection), its description (a list of allowed
//! values, "set to 1 if", "in ISO format or number", "The rental ID") and its name
//! (money words). One value alone decides nothing: a parameter nothing tells about
//! stays text. The overrides file's `type` and `enum` come first.

use std::cell::RefCell;
use std::collections::BTreeMap;

use indexmap::IndexSet;

use crate::model::{
    EnumDef, Module, Operation, Param, ParamType, SeenValues, TypeSource, Untyped, VariantDef,
    taken_type_names,
};
use crate::names::{Scope, pascal_ident, snake_words};

/// What the collection says about the parameters of one name (case ignored).
#[derive(Debug, Default)]
struct Seen {
    /// The distinct values, in the order first seen.
    values: IndexSet<String>,
    /// Their distinct descriptions, lower case.
    descriptions: IndexSet<String>,
}

/// [`Seen`], shared by every parameter of the name, with the decisions made from it
/// (by spelling of the name): everything but a parameter's own listed values is the
/// pool's, so it is decided once, not once per parameter (which was quadratic).
#[derive(Debug)]
struct Pool {
    values: SeenValues,
    descriptions: Vec<String>,
    decided: RefCell<BTreeMap<String, (Decided, TypeSource)>>,
}

/// Gives every parameter of `root` (and below) its type, except those the overrides
/// file typed, and every module the enums its parameters take.
pub(super) fn assign(root: &mut Module<Untyped>) {
    let mut seen: BTreeMap<String, Seen> = BTreeMap::new();
    for op in root.all_operations() {
        for p in &op.params {
            let entry = seen.entry(p.wire.to_ascii_lowercase()).or_default();
            entry.values.extend(values_of(op, p));
            if !p.docs.trim().is_empty() {
                entry.descriptions.insert(p.docs.to_ascii_lowercase());
            }
        }
    }
    let pools: BTreeMap<String, Pool> = seen
        .into_iter()
        .map(|(name, seen)| {
            let pool = Pool {
                values: seen.values.into_iter().collect(),
                descriptions: seen.descriptions.into_iter().collect(),
                decided: RefCell::default(),
            };
            (name, pool)
        })
        .collect();
    assign_module(root, &pools);
}

fn assign_module(module: &mut Module<Untyped>, seen: &BTreeMap<String, Pool>) {
    let mut scope = Scope::with_reserved(taken_type_names());
    scope.reserve(&module.handle);
    for op in &module.operations {
        scope.claim(&op.builder);
    }
    let mut enums: Vec<EnumDef> = Vec::new();
    for op in &mut module.operations {
        for p in &mut op.params {
            if matches!(p.typed_by, TypeSource::Override(_)) || p.ty == ParamType::File {
                continue;
            }
            // Every parameter's name is in the pool: `assign` saw them all.
            let Some(pool) = seen.get(&p.wire.to_ascii_lowercase()) else {
                continue;
            };
            let (ty, typed_by) = decide(p, pool);
            p.ty = match ty {
                Decided::Type(ty) => ty,
                Decided::Options(options) => {
                    let name = enum_for(p, &options, &mut enums, &mut scope);
                    p.example_variant = p.example.as_deref().and_then(|example| {
                        let def = enums.iter().find(|e| e.name == name)?;
                        def.variants
                            .iter()
                            .find(|v| v.name.eq_ignore_ascii_case(example))
                            .map(|v| v.ident.clone())
                    });
                    ParamType::Enum {
                        name,
                        crate_level: false,
                    }
                }
            };
            p.typed_by = typed_by;
        }
    }
    module.enums = enums;
    for child in &mut module.modules {
        assign_module(child, seen);
    }
}

/// The enum a parameter listing `options` takes: the one already made for the same
/// options in this module, or a new one named after the parameter.
fn enum_for(p: &Param, options: &[String], enums: &mut Vec<EnumDef>, scope: &mut Scope) -> String {
    if let Some(def) = enums.iter().find(|e| {
        e.variants.len() == options.len()
            && e.variants.iter().zip(options).all(|(v, o)| &v.name == o)
    }) {
        return def.name.clone();
    }
    let name = scope.claim(&pascal_ident(&p.wire, "Choice"));
    let mut variants = Scope::with_reserved(["Unknown"]);
    enums.push(EnumDef {
        name: name.clone(),
        docs: p.docs.trim().to_owned(),
        source: p.docs.trim().to_owned(),
        variants: options
            .iter()
            .map(|o| VariantDef {
                ident: variants.claim(&pascal_ident(o, "Value")),
                code: None,
                name: o.clone(),
                docs: String::new(),
            })
            .collect(),
    });
    name
}

/// The values `op` sends `p` with: its request's, and its saved examples' requests'.
fn values_of(op: &Operation<Untyped>, p: &Param) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |v: &str| {
        let v = v.trim();
        if !v.is_empty() && !v.contains("{{") && !out.iter().any(|o| o == v) {
            out.push(v.to_owned());
        }
    };
    if let Some(example) = &p.example {
        add(example);
    }
    for e in &op.examples {
        for (wire, value) in &e.request_params {
            if *wire == p.wire {
                add(value);
            }
        }
    }
    out
}

/// A decision: a type, or a closed set of names for an enum.
#[derive(Clone, Debug)]
enum Decided {
    Type(ParamType),
    Options(Vec<String>),
}

fn decide(p: &Param, pool: &Pool) -> (Decided, TypeSource) {
    if let Some(options) = listed_options(&p.docs) {
        return if options.iter().all(|o| is_integer(o)) {
            let signed = pool.values.iter().any(|v| v.starts_with('-'));
            (
                Decided::Type(ParamType::Integer { signed }),
                TypeSource::ListedValues(options),
            )
        } else {
            (
                Decided::Options(options.clone()),
                TypeSource::ListedValues(options),
            )
        };
    }
    if let Some(decided) = pool.decided.borrow().get(&p.wire) {
        return decided.clone();
    }
    let decided = decide_from_pool(&p.wire, pool);
    pool.decided
        .borrow_mut()
        .insert(p.wire.clone(), decided.clone());
    decided
}

/// What the values and descriptions of every parameter named `wire` say.
fn decide_from_pool(wire: &str, pool: &Pool) -> (Decided, TypeSource) {
    // A parameter's own values are among its name's: the pool is what was seen.
    let values = pool.values.clone();
    let descriptions = &pool.descriptions;
    let ints = !values.is_empty() && values.iter().all(|v| is_integer(v));
    let numbers = values.iter().all(|v| is_integer(v) || is_decimal(v));
    let signed = values.iter().any(|v| v.starts_with('-'));
    let integer = ParamType::Integer { signed };
    let type_ = |ty| Decided::Type(ty);

    let flag_values = values
        .iter()
        .all(|v| matches!(v.as_str(), "0" | "1" | "true" | "false"));
    if flag_values && descriptions.iter().any(|d| says_flag(d)) {
        let numeric = !values.iter().any(|v| v == "true" || v == "false");
        return (
            type_(ParamType::Bool { numeric }),
            TypeSource::DescribedFlag,
        );
    }
    if descriptions.iter().any(|d| says_id_or_name(d)) {
        return (type_(ParamType::IdOrName), TypeSource::DescribedIdOrName);
    }
    let names = values.iter().filter(|v| is_name(v)).count();
    if names > 0
        && values.iter().any(|v| is_integer(v))
        && names + ints_count(&values) == values.len()
    {
        return (type_(ParamType::IdOrName), TypeSource::IdsAndNames(values));
    }
    let lists: Vec<&String> = values.iter().filter(|v| json_list(v).is_some()).collect();
    if !lists.is_empty() && lists.len() == values.len() {
        let all_ints = lists
            .iter()
            .filter_map(|v| json_list(v))
            .flatten()
            .all(|item| item.is_u64() || item.is_i64());
        let inner = if all_ints { integer } else { ParamType::Text };
        return (
            type_(ParamType::List(Box::new(inner))),
            TypeSource::JsonValues(values),
        );
    }
    if numbers && is_money(wire) {
        return (type_(ParamType::Decimal), TypeSource::MoneyName);
    }
    if numbers && values.len() >= 2 && values.iter().any(|v| is_decimal(v)) {
        return (type_(ParamType::Decimal), TypeSource::Values(values));
    }
    if ints && values.len() >= 2 {
        return (type_(integer), TypeSource::Values(values));
    }
    if ints && let Some(hint) = number_hint(wire, descriptions) {
        return (type_(integer), TypeSource::NumberHint(hint));
    }
    // Text values (`ABCDEFGH`) say it is text; numbers alone say nothing more.
    if values.iter().any(|v| !is_integer(v) && !is_decimal(v)) {
        return (type_(ParamType::Text), TypeSource::Values(values));
    }
    (type_(ParamType::Text), TypeSource::Unknown(values))
}

fn ints_count(values: &[String]) -> usize {
    values.iter().filter(|v| is_integer(v)).count()
}

fn is_integer(v: &str) -> bool {
    let digits = v.strip_prefix('-').unwrap_or(v);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

fn is_decimal(v: &str) -> bool {
    let digits = v.strip_prefix('-').unwrap_or(v);
    match digits.split_once('.') {
        Some((a, b)) => {
            !a.is_empty()
                && !b.is_empty()
                && a.bytes().all(|c| c.is_ascii_digit())
                && b.bytes().all(|c| c.is_ascii_digit())
        }
        None => false,
    }
}

/// A word: letters only (`US`, `Telegram`), possibly with spaces and dashes.
fn is_name(v: &str) -> bool {
    v.chars().any(char::is_alphabetic)
        && v.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '-')
}

fn json_list(v: &str) -> Option<Vec<serde_json::Value>> {
    match serde_json::from_str(v.trim()) {
        Ok(serde_json::Value::Array(items)) => Some(items),
        _ => None,
    }
}

/// `Options: SMS, VOICE, FLASH.` or `one of a, b or c`: the listed values.
fn listed_options(description: &str) -> Option<Vec<String>> {
    let lower = description.to_ascii_lowercase();
    let start = [
        "options:",
        "one of:",
        "one of",
        "possible values:",
        "allowed values:",
    ]
    .iter()
    .find_map(|marker| lower.find(marker).map(|i| i + marker.len()))?;
    let rest = &description[start..];
    let end = rest.find(['.', ';', '\n', '(']).unwrap_or(rest.len());
    let options: Vec<String> = rest[..end]
        .split(',')
        .flat_map(|part| part.split(" or "))
        .map(|o| o.trim().trim_matches(['`', '"', '\'']).to_owned())
        .filter(|o| !o.is_empty())
        .collect();
    let valid = options.len() >= 2
        && options.iter().all(|o| {
            o.len() <= 32
                && o.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        });
    valid.then_some(options)
}

/// "Set to 1 if", "set exclude to 1", "0 or 1", "enable/disable", "true or false".
fn says_flag(d: &str) -> bool {
    let set_to = d.contains("set") && (d.contains(" to 1") || d.contains(" to 0"));
    set_to
        || d.contains("0 or 1")
        || d.contains("1 or 0")
        || d.contains("true or false")
        || d.contains("enable")
        || d.contains("disable")
}

/// "The country in ISO format or number", "The pool or number", "ID or name".
fn says_id_or_name(d: &str) -> bool {
    [
        " or number",
        " or id ",
        " or id.",
        " or name",
        " or code",
        "id or ",
        "number or ",
        "name or id",
    ]
    .iter()
    .any(|phrase| d.contains(phrase))
}

/// Whether the name says money: a price, a balance, an amount, a cost, a fee.
fn is_money(wire: &str) -> bool {
    snake_words(wire)
        .split('_')
        .any(|w| matches!(w, "price" | "balance" | "amount" | "cost" | "fee"))
}

/// Words of the name or the description that say the parameter counts or identifies
/// something.
fn number_hint(wire: &str, descriptions: &[String]) -> Option<String> {
    const NAME_WORDS: &[&str] = &[
        "id", "ids", "count", "quantity", "qty", "days", "day", "hours", "minutes", "seconds",
        "limit", "offset", "page", "size", "length", "start", "number", "num", "year", "month",
    ];
    if let Some(word) = snake_words(wire)
        .split('_')
        .find(|w| NAME_WORDS.contains(w))
    {
        return Some(format!("the name says `{word}`"));
    }
    const DESCRIPTION_WORDS: &[&str] = &[
        "id",
        "number of",
        "quantity",
        "amount of",
        "days",
        "page",
        "rows",
        "row",
        "how many",
        "count",
    ];
    for d in descriptions {
        let words: Vec<&str> = d
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let text = format!(" {} ", words.join(" "));
        if let Some(hint) = DESCRIPTION_WORDS
            .iter()
            .find(|h| text.contains(&format!(" {h} ")))
        {
            return Some(format!("the description says \"{hint}\""));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_read_from_descriptions() {
        assert_eq!(
            listed_options("Options: SMS, VOICE, FLASH. SMS will receive regular SMS"),
            Some(vec!["SMS".into(), "VOICE".into(), "FLASH".into()])
        );
        assert_eq!(
            listed_options("Options: 1 or 2. Pick a carrier"),
            Some(vec!["1".into(), "2".into()])
        );
        assert_eq!(listed_options("No options here"), None);
        assert_eq!(
            listed_options("Options: a sentence with spaces, not values"),
            None
        );
    }

    #[test]
    fn phrases_and_names() {
        assert!(says_flag(
            "set to 0 if you'd like the cheapest numbers, set to 1 for"
        ));
        assert!(says_flag("set exclude to 1 if you would like to exclude"));
        assert!(says_flag("disable/enable user account (optional)"));
        assert!(!says_flag("the max price you are willing to pay"));
        assert!(says_id_or_name(
            "the country in iso format or number retrieved from"
        ));
        assert!(!says_id_or_name(
            "the service retrieved from the service list endpoint"
        ));
        assert!(is_money("max_price") && is_money("balance") && !is_money("phonenumber"));
        assert!(number_hint("days", &[]).is_some());
        assert!(number_hint("rental", &["the rental id retrieved from".into()]).is_some());
        assert!(number_hint("phonenumber", &[]).is_none());
        assert!(is_name("US") && !is_name("16GJCFZA") && !is_name("123456zz789"));
    }
}
