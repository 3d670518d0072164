//! Where the ids come from: arguments, `--file` (repeatable, `-` is
//! stdin), or stdin when neither is given. Every source is read whole and
//! checked before anything is sent.

use std::fs::File;
use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};

use anyhow::Result;

use super::csv::Column;
use super::{Builder, MAX_IDS, MAX_INPUT, Parsed, csv, plain};
use crate::exit;

/// What the command line says about the input.
pub struct Input<'a> {
    pub args: &'a [String],
    pub files: &'a [PathBuf],
    pub column: Option<&'a Column>,
}

/// Every id of every source, checked, in order, repeats dropped.
pub fn read(input: &Input) -> Result<Parsed> {
    let mut ids = Builder::new(MAX_IDS, MAX_INPUT);
    let stdin_arg = matches!(input.args, [dash] if dash == "-");
    if !stdin_arg {
        from_args(input, &mut ids)?;
    }
    for path in input.files {
        if path.as_os_str() == "-" {
            from_stdin(input, &mut ids)?;
        } else {
            from_file(path, input, &mut ids)?;
        }
    }
    if stdin_arg || input.args.is_empty() && input.files.is_empty() {
        if io::stdin().is_terminal() {
            return Err(exit::usage(
                "no ids given: pass ids as arguments, read them from a file with --file \
                 PATH, or pipe them on stdin (e.g. `wolkvox delete -m contacts --column id < export.csv`)",
            ));
        }
        from_stdin(input, &mut ids)?;
    }
    Ok(ids.finish())
}

/// Ids given as arguments: each argument is one id, never a file's name.
fn from_args(input: &Input, ids: &mut Builder) -> Result<()> {
    if input.args.iter().any(|a| a == "-") {
        return Err(exit::usage(
            "'-' (read ids from stdin) cannot be mixed with ids given as arguments; use --file - to add stdin",
        ));
    }
    if input.column.is_some() && !input.args.is_empty() {
        return Err(exit::usage(
            "--column reads a CSV column from --file or stdin, not from ids given as arguments",
        ));
    }
    for (n, arg) in input.args.iter().enumerate() {
        if !arg.is_empty() && Path::new(arg).is_file() {
            return Err(exit::usage(format!(
                "{arg} is a file here; to read ids from it use --file {arg}"
            )));
        }
        ids.push(arg, &|| format!("argument {}", n + 1))?;
    }
    Ok(())
}

fn from_stdin(input: &Input, ids: &mut Builder) -> Result<()> {
    from_reader(io::stdin().lock(), "stdin", input, ids)
}

fn from_file(path: &Path, input: &Input, ids: &mut Builder) -> Result<()> {
    let name = path.display().to_string();
    let file =
        File::open(path).map_err(|e| exit::usage(format!("cannot read ids from {name}: {e}")))?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(exit::usage(format!(
            "cannot read ids from {name}: it is a directory"
        )));
    }
    from_reader(file, &name, input, ids)
}

