//! The command line of a task: flags, and options followed by their value.

/// The arguments after the task's name.
pub struct Args<'a> {
    rest: std::slice::Iter<'a, String>,
}

impl<'a> Args<'a> {
    /// Reads `args`.
    pub fn new(args: &'a [String]) -> Self {
        Self { rest: args.iter() }
    }

    /// The next argument.
    pub fn next_arg(&mut self) -> Option<&'a str> {
        self.rest.next().map(String::as_str)
    }

    /// The value that follows option `name`.
    pub fn value(&mut self, name: &str) -> Result<String, String> {
        self.next_arg()
            .map(str::to_owned)
            .ok_or_else(|| format!("{name} needs a value"))
    }
}
