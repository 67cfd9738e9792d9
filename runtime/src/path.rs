//! Where a value sits in a payload, as a stack-allocated linked list: parsing
//! and validation push a frame per member or item and never allocate; the
//! RFC 6901 pointer string is built only when a violation is reported.

use crate::pointer;

#[derive(Debug, Clone, Copy)]
pub enum Path<'a> {
    /// The whole payload.
    Root,
    /// Member `name` of the object at the parent path.
    Key(&'a Path<'a>, &'a str),
    /// Item `index` of the array at the parent path.
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    #[must_use]
    pub fn key(&'a self, name: &'a str) -> Path<'a> {
        Path::Key(self, name)
    }

    #[must_use]
    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path::Index(self, index)
    }

    /// The RFC 6901 JSON Pointer of this path (`""` for the root).
    #[must_use]
    pub fn pointer(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Path::Root => {}
            Path::Key(parent, name) => {
                parent.write(out);
                pointer::push_token(out, name);
            }
            Path::Index(parent, index) => {
                parent.write(out);
                pointer::push_token(out, &index.to_string());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_escaped_pointers() {
        let root = Path::Root;
        let message = root.key("message");
        let replies = message.key("quick/replies");
        let first = replies.index(0);
        assert_eq!(first.pointer(), "/message/quick~1replies/0");
        assert_eq!(root.pointer(), "");
    }
}
