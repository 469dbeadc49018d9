//! Rust identifiers from names people wrote: valid, idiomatic, unique, and stable
//! (they depend on the name only, never on descriptions or order of discovery beyond
//! the order of siblings).

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words and reserved words that cannot be plain identifiers (edition 2024).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Splits a name into ASCII words: transliterates non-ASCII (`é` → `e`, `用户` →
/// `yong hu`), treats any non-alphanumeric character as a separator, and keeps
/// lower-case-prefixed acronyms whole (`eSIM` → `esim`, `iOS` → `ios`).
fn normalise(name: &str) -> String {
    let ascii = deunicode::deunicode(name);
    ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            let first = chars.next().unwrap_or_default();
            let rest: String = chars.collect();
            let rest_trimmed = rest.strip_suffix('s').unwrap_or(&rest);
            let prefixed_acronym = first.is_ascii_lowercase()
                && rest_trimmed.len() >= 2
                && rest_trimmed
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
            // `OAuth`, `ETag`: two capitals then lower case, one word.
            let capital_prefixed = word.len() >= 3
                && word.chars().take(2).all(|c| c.is_ascii_uppercase())
                && word.chars().skip(2).all(|c| c.is_ascii_lowercase());
            let plural_acronym = word.len() >= 3
                && word.ends_with('s')
                && word[..word.len() - 1]
                    .chars()
                    .all(|c| c.is_ascii_uppercase());
            if prefixed_acronym || plural_acronym || capital_prefixed {
                word.to_ascii_lowercase()
            } else {
                word.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `snake_case` words of `name`, possibly empty or starting with a digit.
pub fn snake_words(name: &str) -> String {
    normalise(name).to_snake_case()
}

/// `snake_case` words of a title people wrote in words (`Delete a GitHub Pages site`):
/// a word written as one word stays one (`GitHub` → `github`, not `git_hub`). A title
/// that is one identifier (`getUserById`) is split as identifiers are.
pub fn title_words(title: &str) -> String {
    let ascii = deunicode::deunicode(title);
    let words: Vec<&str> = ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() < 2 {
        return snake_words(title);
    }
    words
        .iter()
        .map(|word| {
            // `GitHub`, `YouTube`: a capital, lower case, then capitals again.
            let brand = word.starts_with(|c: char| c.is_ascii_uppercase())
                && word.chars().skip(1).any(|c| c.is_ascii_lowercase())
                && word.char_indices().skip(1).any(|(i, c)| {
                    c.is_ascii_uppercase() && word[..i].ends_with(|p: char| p.is_ascii_lowercase())
                });
            if brand {
                word.to_ascii_lowercase()
            } else {
                snake_words(word)
            }
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// A valid `snake_case` identifier for the title `title` (see [`title_words`]);
/// `fallback` when nothing is left.
pub fn title_ident(title: &str, fallback: &str) -> String {
    finish(title_words(title), fallback)
}

/// A valid `snake_case` identifier for `name`; `fallback` when nothing is left.
pub fn snake_ident(name: &str, fallback: &str) -> String {
    finish(snake_words(name), fallback)
}

/// A valid `UpperCamelCase` identifier for `name`; `fallback` when nothing is left.
pub fn pascal_ident(name: &str, fallback: &str) -> String {
    finish(normalise(name).to_upper_camel_case(), fallback)
}

/// The UpperCamelCase stem of a type name made from an operation's method name
/// (`purchase` → `Purchase`, `self_` → `Self`, `_2fa_setup` → `_2faSetup`). Always
/// followed by a suffix (`Request`, `Response`, `Item`...), so it is never a keyword.
pub fn type_stem(method_name: &str) -> String {
    let stem = normalise(method_name.trim_end_matches('_')).to_upper_camel_case();
    if stem.is_empty() {
        "Operation".to_owned()
    } else if stem.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{stem}")
    } else {
        stem
    }
}

/// Makes `candidate` a valid identifier: `fallback` when empty, `_` before a leading
/// digit, `_` after a keyword.
fn finish(candidate: String, fallback: &str) -> String {
    let candidate = if candidate.is_empty() {
        fallback.to_owned()
    } else {
        candidate
    };
    if candidate.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{candidate}")
    } else if KEYWORDS.contains(&candidate.as_str()) {
        format!("{candidate}_")
    } else {
        candidate
    }
}

/// Whether `name` can be used as a Rust identifier as it is (ASCII, not a keyword).
pub fn is_valid_ident(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name != "_"
        && !is_keyword(name)
}

/// Whether `ident` is a keyword that needs the `_` suffix.
pub fn is_keyword(ident: &str) -> bool {
    KEYWORDS.contains(&ident)
}

/// Hands out names unique within one scope: the second `foo` becomes `foo_2`.
#[derive(Debug, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// A scope where `reserved` names are already taken.
    pub fn with_reserved<'a>(reserved: impl IntoIterator<Item = &'a str>) -> Self {
        Self {
            taken: reserved.into_iter().map(str::to_owned).collect(),
        }
    }

    /// `base`, or `base_2`, `base_3`... whichever is free first (`Base2` style for
    /// type names, `BASE_2` for constants). Records the result.
    pub fn claim(&mut self, base: &str) -> String {
        self.claim_where(base, |_| true)
    }

    /// [`claim`](Self::claim), skipping candidates `allowed` refuses as well as the
    /// names already taken.
    pub fn claim_where(&mut self, base: &str, allowed: impl Fn(&str) -> bool) -> String {
        // `SHOUTY` constants take `_2` as snake_case names do; `Pascal` types `2`,
        // those that start with `_` and a digit too (`_2faValue2`: `_2faValue_2` is
        // not camel case).
        let letters = base.chars().filter(char::is_ascii_alphabetic).count();
        let shouty = letters >= 2 && !base.chars().any(|c| c.is_ascii_lowercase());
        let digit_led = base
            .trim_start_matches('_')
            .starts_with(|c: char| c.is_ascii_digit());
        let pascal = !shouty
            && (base.starts_with(|c: char| c.is_ascii_uppercase())
                || (digit_led && base.chars().any(|c| c.is_ascii_uppercase())));
        let mut candidate = base.to_owned();
        let mut n = 2;
        while self.taken.contains(&candidate) || !allowed(&candidate) {
            candidate = if pascal || base.ends_with('_') {
                format!("{base}{n}")
            } else {
                format!("{base}_{n}")
            };
            n += 1;
        }
        self.taken.insert(candidate.clone());
        candidate
    }

    /// Takes `name` as it is, whether or not it was taken.
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_owned());
    }

    /// Whether `name` is taken.
    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idiomatic_names() {
        assert_eq!(snake_ident("Order SMS", "op"), "order_sms");
        assert_eq!(
            snake_ident("View eSIM countries", "op"),
            "view_esim_countries"
        );
        assert_eq!(snake_ident("eSIMs", "m"), "esims");
        assert_eq!(snake_ident("transactionId", "f"), "transaction_id");
        assert_eq!(snake_ident("ID", "f"), "id");
        assert_eq!(
            snake_ident("Retrieve Rental IDs", "f"),
            "retrieve_rental_ids"
        );
        assert_eq!(snake_ident("URLs", "f"), "urls");
        assert_eq!(snake_ident("OAuth 2 token", "f"), "oauth_2_token");
        assert_eq!(snake_ident("IDs", "f"), "ids");
        assert_eq!(
            snake_ident("Retrieve specific price & Success Rate", "op"),
            "retrieve_specific_price_success_rate"
        );
        assert_eq!(pascal_ident("One-time SMS stock", "T"), "OneTimeSmsStock");
    }

    #[test]
    fn odd_names_become_valid_identifiers() {
        assert_eq!(snake_ident("", "operation"), "operation");
        assert_eq!(snake_ident("!!!", "operation"), "operation");
        assert_eq!(snake_ident("type", "f"), "type_");
        assert_eq!(snake_ident("self", "f"), "self_");
        assert_eq!(snake_ident("Self", "f"), "self_");
        assert_eq!(snake_ident("crate", "f"), "crate_");
        assert_eq!(snake_ident("2FA setup", "f"), "_2fa_setup");
        assert_eq!(snake_ident("a[b]", "f"), "a_b");
        assert_eq!(snake_ident("a.b", "f"), "a_b");
        assert_eq!(snake_ident("$x", "f"), "x");
        assert_eq!(snake_ident("Créer un élément", "f"), "creer_un_element");
        assert_eq!(snake_ident("获取用户", "f"), "huo_qu_yong_hu");
        assert_eq!(pascal_ident("2fa", "T"), "_2fa");
    }

    #[test]
    fn words_written_as_one_stay_one() {
        assert_eq!(
            title_ident("Delete a GitHub Pages site", "op"),
            "delete_a_github_pages_site"
        );
        assert_eq!(
            title_ident("View eSIM countries", "op"),
            "view_esim_countries"
        );
        assert_eq!(
            title_ident("Retrieve Rental IDs", "op"),
            "retrieve_rental_ids"
        );
        assert_eq!(title_ident("getUserById", "op"), "get_user_by_id");
        assert_eq!(title_ident("OAuth 2 token", "op"), "oauth_2_token");
        assert_eq!(
            title_ident("One-time SMS stock", "op"),
            "one_time_sms_stock"
        );
    }

    #[test]
    fn scopes_make_names_unique() {
        let mut scope = Scope::default();
        assert_eq!(scope.claim("get"), "get");
        assert_eq!(scope.claim("get"), "get_2");
        assert_eq!(scope.claim("get"), "get_3");
        assert_eq!(scope.claim("Item"), "Item");
        assert_eq!(scope.claim("Item"), "Item2");
        assert_eq!(scope.claim("type_"), "type_");
        assert_eq!(scope.claim("type_"), "type_2");
        assert_eq!(scope.claim("PROFILE"), "PROFILE");
        assert_eq!(scope.claim("PROFILE"), "PROFILE_2");
        assert_eq!(scope.claim("A2"), "A2");
        assert_eq!(scope.claim("A2"), "A22");
        assert_eq!(scope.claim("_2faValue"), "_2faValue");
        assert_eq!(scope.claim("_2faValue"), "_2faValue2");
        assert_eq!(scope.claim("_2fa"), "_2fa");
        assert_eq!(scope.claim("_2fa"), "_2fa_2");
        assert_eq!(scope.claim_where("std", |n| n != "std"), "std_2");
        assert_eq!(scope.claim("std"), "std");
    }
}
