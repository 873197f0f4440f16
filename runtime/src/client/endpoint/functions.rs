//! The rules engine's standard library and AWS functions that need more than a line:
//! `aws.parseArn`, `isValidHostLabel`, `parseURL`, `substring`, `uriEncode`,
//! `aws.isVirtualHostableS3Bucket` and `split`. Each takes any input without panicking.

use std::net::{Ipv4Addr, Ipv6Addr};

use super::rules::Value;

/// `aws.parseArn`: `arn:partition:service:region:account:resource`, the resource split on
/// `:` and `/`. Partition, service and resource must be non-empty.
pub fn parse_arn(s: &str) -> Option<Value> {
    let mut parts = s.splitn(6, ':');
    if parts.next()? != "arn" {
        return None;
    }
    let partition = parts.next()?;
    let service = parts.next()?;
    let region = parts.next()?;
    let account = parts.next()?;
    let resource = parts.next()?;
    if partition.is_empty() || service.is_empty() || resource.is_empty() {
        return None;
    }
    let ids = resource
        .split([':', '/'])
        .map(|p| Value::String(p.to_string()))
        .collect();
    Some(Value::Object(vec![
        ("partition".into(), partition.into()),
        ("service".into(), service.into()),
        ("region".into(), region.into()),
        ("accountId".into(), account.into()),
        ("resourceId".into(), Value::Array(ids)),
    ]))
}

/// An RFC 1123 host label: 1 to 63 ASCII letters, digits and `-`, not starting with `-`.
fn is_host_label(label: &str) -> bool {
    let b = label.as_bytes();
    !b.is_empty()
        && b.len() <= 63
        && b[0].is_ascii_alphanumeric()
        && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
}

/// `isValidHostLabel`: one label, or with `allow_sub_domains` labels joined by `.`.
pub fn is_valid_host_label(s: &str, allow_sub_domains: bool) -> bool {
    if allow_sub_domains {
        s.split('.').all(is_host_label)
    } else {
        is_host_label(s)
    }
}

/// `parseURL`: an `http`/`https` URL without query or fragment into `scheme`, `authority`
/// (as written, without user info, which is rejected), `path` (as written, `""` when
/// absent), `normalizedPath` (starting and ending with `/`) and `isIp`.
pub fn parse_url(s: &str) -> Option<Value> {
    let (scheme, rest) = s.split_once("://")?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    if rest.contains(['?', '#']) || rest.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    if authority.is_empty() || authority.contains(['@', '\\']) {
        return None;
    }
    let (host, port) = if let Some(inner) = authority.strip_prefix('[') {
        let close = inner.find(']')?;
        let after = &inner[close + 1..];
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':')?),
        };
        if inner[..close].parse::<Ipv6Addr>().is_err() {
            return None;
        }
        (&authority[..close + 2], port)
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    if host.is_empty() || (!host.starts_with('[') && host.contains([':', '[', ']'])) {
        return None;
    }
    if let Some(p) = port
        && (p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) || p.parse::<u16>().is_err())
    {
        return None;
    }
    let is_ip = host.starts_with('[') || host.parse::<Ipv4Addr>().is_ok();
    let mut normalized = String::with_capacity(path.len() + 2);
    if !path.starts_with('/') {
        normalized.push('/');
    }
    normalized.push_str(path);
    if !normalized.ends_with('/') {
        normalized.push('/');
    }
    Some(Value::Object(vec![
        ("scheme".into(), scheme.into()),
        ("authority".into(), authority.into()),
        ("path".into(), path.into()),
        ("normalizedPath".into(), Value::String(normalized)),
        ("isIp".into(), Value::Bool(is_ip)),
    ]))
}

/// `substring`: characters `start..stop` of an ASCII string (counted from the end when
/// `reverse`); no value when the string is shorter, not ASCII, or the range is empty.
pub fn substring(s: &str, start: i64, stop: i64, reverse: bool) -> Option<String> {
    if !s.is_ascii() || start < 0 || stop <= start {
        return None;
    }
    let (start, stop) = (usize::try_from(start).ok()?, usize::try_from(stop).ok()?);
    if stop > s.len() {
        return None;
    }
    let (from, to) = if reverse {
        (s.len() - stop, s.len() - start)
    } else {
        (start, stop)
    };
    s.get(from..to).map(str::to_string)
}

/// `uriEncode`: RFC 3986 percent-encoding of everything but `A-Z a-z 0-9 - _ . ~`, with
/// uppercase hex digits.
pub fn uri_encode(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
    out
}

/// One segment of a virtual-hostable bucket: 3 to 63 characters of `a-z 0-9 - .`, starting
/// and ending with a letter or digit, not shaped like an IPv4 address, no `.-` or `-.`.
fn is_virtual_hostable_segment(s: &str) -> bool {
    let b = s.as_bytes();
    let edge = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    let ipv4_like = {
        let parts: Vec<&str> = s.split('.').collect();
        parts.len() == 4
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()))
    };
    (3..=63).contains(&b.len())
        && edge(b[0])
        && edge(b[b.len() - 1])
        && b.iter().all(|&c| edge(c) || c == b'-' || c == b'.')
        && !ipv4_like
        && !s.contains(".-")
        && !s.contains("-.")
}

/// `aws.isVirtualHostableS3Bucket`: a valid host label (or labels, with
/// `allow_sub_domains`) that is also a bucket name S3 can serve as a host name.
pub fn is_virtual_hostable_s3_bucket(s: &str, allow_sub_domains: bool) -> bool {
    if !is_valid_host_label(s, allow_sub_domains) {
        return false;
    }
    if allow_sub_domains {
        s.split('.').all(is_virtual_hostable_segment)
    } else {
        is_virtual_hostable_segment(s)
    }
}

/// `split`: `s` cut at each `delimiter`; `limit` 0 means no limit, otherwise at most `limit`
/// parts (the last holding the rest). An empty delimiter gives `s` whole.
pub fn split(s: &str, delimiter: &str, limit: i64) -> Value {
    let parts: Vec<Value> = if delimiter.is_empty() {
        vec![s.into()]
    } else if limit <= 0 {
        s.split(delimiter).map(Value::from).collect()
    } else {
        let n = usize::try_from(limit).unwrap_or(usize::MAX);
        s.splitn(n, delimiter).map(Value::from).collect()
    };
    Value::Array(parts)
}
