//! Items laid out as rustfmt lays them out, for the two shapes where prettyplease
//! would lay them out otherwise: `use` lists (rustfmt wraps them from 88 columns on)
//! and statics whose value is a method chain (rustfmt may move it to the next line).
//! They go into the printed file as written ([`Cx::verbatim`](super::cx::Cx::verbatim)),
//! so generated code is rustfmt-clean as emitted (see the generated `rustfmt.toml`).

/// The width rustfmt formats to (`max_width` in the generated `rustfmt.toml`).
const WIDTH: usize = 89;

/// `use path::{a, b};`, wrapped as rustfmt wraps it: on one line up to 87 columns,
/// else the items packed on indented lines of up to 89.
pub fn use_item(prefix: &str, path: &str, items: &[String]) -> String {
    if let [one] = items {
        return format!("{prefix}use {path}::{one};");
    }
    let one_line = format!("{prefix}use {path}::{{{}}};", items.join(", "));
    if one_line.len() < WIDTH - 1 {
        return one_line;
    }
    let mut out = format!("{prefix}use {path}::{{\n");
    let mut line = String::from("   ");
    for item in items {
        if line.len() + 1 + item.len() + 1 > WIDTH {
            out.push_str(&line);
            out.push('\n');
            line = String::from("   ");
        }
        line.push(' ');
        line.push_str(item);
        line.push(',');
    }
    out.push_str(&line);
    out.push_str("\n};");
    out
}

/// `static NAME: Type = root.a().b();` (after `vis`, `pub(crate) ` or nothing) with the chain where rustfmt puts it: on the
/// line when it all fits; else on the next line when it fits there; else one call a
/// line, after the root when the root fits on the first line, or under a root on the
/// next line, or under the root's arguments one a line.
pub fn static_item(
    vis: &str,
    name: &str,
    ty: &str,
    root: (&str, &[String]),
    calls: &[String],
) -> String {
    let (function, args) = root;
    let root = format!("{function}({})", args.join(", "));
    let chain = format!("{root}{}", calls.concat());
    let head = format!("{vis}static {name}: {ty} =");
    let one_line = format!("{head} {chain};");
    if one_line.len() <= WIDTH {
        return one_line;
    }
    if 4 + chain.len() < WIDTH {
        return format!("{head}\n    {chain};");
    }
    let lines = |first: String, indent: &str| {
        let mut out = first;
        for call in calls {
            out.push('\n');
            out.push_str(indent);
            out.push_str(call);
        }
        out.push(';');
        out
    };
    // rustfmt keeps the root on the first line up to 88 columns.
    if head.len() + 1 + root.len() < WIDTH {
        return lines(format!("{head} {root}"), "    ");
    }
    if 4 + root.len() <= WIDTH {
        return lines(format!("{head}\n    {root}"), "        ");
    }
    let mut first = format!("{head} {function}(\n");
    for arg in args {
        first.push_str("    ");
        first.push_str(arg);
        first.push_str(",\n");
    }
    first.push(')');
    lines(first, "")
}

