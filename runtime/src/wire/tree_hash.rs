//! Amazon Glacier's payload checksums: the SHA-256 of the body (`x-amz-content-sha256`) and its
//! SHA-256 tree hash (`x-amz-sha256-tree-hash`): the digests of each 1 MiB chunk, combined
//! pairwise level by level (an odd digest out is carried up as it is) until one is left.

use ring::digest::{SHA256, digest};

const CHUNK: usize = 1024 * 1024;

/// Lowercase hex of `bytes`.
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    out
}

/// The hex SHA-256 of `body`.
pub fn sha256_hex(body: &[u8]) -> String {
    hex(digest(&SHA256, body).as_ref())
}

/// The hex SHA-256 tree hash of `body` (an empty body hashes as one empty chunk).
pub fn tree_hash_hex(body: &[u8]) -> String {
    let mut level: Vec<[u8; 32]> = if body.is_empty() {
        vec![to_array(digest(&SHA256, b""))]
    } else {
        body.chunks(CHUNK)
            .map(|c| to_array(digest(&SHA256, c)))
            .collect()
    };
    while level.len() > 1 {
        level = level
            .chunks(2)
            .map(|pair| match pair {
                [a, b] => to_array(digest(&SHA256, &[&a[..], &b[..]].concat())),
                [a] => *a,
                _ => unreachable!("chunks(2) yields one or two"),
            })
            .collect();
    }
    hex(&level[0])
}

fn to_array(d: ring::digest::Digest) -> [u8; 32] {
    let mut out = [0; 32];
    out.copy_from_slice(d.as_ref());
    out
}

/// Sets both Glacier checksum headers for `body`, unless the caller already set them (the
/// tree hash is also a modeled `@httpHeader` member of the upload operations).
pub fn insert_glacier_checksums(headers: &mut http::HeaderMap, body: &[u8]) -> Result<(), String> {
    if !headers.contains_key("x-amz-content-sha256") {
        super::header::insert(headers, "x-amz-content-sha256", &sha256_hex(body))?;
    }
    if !headers.contains_key("x-amz-sha256-tree-hash") {
        super::header::insert(headers, "x-amz-sha256-tree-hash", &tree_hash_hex(body))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_of_one_chunk_hashes_as_its_sha256() {
        // Smithy's `GlacierChecksums` protocol test: both headers for "hello world".
        let expected = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";
        assert_eq!(sha256_hex(b"hello world"), expected);
        assert_eq!(tree_hash_hex(b"hello world"), expected);
        assert_eq!(
            tree_hash_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn chunks_combine_pairwise_and_an_odd_one_is_carried_up() {
        // 3 MiB + 1 byte: four chunk digests h0..h3 -> (h01, h23) -> root; built here from
        // the definition with independent SHA-256 calls.
        let body: Vec<u8> = (0..3 * CHUNK + 1).map(|i| (i % 251) as u8).collect();
        let h = |b: &[u8]| digest(&SHA256, b).as_ref().to_vec();
        let leaves: Vec<Vec<u8>> = body.chunks(CHUNK).map(h).collect();
        assert_eq!(leaves.len(), 4);
        let h01 = h(&[leaves[0].clone(), leaves[1].clone()].concat());
        let h23 = h(&[leaves[2].clone(), leaves[3].clone()].concat());
        assert_eq!(tree_hash_hex(&body), hex(&h(&[h01.clone(), h23].concat())));
        // Three chunks: the third digest rises unchanged to pair with h01.
        let three = &body[..3 * CHUNK];
        assert_eq!(
            tree_hash_hex(three),
            hex(&h(&[h01, leaves[2].clone()].concat()))
        );
    }

    #[test]
    fn headers_the_caller_set_are_kept() {
        let mut headers = http::HeaderMap::new();
        headers.insert("x-amz-sha256-tree-hash", "given".parse().unwrap());
        insert_glacier_checksums(&mut headers, b"hello world").unwrap();
        assert_eq!(headers["x-amz-sha256-tree-hash"], "given");
        assert_eq!(
            headers["x-amz-content-sha256"],
            "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9"
        );
    }
}
