//! Line numbers for byte offsets in a file being read: the line starts are
//! found once, then each lookup is a binary search. Counting from the
//! start of the text for every event made reading a 20,000-unit file
//! quadratic (minutes); this keeps it linear.

pub struct Lines {
    /// Byte offset of the start of each line; `starts[0] == 0`.
    starts: Vec<usize>,
}

impl Lines {
    pub fn new(text: &str) -> Lines {
        let starts = std::iter::once(0)
            .chain(
                text.bytes()
                    .enumerate()
                    .filter(|&(_, b)| b == b'\n')
                    .map(|(i, _)| i + 1),
            )
            .collect();
        Lines { starts }
    }

    /// The 1-based line holding byte `offset` (past the end: the last line).
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_of_offsets() {
        let text = "ab\ncdé f\n\nx";
        let lines = Lines::new(text);
        for offset in 0..=text.len() + 3 {
            let expected = text.as_bytes()[..offset.min(text.len())]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            assert_eq!(lines.line(offset), expected, "{offset}");
        }
        assert_eq!(Lines::new("").line(0), 1);
    }
}
