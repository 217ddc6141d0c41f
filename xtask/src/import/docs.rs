//! Docs made from names, for whatever the overlay does not document: `AutoScalingGroupId` →
//! "Auto scaling group id.", `ResourceNotFound.AutoScalingGroupNotFound` → "Resource not found:
//! auto scaling group not found."

/// Words that are kept whole (they would split badly by case).
const WHOLE_WORDS: &[&str] = &["IPv4", "IPv6", "DDoS"];

/// The words of an UpperCamelCase name: `IsKeepEIP` → `Is`, `Keep`, `EIP`; digits stay with
/// the word before them.
pub fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some(word) = WHOLE_WORDS
            .iter()
            .find(|w| chars[i..].iter().take(w.len()).copied().eq(w.chars()))
        {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            out.push((*word).to_owned());
            i += word.len();
            continue;
        }
        let c = chars[i];
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            i += 1;
            continue;
        }
        let prev = current.chars().last();
        let next = chars.get(i + 1).copied();
        let boundary = c.is_ascii_uppercase()
            && match prev {
                None => false,
                Some(p) if p.is_ascii_lowercase() || p.is_ascii_digit() => true,
                // The last capital of an acronym starts the next word: `EIPAddress`.
                Some(p) => p.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()),
            };
        if boundary {
            out.push(std::mem::take(&mut current));
        }
        current.push(c);
        i += 1;
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// A word as it reads in a sentence: lower case, except acronyms (two capitals or more).
fn in_sentence(word: &str) -> String {
    if word.chars().filter(char::is_ascii_uppercase).count() >= 2 {
        word.to_owned()
    } else {
        word.to_ascii_lowercase()
    }
}

/// Words as a phrase, its first letter capitalised when `capital`.
fn phrase(name: &str, capital: bool) -> String {
    let text = words(name)
        .iter()
        .map(|w| in_sentence(w))
        .collect::<Vec<_>>()
        .join(" ");
    if !capital {
        return text;
    }
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => text,
    }
}

/// "Auto scaling group id." for `AutoScalingGroupId`.
pub fn from_name(name: &str) -> String {
    format!("{}.", phrase(name, true))
}

/// "Resource not found: auto scaling group not found." for
/// `ResourceNotFound.AutoScalingGroupNotFound`.
pub fn from_error_code(code: &str) -> String {
    let parts: Vec<String> = code
        .split('.')
        .enumerate()
        .map(|(i, part)| phrase(part, i == 0))
        .collect();
    format!("{}.", parts.join(": "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_to_docs() {
        assert_eq!(from_name("AutoScalingGroupId"), "Auto scaling group id.");
        assert_eq!(from_name("IsKeepEIP"), "Is keep EIP.");
        assert_eq!(
            from_name("IPv6InternetAccessible"),
            "IPv6 internet accessible."
        );
        assert_eq!(from_name("AntiDDoSPackageId"), "Anti DDoS package id.");
        assert_eq!(from_name("EIPAddress"), "EIP address.");
        assert_eq!(from_name("Ipv6AddressCount"), "Ipv6 address count.");
        assert_eq!(
            from_error_code("ResourceNotFound.AutoScalingGroupNotFound"),
            "Resource not found: auto scaling group not found."
        );
        assert_eq!(
            from_error_code("InvalidParameterConflict"),
            "Invalid parameter conflict."
        );
    }
}
