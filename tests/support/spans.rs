//! A `tracing` subscriber that keeps every span and event, to check what the runtime
//! reports (and that the key is never in it).

use std::collections::BTreeMap;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};

/// A span or an event: its name (the message for events), target, level and fields.
#[derive(Clone, Debug, Default)]
pub struct Seen {
    /// The span's name, or the event's message.
    pub name: String,
    /// Where it came from (`postgen_runtime`...).
    pub target: String,
    /// `INFO`, `WARN`...
    pub level: String,
    /// Every field, formatted.
    pub fields: BTreeMap<String, String>,
}

impl Seen {
    /// A field's value, as formatted.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields.get(name).map(String::as_str)
    }
}

#[derive(Default)]
struct State {
    /// Open spans and how many handles each has.
    open: BTreeMap<u64, (Seen, usize)>,
    closed: Vec<Seen>,
    events: Vec<Seen>,
}

/// Records spans (kept when they close) and events. Cheap to clone; clones share.
#[derive(Clone, Default)]
pub struct Recorder {
    state: Arc<Mutex<State>>,
    next_id: Arc<AtomicU64>,
}

impl Recorder {
    /// The spans that have closed, in order.
    pub fn closed_spans(&self) -> Vec<Seen> {
        self.lock().closed.clone()
    }

    /// The events, in order.
    pub fn events(&self) -> Vec<Seen> {
        self.lock().events.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

struct Fields<'a>(&'a mut Seen);

impl Visit for Fields<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.put(field, value.to_owned());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.put(field, format!("{value:?}"));
    }
}

impl Fields<'_> {
    fn put(&mut self, field: &Field, value: String) {
        if field.name() == "message" && self.0.name.is_empty() {
            self.0.name = value.clone();
        }
        self.0.fields.insert(field.name().to_owned(), value);
    }
}

fn seen(metadata: &Metadata<'_>, name: &str) -> Seen {
    Seen {
        name: name.to_owned(),
        target: metadata.target().to_owned(),
        level: metadata.level().to_string(),
        fields: BTreeMap::new(),
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        *metadata.level() <= Level::TRACE
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let id = self.next_id.fetch_add(1, Ordering::SeqCst) + 1;
        let mut record = seen(span.metadata(), span.metadata().name());
        span.record(&mut Fields(&mut record));
        self.lock().open.insert(id, (record, 1));
        Id::from_u64(id)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        if let Some((record, _)) = self.lock().open.get_mut(&span.into_u64()) {
            values.record(&mut Fields(record));
        }
    }

    fn record_follows_from(&self, _span: &Id, _follows: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut record = seen(event.metadata(), "");
        event.record(&mut Fields(&mut record));
        self.lock().events.push(record);
    }

    fn enter(&self, _span: &Id) {}

    fn exit(&self, _span: &Id) {}

    fn clone_span(&self, id: &Id) -> Id {
        if let Some((_, handles)) = self.lock().open.get_mut(&id.into_u64()) {
            *handles += 1;
        }
        id.clone()
    }

    fn try_close(&self, id: Id) -> bool {
        let mut state = self.lock();
        let key = id.into_u64();
        let last = match state.open.get_mut(&key) {
            Some((_, handles)) => {
                *handles -= 1;
                *handles == 0
            }
            None => false,
        };
        if last && let Some((record, _)) = state.open.remove(&key) {
            state.closed.push(record);
        }
        last
    }
}