fn from_reader(reader: impl io::Read, name: &str, input: &Input, ids: &mut Builder) -> Result<()> {
    match input.column {
        Some(column) => csv::read(reader, name, column, ids),
        None => plain::read(reader, name, ids),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Result<Vec<String>> {
        let mut ids = Builder::new(MAX_IDS, MAX_INPUT);
        plain::read(text.as_bytes(), "stdin", &mut ids)?;
        let parsed = ids.finish();
        Ok((0..parsed.ids.len())
            .map(|i| parsed.ids.get(i).to_string())
            .collect())
    }

    fn column(text: &str, which: &str, header: bool) -> Result<Vec<String>> {
        let mut ids = Builder::new(MAX_IDS, MAX_INPUT);
        let column = Column {
            which: super::super::csv::Which::parse(which).unwrap(),
            delimiter: None,
            header,
        };
        csv::read(text.as_bytes(), "stdin", &column, &mut ids)?;
        let parsed = ids.finish();
        Ok((0..parsed.ids.len())
            .map(|i| parsed.ids.get(i).to_string())
            .collect())
    }

    #[test]
    fn plain_lines_bom_crlf_comments() {
        let got = plain("\u{feff}# header\r\na b  c\r\n\r\n\td\n  # note\ne\n").unwrap();
        assert_eq!(got, ["a", "b", "c", "d", "e"]);
        assert_eq!(plain("\u{feff}x\ny").unwrap(), ["x", "y"]);
    }

    #[test]
    fn plain_lines_with_separators_are_refused_with_a_hint() {
        let err = plain("id,name,email\n").unwrap_err().to_string();
        assert!(
            err.contains("stdin line 1 holds 3 fields separated by ','"),
            "{err}"
        );
        assert!(err.contains("--column NAME"), "{err}");
        let err = plain("a\nid;nombre\n").unwrap_err().to_string();
        assert!(
            err.contains("line 2 holds 2 fields separated by ';'"),
            "{err}"
        );
    }

    #[test]
    fn bad_ids_name_their_line() {
        let err = plain("ok\nfine\nbad\"id\n").unwrap_err().to_string();
        assert!(err.contains("line 3") && err.contains("quote"), "{err}");
        assert!(
            plain(&"x".repeat(129))
                .unwrap_err()
                .to_string()
                .contains("longer than 128")
        );
        let err = plain("a\nb\u{feff}c\n").unwrap_err().to_string();
        assert!(err.contains("line 2") && err.contains("invisible"), "{err}");
        let err = plain("\u{ff}\u{fe}a\0b\0").unwrap_err().to_string();
        assert!(err.contains("UTF-8"), "{err}");
    }

    #[test]
    fn utf16_input_gets_a_hint() {
        let mut ids = Builder::new(MAX_IDS, MAX_INPUT);
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("id\n6074a\n".bytes().flat_map(|b| [b, 0]))
            .collect();
        let err = plain::read(utf16.as_slice(), "stdin", &mut ids)
            .unwrap_err()
            .to_string();
        assert!(err.contains("UTF-16") && err.contains("CSV UTF-8"), "{err}");
    }

    #[test]
    fn lines_split_across_chunks_are_whole() {
        let input: String = (0..50_000).map(|i| format!("id{i}\n")).collect();
        let got = plain(&input).unwrap();
        assert_eq!(got.len(), 50_000);
        assert_eq!(got[49_999], "id49999");
    }

    #[test]
    fn csv_columns_with_quotes_bom_and_semicolons() {
        let text = "\u{feff}\"Id\";\"Nombre\";\"Nota\"\r\n6074a;\"Pérez; Ana\";\"dos\nlíneas\"\r\n;vacío;x\r\n6074b;B;y\r\n";
        assert_eq!(column(text, "id", true).unwrap(), ["6074a", "6074b"]);
        assert_eq!(column(text, "1", true).unwrap(), ["6074a", "6074b"]);
        let err = column(text, "idd", true).unwrap_err().to_string();
        assert!(err.contains("Id, Nombre, Nota"), "{err}");
        assert_eq!(column("a,1\nb,2\n", "1", false).unwrap(), ["a", "b"]);
        let err = column("id\nok\nbad id\n", "id", true)
            .unwrap_err()
            .to_string();
        assert!(err.contains("row 3"), "{err}");
    }

    #[test]
    fn endless_input_stops_at_the_limits() {
        let endless = io::repeat(b'y').take(1 << 22);
        let mut ids = Builder::new(MAX_IDS, 1 << 20);
        let err = plain::read(endless, "stdin", &mut ids)
            .unwrap_err()
            .to_string();
        assert!(err.contains("more than 1 GiB of input"), "{err}");
        let lines: Vec<u8> = b"y\n".repeat(5000);
        let mut ids = Builder::new(1000, MAX_INPUT);
        let err = plain::read(lines.as_slice(), "stdin", &mut ids)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("more than 1,000 ids: split the input"),
            "{err}"
        );
    }

    use std::io::Read;
}
