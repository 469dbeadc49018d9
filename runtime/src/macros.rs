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

/// The conversions and serde impls of a generated [`ClosedSet`](crate::lenient::ClosedSet)
/// enum, from its table: `code()`, `name()`, `serialize_name`, `Display`, and decoding
/// from a code or a name (any case), encoding as the code when it has one.
#[macro_export]
macro_rules! closed_set {
    ($name:ident) => {
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