/// `{decl}NAME: Outer<Inner> = function(args);` (`pub const X: Example<T> =
/// Example::new("a", "b");`), laid out as rustfmt lays it out: on one line when it
/// fits; else the value on the next line; else the arguments one a line after the
/// head; and when the head itself is too long, the type's parameter on a line of its
/// own, then the value after `> =`.
pub fn const_item(decl: &str, name: &str, ty: (&str, &str), call: (&str, &[String])) -> String {
    let (outer, inner) = ty;
    let (function, args) = call;
    let value = format!("{function}({})", args.join(", "));
    let head = format!("{decl}{name}: {outer}<{inner}> =");
    let spread = |first: String| {
        let mut out = format!("{first}{function}(\n");
        for arg in args {
            out.push_str("    ");
            out.push_str(arg);
            out.push_str(",\n");
        }
        out.push_str(");");
        out
    };
    if head.len() + 1 + value.len() < WIDTH {
        return format!("{head} {value};");
    }
    if head.len() <= WIDTH {
        if 4 + value.len() < WIDTH {
            return format!("{head}\n    {value};");
        }
        return spread(format!("{head} "));
    }
    let first = format!("{decl}{name}: {outer}<\n    {inner},\n");
    if 4 + value.len() < WIDTH {
        format!("{first}> = {value};")
    } else {
        spread(format!("{first}> = "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn uses_wrap_from_88_columns() {
        let short = names(&[
            "Answer",
            "AnswerKind",
            "Malformed",
            "Matched",
            "Table",
            "TextAnsw",
        ]);
        assert_eq!(
            use_item("", "postgen_runtime::answer", &short)
                .lines()
                .count(),
            1
        );
        let long = names(&[
            "Answer",
            "AnswerKind",
            "Malformed",
            "Matched",
            "Table",
            "TextAnswe",
        ]);
        assert_eq!(
            use_item("", "postgen_runtime::answer", &long),
            "use postgen_runtime::answer::{\n    Answer, AnswerKind, Malformed, Matched, Table, TextAnswe,\n};"
        );
    }

    #[test]
    fn constants_follow_rustfmt() {
        let args = |a: &str, b: &str| [format!("{a:?}"), format!("{b:?}")];
        let ty = ("Example", "crate::sms::PurchaseResponse");
        let call = |a: &[String]| ("Example::new", a.to_vec());
        let short = args("sms::purchase", "200");
        let (f, a) = call(&short);
        assert_eq!(
            const_item("pub const ", "PURCHASE_200", ("Example", "Answer"), (f, &a)),
            "pub const PURCHASE_200: Example<Answer> = Example::new(\"sms::purchase\", \"200\");"
        );
        let saved = args("sms::purchase", "422 - OUT_OF_STOCK");
        let (f, a) = call(&saved);
        assert_eq!(
            const_item("pub const ", "PURCHASE_422_OUT_OF_STOCK", ty, (f, &a)),
            "pub const PURCHASE_422_OUT_OF_STOCK: Example<crate::sms::PurchaseResponse> =\n    Example::new(\"sms::purchase\", \"422 - OUT_OF_STOCK\");"
        );
        let long = args("sms::purchase", "422 - no price found with min price");
        let (f, a) = call(&long);
        assert_eq!(
            const_item(
                "pub const ",
                "PURCHASE_422_NO_PRICE_FOUND_WITH_MIN_PRICE",
                ty,
                (f, &a)
            ),
            "pub const PURCHASE_422_NO_PRICE_FOUND_WITH_MIN_PRICE: Example<\n    crate::sms::PurchaseResponse,\n> = Example::new(\"sms::purchase\", \"422 - no price found with min price\");"
        );
    }

    #[test]
    fn statics_follow_rustfmt() {
        let args = |a: &str, b: &str| [format!("{a:?}"), format!("{b:?}")];
        let calls = names(&[".read_only()", ".form()", ".key_field(\"key\")"]);
        let check = args("sms::check", "/sms/check");
        assert_eq!(
            static_item(
                "",
                "CHECK",
                "Operation",
                ("Operation::post", &check),
                &calls
            ),
            "static CHECK: Operation =\n    Operation::post(\"sms::check\", \"/sms/check\").read_only().form().key_field(\"key\");"
        );
        let calls = names(&[".read_only()", ".form()", ".key_field(\"keyyyyyyyyyy\")"]);
        assert_eq!(
            static_item(
                "",
                "CHECK",
                "Operation",
                ("Operation::post", &check),
                &calls
            ),
            "static CHECK: Operation = Operation::post(\"sms::check\", \"/sms/check\")\n    .read_only()\n    .form()\n    .key_field(\"keyyyyyyyyyy\");"
        );
        let long = args("activate::get_balance", "/stubs/handler_api");
        let calls = names(&[
            ".read_only()",
            ".form()",
            ".auth(postgen_runtime::AuthScheme::None)",
            ".key_field(\"api_key\")",
        ]);
        assert_eq!(
            static_item(
                "",
                "GET_BALANCE",
                "Operation",
                ("Operation::post", &long),
                &calls
            ),
            "static GET_BALANCE: Operation =\n    Operation::post(\"activate::get_balance\", \"/stubs/handler_api\")\n        .read_only()\n        .form()\n        .auth(postgen_runtime::AuthScheme::None)\n        .key_field(\"api_key\");"
        );
    }
}
