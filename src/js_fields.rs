//! Reading the plain objects JavaScript hands over (the options of `mount` and `search`, the
//! parsed manifest) field by field. Written by hand instead of derived with serde: a derived
//! deserializer brings serde's whole error machinery into the module, float formatting
//! included, for three small objects (about 5 KB of the download, brotli). The rules are
//! serde's: a missing or `null` field is `None`, a field of the wrong type is an error that
//! names it.

use wasm_bindgen::{JsCast, JsValue};

/// The fields of one JS object; `what` names it in errors ("mount options").
pub struct Fields<'a> {
    object: &'a js_sys::Object,
    what: &'static str,
}

impl<'a> Fields<'a> {
    /// `value` as an object to read; `None` for `undefined` or `null` (no options given).
    pub fn new(value: &'a JsValue, what: &'static str) -> Result<Option<Fields<'a>>, String> {
        if value.is_undefined() || value.is_null() {
            return Ok(None);
        }
        match value.dyn_ref::<js_sys::Object>() {
            Some(object) if !value.is_function() && !js_sys::Array::is_array(value) => {
                Ok(Some(Fields { object, what }))
            }
            _ => Err(format!("invalid {what}: expected an object")),
        }
    }

    /// The field's value as it is (`undefined` when missing; a getter that throws counts as
    /// missing).
    pub fn value(&self, key: &str) -> JsValue {
        js_sys::Reflect::get(self.object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    }

    fn present(&self, key: &str) -> Option<JsValue> {
        let v = self.value(key);
        (!v.is_undefined() && !v.is_null()).then_some(v)
    }

    fn wrong(&self, key: &str, kind: &str) -> String {
        format!("invalid {}: {key} must be {kind}", self.what)
    }

    pub fn string(&self, key: &str) -> Result<Option<String>, String> {
        self.present(key)
            .map(|v| v.as_string().ok_or_else(|| self.wrong(key, "a string")))
            .transpose()
    }

    pub fn number(&self, key: &str) -> Result<Option<f64>, String> {
        self.present(key)
            .map(|v| v.as_f64().ok_or_else(|| self.wrong(key, "a number")))
            .transpose()
    }

    pub fn boolean(&self, key: &str) -> Result<Option<bool>, String> {
        self.present(key)
            .map(|v| v.as_bool().ok_or_else(|| self.wrong(key, "true or false")))
            .transpose()
    }

    /// A field that must be there, as a string.
    pub fn required_string(&self, key: &str) -> Result<String, String> {
        self.string(key)?
            .ok_or_else(|| format!("invalid {}: {key} is missing", self.what))
    }

    /// The elements of an array field (an error if it is missing or not an array).
    pub fn array(&self, key: &str) -> Result<Vec<JsValue>, String> {
        let v = self.value(key);
        if !js_sys::Array::is_array(&v) {
            return Err(self.wrong(key, "an array"));
        }
        Ok(js_sys::Array::from(&v).iter().collect())
    }
}
