//! Line and column numbers in a payload file. Both are 1-based; the column
//! counts characters (Unicode scalar values), as editors and rustc do, not bytes.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    pub const START: Position = Position { line: 1, column: 1 };
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Converts byte offsets of a text into positions.
pub struct TextIndex<'a> {
    text: &'a [u8],
}

impl<'a> TextIndex<'a> {
    #[must_use]
    pub fn new(text: &'a [u8]) -> Self {
        Self { text }
    }

    /// The position of the byte at `offset` (clamped to the text).
    #[must_use]
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let before = &self.text[..offset];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |newline| newline + 1);
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        Position {
            line,
            column: 1 + count_chars(&self.text[line_start..offset]),
        }
    }

    /// Converts serde_json's (line, byte column) into a character column.
    #[must_use]
    pub fn from_serde(&self, line: usize, byte_column: usize) -> Position {
        let line_start = if line <= 1 {
            Some(0)
        } else {
            self.text
                .iter()
                .enumerate()
                .filter(|(_, &b)| b == b'\n')
                .nth(line - 2)
                .map(|(i, _)| i + 1)
        };
        let Some(line_start) = line_start else {
            return self.position(self.text.len());
        };
        // serde_json's column is the byte just consumed; point at it.
        let end = (line_start + byte_column.saturating_sub(1)).min(self.text.len());
        Position {
            line: line.max(1),
            column: 1 + count_chars(&self.text[line_start..end]),
        }
    }
}

/// Characters in possibly invalid UTF-8: every byte that does not continue a
/// sequence starts one.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let text = "{\n  \"é😀\": 1}".as_bytes();
        let index = TextIndex::new(text);
        assert_eq!(index.position(0), Position { line: 1, column: 1 });
        let one = text.iter().position(|&b| b == b'1').expect("digit present");
        assert_eq!(index.position(one), Position { line: 2, column: 9 });
    }

    #[test]
    fn converts_serde_byte_columns() {
        let text = "{\"é\": x}".as_bytes();
        let error = serde_json::from_slice::<serde_json::Value>(text).expect_err("malformed");
        let position = TextIndex::new(text).from_serde(error.line(), error.column());
        assert_eq!(position, Position { line: 1, column: 7 });
    }
}
