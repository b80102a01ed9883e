//! A page's template variables (a struct, or a map) made a Tera context field by field: each field's name
//! is the struct's own `&'static str`, where `Context::from_serialize` builds a map of the
//! whole struct first and then copies every name into a new `String` (13,600 pages at 10k).

use serde::Serialize;
use serde::ser::{self, Impossible};
use tera::{Context, Value};

/// The context whose variables are `vars`' fields.
pub fn context_of(vars: &impl Serialize) -> Result<Context, tera::Error> {
    vars.serialize(ContextSerializer)
        .map_err(|e| tera::Error::message(e.0))
}

/// Why a context could not be made (`vars` not a struct or map, or a value Tera refuses).
#[derive(Debug)]
pub struct NotAStruct(String);

impl std::fmt::Display for NotAStruct {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NotAStruct {}

impl ser::Error for NotAStruct {
    fn custom<T: std::fmt::Display>(message: T) -> Self {
        NotAStruct(message.to_string())
    }
}

struct ContextSerializer;

/// The fields of the struct, each inserted as it comes.
pub struct Fields(Context);

impl ser::SerializeStruct for Fields {
    type Ok = Context;
    type Error = NotAStruct;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), NotAStruct> {
        let value = Value::try_from_serializable(value).map_err(|e| NotAStruct(e.to_string()))?;
        self.0.insert_value(key, value);
        Ok(())
    }

    fn end(self) -> Result<Context, NotAStruct> {
        Ok(self.0)
    }
}

/// The entries of a map (a struct with a `#[serde(flatten)]` field serializes as one), each
/// inserted as it comes.
pub struct Entries {
    context: Context,
    key: Option<String>,
}

impl ser::SerializeMap for Entries {
    type Ok = Context;
    type Error = NotAStruct;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), NotAStruct> {
        let key = Value::try_from_serializable(key).map_err(|e| NotAStruct(e.to_string()))?;
        match key.as_str() {
            Some(name) => {
                self.key = Some(name.to_string());
                Ok(())
            }
            None => Err(NotAStruct(format!(
                "a template variable's name must be text, not `{key}`"
            ))),
        }
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), NotAStruct> {
        let value = Value::try_from_serializable(value).map_err(|e| NotAStruct(e.to_string()))?;
        if let Some(key) = self.key.take() {
            self.context.insert_value(key, value);
        }
        Ok(())
    }

    fn end(self) -> Result<Context, NotAStruct> {
        Ok(self.context)
    }
}

fn not_a_struct<T>() -> Result<T, NotAStruct> {
    Err(NotAStruct(
        "a page's template variables must be a struct".to_string(),
    ))
}

impl ser::Serializer for ContextSerializer {
    type Ok = Context;
    type Error = NotAStruct;
    type SerializeSeq = Impossible<Context, NotAStruct>;
    type SerializeTuple = Impossible<Context, NotAStruct>;
    type SerializeTupleStruct = Impossible<Context, NotAStruct>;
    type SerializeTupleVariant = Impossible<Context, NotAStruct>;
    type SerializeMap = Entries;
    type SerializeStruct = Fields;
    type SerializeStructVariant = Impossible<Context, NotAStruct>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Fields, NotAStruct> {
        Ok(Fields(Context::new()))
    }

    fn serialize_bool(self, _: bool) -> Result<Context, NotAStruct> {
        not_a_struct()
    }
    fn serialize_i8(self, _: i8) -> Result<Context, NotAStruct> {
        not_a_struct()
    }
    fn serialize_i16(self, _: i16) -> Result<Context, NotAStruct> {
        not_a_struct()
    }
    fn serialize_i32(self, _: i32) -> Result<Context, NotAStruct> {
        not_a_struct()
    }
    fn serialize_i64(self, _: i64) -> Result<Context, NotAStruct> {
        not_a_struct()
    }
    fn serialize_u8(self, _: u8) -> Result<Context, NotAStruct> {
        not_a_struct()
    }
    fn serialize_u16(self, _: u16) -> Result<Context, NotAStruct> {
        not_a_struct()
    }
    fn serialize_u32(self, _: u32) -> Result<Context, NotAStruct> {
        not_a_struct()
    }
    fn serialize_u64(self, _: u64) -> Result<Context, NotAStruct> {
        not_a_struct()
    }
    fn serialize_f32(self, _: f32) -> Result<Context, NotAStruct> {
        not_a_struct()
    }
    fn serialize_f64(self, _: f64) -> Result<Context, NotAStruct> {
        not_a_struct()
    }
    fn serialize_char(self, _: char) -> Result<Context, NotAStruct> {
        not_a_struct()
    }
    fn serialize_str(self, _: &str) -> Result<Context, NotAStruct> {
        not_a_struct()
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<Context, NotAStruct> {
        not_a_struct()
    }
    fn serialize_none(self) -> Result<Context, NotAStruct> {
        not_a_struct()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<Context, NotAStruct> {
        not_a_struct()
    }
    fn serialize_unit(self) -> Result<Context, NotAStruct> {
        not_a_struct()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Context, NotAStruct> {
        not_a_struct()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
    ) -> Result<Context, NotAStruct> {
        not_a_struct()
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<Context, NotAStruct> {
        not_a_struct()
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Context, NotAStruct> {
        not_a_struct()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotAStruct> {
        not_a_struct()
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotAStruct> {
        not_a_struct()
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, NotAStruct> {
        not_a_struct()
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotAStruct> {
        not_a_struct()
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Entries, NotAStruct> {
        Ok(Entries {
            context: Context::new(),
            key: None,
        })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotAStruct> {
        not_a_struct()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Vars<'a> {
        title: &'a str,
        count: usize,
        #[serde(skip_serializing_if = "Option::is_none")]
        missing: Option<u8>,
        items: Vec<&'a str>,
    }

    #[test]
    fn a_struct_becomes_the_context_from_serialize_makes() {
        let vars = Vars {
            title: "T & <Co>",
            count: 3,
            missing: None,
            items: vec!["a", "b"],
        };
        let ours = context_of(&vars).unwrap();
        assert_eq!(ours, Context::from_serialize(&vars).unwrap());
        assert!(!ours.contains_key("missing"));
        let mut tera = tera::Tera::default();
        tera.add_raw_template(
            "t.html",
            "{{ title }}: {{ count }} {% for i in items %}{{ i }}{% endfor %}",
        )
        .unwrap();
        assert_eq!(
            tera.render("t.html", &ours).unwrap(),
            "T &amp; &lt;Co&gt;: 3 ab"
        );
    }

    #[test]
    fn a_struct_with_a_flattened_field_becomes_the_same_context() {
        #[derive(Serialize)]
        struct Outer<'a> {
            #[serde(flatten)]
            inner: Vars<'a>,
            extra: bool,
        }
        let vars = Outer {
            inner: Vars {
                title: "t",
                count: 1,
                missing: Some(2),
                items: vec![],
            },
            extra: true,
        };
        let ours = context_of(&vars).unwrap();
        assert_eq!(ours, Context::from_serialize(&vars).unwrap());
        assert_eq!(ours.get("missing"), Some(&Value::from(2u8)));
    }

    #[test]
    fn anything_but_a_struct_is_refused() {
        let refused = context_of(&vec![1, 2]).unwrap_err();
        assert!(
            refused.to_string().contains("must be a struct"),
            "{refused}"
        );
        assert!(context_of(&"text").is_err());
    }
}
