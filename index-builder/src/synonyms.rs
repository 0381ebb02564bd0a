//! The synonyms file: one group of equivalent terms or phrases per line, separated by commas
//! ("2fa, two-factor authentication, two factor"). Blank lines and lines starting with `#` are
//! ignored. Applied at query time: a query holding any member also finds the others.

use std::path::Path;

use anyhow::{bail, Context, Result};

/// Reads and checks a synonyms file; errors name the file and line.
pub fn read(path: &Path) -> Result<Vec<Vec<String>>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read synonyms file {}", path.display()))?;
    parse(path, &text)
}

pub fn parse(path: &Path, text: &str) -> Result<Vec<Vec<String>>> {
    let mut groups = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let members: Vec<String> = line
            .split(',')
            .map(|m| m.trim().to_string())
            .filter(|m| !m.is_empty())
            .collect();
        if members.len() < 2 {
            bail!(
                "{}:{}: synonyms: a group needs at least two terms separated by commas, got {:?}",
                path.display(),
                i + 1,
                line
            );
        }
        if members
            .iter()
            .any(|m| !m.chars().any(char::is_alphanumeric))
        {
            bail!(
                "{}:{}: synonyms: every term needs a letter or digit, got {:?}",
                path.display(),
                i + 1,
                line
            );
        }
        groups.push(members);
    }
    Ok(groups)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_comments_and_errors() {
        let p = Path::new("syn.txt");
        let g = parse(
            p,
            "# comment\n\n2fa, two-factor authentication ,\nkyc,identity verification\n",
        )
        .unwrap();
        assert_eq!(
            g,
            vec![
                vec!["2fa".to_string(), "two-factor authentication".to_string()],
                vec!["kyc".to_string(), "identity verification".to_string()],
            ]
        );
        let err = parse(p, "a, b\nlonely\n").unwrap_err().to_string();
        assert!(err.starts_with("syn.txt:2: synonyms:"), "{err}");
        let err = parse(p, "a, --\n").unwrap_err().to_string();
        assert!(err.contains("syn.txt:1:"), "{err}");
    }
}
