//! Trait impls every generated crate needs for its own types, written once here.

/// Makes a generated builder (a tuple struct around a [`Request`](crate::Request))
/// something to `.await`: `await_request!(PurchaseRequest => PurchaseResponse)`.
#[macro_export]
macro_rules! await_request {
    ($builder:ident => $answer:ty) => {
        impl<'a> ::std::future::IntoFuture for $builder<'a> {
            type Output = ::std::result::Result<$answer, $crate::Error>;
            type IntoFuture = $crate::BoxFuture<'a, Self::Output>;

            fn into_future(self) -> Self::IntoFuture {
                ::std::future::IntoFuture::into_future(self.0)
            }
        }
    };
}

/// Makes a generated enum a [`ClosedSet`](crate::lenient::ClosedSet), from its table
/// (an inherent `const KNOWN: &[(Self, Option<i64>, &str)]` of each value's code and
/// name) and its `Unknown(Unrecognised)` fallback variant; then gives it `code()`,
/// `name()`, `serialize_name`, `Display`, `FromStr`, decoding from a code or a name (any
/// case), encoding as the code when it has one, and [`ParamValue`](crate::ParamValue)
/// (sent as the code when it has one, else the name).
#[macro_export]
macro_rules! closed_set {
    ($name:ident) => {
        impl $crate::lenient::ClosedSet for $name {
            fn known() -> &'static [(Self, ::std::option::Option<i64>, &'static str)] {
                Self::KNOWN
            }

            fn unknown(raw: $crate::lenient::Unrecognised) -> Self {
                Self::Unknown(raw)
            }

            fn as_unknown(&self) -> ::std::option::Option<&$crate::lenient::Unrecognised> {
                match self {
                    Self::Unknown(raw) => ::std::option::Option::Some(raw),
                    _ => ::std::option::Option::None,
                }
            }
        }

        impl $crate::ParamValue for $name {
            fn into_param(self) -> ::std::string::String {
                match self.code() {
                    ::std::option::Option::Some(code) => code.to_string(),
                    ::std::option::Option::None => self.name().into_owned(),
                }
            }
        }

        impl $name {
            /// The numeric code, when the value has one.
            pub fn code(&self) -> ::std::option::Option<i64> {
                $crate::lenient::closed_set::code(self)
            }

            /// The name the API uses (an unknown code as text).
            pub fn name(&self) -> ::std::borrow::Cow<'_, str> {
                $crate::lenient::closed_set::name(self)
            }

            /// Serialises the name instead of the code, for fields the API sends as
            /// names: `#[serde(serialize_with = "...::serialize_name")]`.
            ///
            /// # Errors
            ///
            /// Those of the serializer.
            pub fn serialize_name<S: $crate::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.name())
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.name())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::UnknownName;

            /// The known value `text` names (its name in any case, or its code).
            fn from_str(text: &str) -> ::std::result::Result<Self, Self::Err> {
                $crate::UnknownName::pick(
                    text,
                    <Self as $crate::lenient::ClosedSet>::known()
                        .iter()
                        .map(|(value, code, name)| (value, *code, *name)),
                )
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::lenient::closed_set::deserialize(deserializer)
            }
        }

        impl $crate::serde::Serialize for $name {
            fn serialize<S: $crate::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                $crate::lenient::closed_set::serialize(self, serializer)
            }
        }
    };
}

/// Makes a generated parameter enum (values sent by name, with an inherent
/// `const ALL: [Self; N]` and `fn as_str(self) -> &'static str`) a
/// [`ParamValue`](crate::ParamValue) sent as its name, and parseable from its name in
/// any case (`FromStr`, failing with [`UnknownName`](crate::UnknownName)).
#[macro_export]
macro_rules! param_enum {
    ($name:ident) => {
        impl $crate::ParamValue for $name {
            fn into_param(self) -> ::std::string::String {
                self.as_str().to_owned()
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::UnknownName;

            /// The value named `text`, in any case.
            fn from_str(text: &str) -> ::std::result::Result<Self, Self::Err> {
                $crate::UnknownName::pick(
                    text,
                    Self::ALL.iter().map(|value| (value, None, value.as_str())),
                )
            }
        }
    };
}
