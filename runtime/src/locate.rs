//! From JSON Pointers back to where the values are in the file.
//!
//! Errors are found on the parsed `Value`, which has no positions; this module
//! re-reads the text once for all the pointers of a report. It descends only
//! into members and items that some pointer names and skips every other value
//! without building it, so locating any number of pointers costs one linear
//! pass and no allocation proportional to the file. Only reports pay for it.
//!
//! A member (`/message/text`) is located at its key, which is what a reader
//! looks for; an array item or the whole payload at its first character.

use std::collections::{BTreeMap, HashMap};

use crate::pointer;

use crate::position::{Position, TextIndex};

/// Positions of `pointers` in `text`, which must be well-formed JSON (it has
/// already been parsed). Pointers that name nothing in the text are absent.
#[must_use]
pub fn locate<'p>(
    text: &[u8],
    pointers: impl IntoIterator<Item = &'p str>,
) -> HashMap<String, Position> {
    let mut root = Trie::default();
    for pointer in pointers {
        if let Some(tokens) = pointer::tokens(pointer) {
            root.insert(pointer, &tokens);
        }
    }
    let mut offsets = HashMap::new();
    let mut scanner = Scanner { text, at: 0 };
    scanner.skip_whitespace();
    let start = scanner.at;
    if let Some(pointer) = &root.pointer {
        offsets.insert(pointer.clone(), start);
    }
    scanner.value(&root, &mut offsets);
    let index = TextIndex::new(text);
    offsets
        .into_iter()
        .map(|(pointer, offset)| (pointer, index.position(offset)))
        .collect()
}

#[derive(Default)]
struct Trie {
    /// The pointer that ends here, if one does.
    pointer: Option<String>,
    children: BTreeMap<String, Trie>,
}

impl Trie {
    fn insert(&mut self, pointer: &str, tokens: &[String]) {
        match tokens.split_first() {
            None => self.pointer = Some(pointer.to_string()),
            Some((first, rest)) => self
                .children
                .entry(first.clone())
                .or_default()
                .insert(pointer, rest),
        }
    }
}

struct Scanner<'t> {
    text: &'t [u8],
    at: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Reads the value at the cursor, recording positions of wanted pointers below `node`.
    fn value(&mut self, node: &Trie, offsets: &mut HashMap<String, usize>) {
        if node.children.is_empty() {
            self.skip_value();
            return;
        }
        match self.peek() {
            Some(b'{') => self.object(node, offsets),
            Some(b'[') => self.array(node, offsets),
            _ => self.skip_value(),
        }
    }

    fn object(&mut self, node: &Trie, offsets: &mut HashMap<String, usize>) {
        self.at += 1; // `{`
        loop {
            self.skip_whitespace();
            match self.peek() {
                Some(b'"') => {}
                Some(b'}') | None => {
                    self.at += 1;
                    return;
                }
                Some(_) => {
                    self.at += 1; // `,`
                    continue;
                }
            }
            let key_at = self.at;
            let key = self.string();
            self.skip_whitespace();
            self.at += 1; // `:`
            self.skip_whitespace();
            match node.children.get(&key) {
                Some(child) => {
                    if let Some(pointer) = &child.pointer {
                        offsets.insert(pointer.clone(), key_at);
                    }
                    self.value(child, offsets);
                }
                None => self.skip_value(),
            }
        }
    }

    fn array(&mut self, node: &Trie, offsets: &mut HashMap<String, usize>) {
        self.at += 1; // `[`
        let mut index = 0usize;
        loop {
            self.skip_whitespace();
            match self.peek() {
                Some(b']') | None => {
                    self.at += 1;
                    return;
                }
                Some(b',') => {
                    self.at += 1;
                    continue;
                }
                Some(_) => {}
            }
            let before = self.at;
            match node.children.get(index.to_string().as_str()) {
                Some(child) => {
                    if let Some(pointer) = &child.pointer {
                        offsets.insert(pointer.clone(), self.at);
                    }
                    self.value(child, offsets);
                }
                None => self.skip_value(),
            }
            // Malformed text (`[:` after a duplicate key was found) must
            // still move the scan forward.
            if self.at == before {
                self.at += 1;
            }
            index += 1;
        }
    }

    /// Reads a string token and returns its unescaped text.
    fn string(&mut self) -> String {
        let start = self.at;
        self.skip_string();
        // A string cut off by the end of the text (a payload whose duplicate
        // key came before its syntax error) ends at the end.
        self.at = self.at.min(self.text.len());
        let token = &self.text[start.min(self.at)..self.at];
        serde_json::from_slice(token).unwrap_or_default()
    }

    fn skip_string(&mut self) {
        self.at += 1; // opening quote
        while let Some(b) = self.peek() {
            self.at += 1;
            match b {
                b'\\' => self.at += 1,
                b'"' => return,
                _ => {}
            }
        }
    }

    /// Skips one value iteratively, whatever its depth.
    fn skip_value(&mut self) {
        let mut depth = 0usize;
        loop {
            self.skip_whitespace();
            match self.peek() {
                None => return,
                Some(b'"') => self.skip_string(),
                Some(b'{' | b'[') => {
                    depth += 1;
                    self.at += 1;
                }
                Some(b'}' | b']') => {
                    if depth == 0 {
                        return;
                    }
                    depth -= 1;
                    self.at += 1;
                }
                Some(b',' | b':') if depth > 0 => self.at += 1,
                Some(b',' | b':') => return,
                Some(_) => {
                    while matches!(self.peek(), Some(c) if !b",:]} \t\r\n".contains(&c)) {
                        self.at += 1;
                    }
                }
            }
            if depth == 0 {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, pointer: &str) -> Option<Position> {
        locate(text.as_bytes(), [pointer]).get(pointer).copied()
    }

    const PAYLOAD: &str = r#"{
  "skip": {"deep": [1, {"x": "}]\"{["}], "n": -1.5e3},
  "message": {
    "text": "hi",
    "quick_replies": [
      {"title": "a"},
      {"title": "b"}
    ]
  },
  "a/b": {"m~n": true}
}"#;

    #[test]
    fn finds_members_at_their_key_and_items_at_their_start() {
        let p = |line, column| Some(Position { line, column });
        assert_eq!(at(PAYLOAD, ""), p(1, 1));
        assert_eq!(at(PAYLOAD, "/message"), p(3, 3));
        assert_eq!(at(PAYLOAD, "/message/text"), p(4, 5));
        assert_eq!(at(PAYLOAD, "/message/quick_replies/1"), p(7, 7));
        assert_eq!(at(PAYLOAD, "/message/quick_replies/1/title"), p(7, 8));
        assert_eq!(at(PAYLOAD, "/a~1b/m~0n"), p(10, 11));
        assert_eq!(at(PAYLOAD, "/skip/n"), p(2, 42));
    }

    #[test]
    fn absent_pointers_are_not_located() {
        assert_eq!(at(PAYLOAD, "/message/missing"), None);
        assert_eq!(at(PAYLOAD, "/message/quick_replies/9"), None);
        assert_eq!(at(PAYLOAD, "/message/text/deeper"), None);
    }

    #[test]
    fn text_cut_off_inside_a_string_is_not_a_panic() {
        // Found by `cargo fuzz run codegen`: an escape at the very end.
        let text = b"{\"\": 0, \"\": 1, \"a\\";
        assert!(locate(text, ["/"]).contains_key("/"));
        assert!(locate(b"{\"\\", ["/x"]).is_empty());
        // Found by the fuzzer: a `:` inside an array stopped the scan moving.
        assert!(locate(b"[[:0,:", ["/0/0"]).len() <= 1);
    }

    #[test]
    fn locates_many_pointers_in_one_pass() {
        let items: Vec<String> = (0..1000).map(|i| format!("{{\"to\": \"{i}\"}}")).collect();
        let text = format!("{{\"d\": [\n{}\n]}}", items.join(",\n"));
        let pointers: Vec<String> = (0..1000).map(|i| format!("/d/{i}/to")).collect();
        let found = locate(text.as_bytes(), pointers.iter().map(String::as_str));
        assert_eq!(found.len(), 1000);
        assert_eq!(
            found["/d/999/to"],
            Position {
                line: 1001,
                column: 2
            }
        );
    }
}
