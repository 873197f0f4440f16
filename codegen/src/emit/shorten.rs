//! Shortens fully qualified std paths (`::std::option::Option`) to their prelude names when
//! the file defines nothing of that name, so generated files stay readable and small while
//! shapes named `String`, `Option`, `Result`, `Box` or `Vec` still work (their files keep the
//! full paths).

use std::collections::BTreeSet;

use syn::visit_mut::{self, VisitMut};

/// (full path, prelude name).
const PRELUDE: &[(&[&str], &str)] = &[
    (&["std", "option", "Option"], "Option"),
    (&["std", "option", "Option", "Some"], "Some"),
    (&["std", "option", "Option", "None"], "None"),
    (&["std", "result", "Result"], "Result"),
    (&["std", "result", "Result", "Ok"], "Ok"),
    (&["std", "result", "Result", "Err"], "Err"),
    (&["std", "string", "String"], "String"),
    (&["std", "vec", "Vec"], "Vec"),
    (&["std", "boxed", "Box"], "Box"),
    (&["std", "convert", "Into"], "Into"),
    (&["std", "convert", "From"], "From"),
    (&["std", "default", "Default"], "Default"),
];

/// Names defined anywhere in the file (items, variants, nested modules).
struct Defined(BTreeSet<String>);

impl<'ast> syn::visit::Visit<'ast> for Defined {
    fn visit_ident(&mut self, _: &'ast syn::Ident) {}
    fn visit_item_struct(&mut self, i: &'ast syn::ItemStruct) {
        self.0.insert(i.ident.to_string());
        syn::visit::visit_item_struct(self, i);
    }
    fn visit_item_enum(&mut self, i: &'ast syn::ItemEnum) {
        self.0.insert(i.ident.to_string());
        syn::visit::visit_item_enum(self, i);
    }
    fn visit_item_fn(&mut self, i: &'ast syn::ItemFn) {
        self.0.insert(i.sig.ident.to_string());
        syn::visit::visit_item_fn(self, i);
    }
    fn visit_item_mod(&mut self, i: &'ast syn::ItemMod) {
        self.0.insert(i.ident.to_string());
        syn::visit::visit_item_mod(self, i);
    }
    fn visit_item_type(&mut self, i: &'ast syn::ItemType) {
        self.0.insert(i.ident.to_string());
    }
    fn visit_item_const(&mut self, i: &'ast syn::ItemConst) {
        self.0.insert(i.ident.to_string());
    }
    fn visit_item_trait(&mut self, i: &'ast syn::ItemTrait) {
        self.0.insert(i.ident.to_string());
    }
    fn visit_use_rename(&mut self, i: &'ast syn::UseRename) {
        self.0.insert(i.rename.to_string());
    }
    fn visit_use_name(&mut self, i: &'ast syn::UseName) {
        self.0.insert(i.ident.to_string());
    }
}

struct Shorten(BTreeSet<String>);

impl VisitMut for Shorten {
    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        visit_mut::visit_path_mut(self, path);
        if path.leading_colon.is_none() {
            return;
        }
        let names: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        // Longest match first, so `::std::option::Option::Some` becomes `Some`.
        let best = PRELUDE
            .iter()
            .filter(|(full, short)| {
                names.len() >= full.len()
                    && names.iter().zip(full.iter()).all(|(a, b)| a == b)
                    && !self.0.contains(*short)
            })
            .max_by_key(|(full, _)| full.len());
        if let Some((full, short)) = best {
            let rest: Vec<syn::PathSegment> =
                path.segments.iter().skip(full.len() - 1).cloned().collect();
            path.leading_colon = None;
            path.segments.clear();
            for (k, mut seg) in rest.into_iter().enumerate() {
                if k == 0 {
                    seg.ident = syn::Ident::new(short, seg.ident.span());
                }
                path.segments.push(seg);
            }
        }
    }
}

/// Imports named types: `crate::types::Room` → `Room` with `use crate::types::Room;` in the
/// module scope, unless the name is defined in the file, is a prelude name, or two paths of the
/// scope end in the same name.
struct Import<'a> {
    defined: &'a BTreeSet<String>,
    /// Short name → full path (as text) chosen in this scope.
    chosen: std::collections::BTreeMap<String, String>,
    /// Short names that two different paths want: never shortened.
    clash: BTreeSet<String>,
    /// Collect (first pass) or rewrite (second pass).
    rewrite: bool,
    /// The `#[cfg(...)]` of the top-level item being visited (as text), if any.
    cfg: Option<String>,
    /// Short name → the cfgs of the items that use it (`None`: an item without a cfg).
    cfgs: std::collections::BTreeMap<String, BTreeSet<Option<String>>>,
}

/// The `#[cfg(...)]` attributes of an item, as text (`None` when it has none).
fn cfg_of(item: &syn::Item) -> Option<String> {
    use quote::ToTokens;
    let attrs: &[syn::Attribute] = match item {
        syn::Item::Fn(i) => &i.attrs,
        syn::Item::Impl(i) => &i.attrs,
        syn::Item::Struct(i) => &i.attrs,
        syn::Item::Enum(i) => &i.attrs,
        syn::Item::Mod(i) => &i.attrs,
        syn::Item::Const(i) => &i.attrs,
        syn::Item::Static(i) => &i.attrs,
        syn::Item::Trait(i) => &i.attrs,
        syn::Item::Type(i) => &i.attrs,
        _ => return None,
    };
    let cfg: Vec<String> = attrs
        .iter()
        .filter(|a| a.path().is_ident("cfg"))
        .map(|a| a.to_token_stream().to_string())
        .collect();
    (!cfg.is_empty()).then(|| cfg.join(" "))
}

fn is_type_like(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_uppercase())
}

impl Import<'_> {
    /// The prefix up to and including the first UpperCamel segment, for importable paths.
    fn candidate(&self, path: &syn::Path) -> Option<(usize, String, String)> {
        let segs: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        let absolute = path.leading_colon.is_some() || segs.first().is_some_and(|f| f == "crate");
        if !absolute || segs.len() < 2 {
            return None;
        }
        // Runtime helper modules and the generated protocol module are imported as modules
        // (`wire::json::put`, `protocol::de_room`); other paths up to their first type.
        let module = if segs.len() > 3
            && segs[0] == "smithy_runtime"
            && segs[1] == "wire"
            && !is_type_like(&segs[2])
            && !is_type_like(&segs[3])
        {
            // `::smithy_runtime::wire::json::put` → `json::put`.
            Some(2)
        } else if segs.len() > 2 && segs[0] == "crate" && segs[1] == "protocol" {
            Some(1)
        } else {
            None
        };
        let i = match module {
            Some(i) => i,
            None => segs.iter().position(|s| is_type_like(s))?,
        };
        if i == 0 {
            return None;
        }
        // Only the last segment before the type may carry generics (none do here); require
        // plain segments so the import is exact.
        if path
            .segments
            .iter()
            .take(i + 1)
            .any(|s| !s.arguments.is_none())
            && i + 1 < segs.len()
        {
            return None;
        }
        let name = segs[i].clone();
        if self.defined.contains(&name) || PRELUDE.iter().any(|(_, p)| *p == name) {
            return None;
        }
        let lead = if path.leading_colon.is_some() {
            "::"
        } else {
            ""
        };
        Some((i, name, format!("{lead}{}", segs[..=i].join("::"))))
    }
}

impl VisitMut for Import<'_> {
    fn visit_item_mod_mut(&mut self, _: &mut syn::ItemMod) {
        // Nested modules are their own scope (handled separately).
    }
    fn visit_item_use_mut(&mut self, _: &mut syn::ItemUse) {}
    fn visit_macro_mut(&mut self, _: &mut syn::Macro) {}
    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        visit_mut::visit_path_mut(self, path);
        let Some((i, name, full)) = self.candidate(path) else {
            return;
        };
        if !self.rewrite {
            self.cfgs
                .entry(name.clone())
                .or_default()
                .insert(self.cfg.clone());
            match self.chosen.get(&name) {
                Some(existing) if *existing != full => {
                    self.clash.insert(name);
                }
                _ => {
                    self.chosen.insert(name, full);
                }
            }
            return;
        }
        if self.clash.contains(&name) || !self.chosen.contains_key(&name) {
            return;
        }
        let rest: Vec<syn::PathSegment> = path.segments.iter().skip(i).cloned().collect();
        path.leading_colon = None;
        path.segments.clear();
        for s in rest {
            path.segments.push(s);
        }
    }
}

fn import_scope(items: &mut Vec<syn::Item>, defined: &BTreeSet<String>) {
    let mut imp = Import {
        defined,
        chosen: Default::default(),
        clash: BTreeSet::new(),
        rewrite: false,
        cfg: None,
        cfgs: Default::default(),
    };
    for item in items.iter_mut() {
        imp.cfg = cfg_of(item);
        imp.visit_item_mut(item);
    }
    // A name used only under one `cfg` is imported under it (else an unused import warns when
    // the feature is off); one used under several different cfgs, and never without, keeps
    // its full path.
    let mut gated = std::collections::BTreeMap::new();
    for (name, cfgs) in &imp.cfgs {
        if cfgs.contains(&None) {
            continue;
        }
        match cfgs.iter().collect::<Vec<_>>().as_slice() {
            [Some(one)] => {
                gated.insert(name.clone(), one.clone());
            }
            _ => {
                imp.clash.insert(name.clone());
            }
        }
    }
    imp.rewrite = true;
    for item in items.iter_mut() {
        imp.visit_item_mut(item);
    }
    for item in items.iter_mut() {
        if let syn::Item::Mod(m) = item
            && let Some((_, inner)) = &mut m.content
        {
            import_scope(inner, defined);
        }
    }
    // One `use parent::{A, B};` per (cfg, parent path), sorted, so imports stay short and
    // stable; ungated imports first.
    let mut groups: std::collections::BTreeMap<(Option<String>, String), Vec<String>> =
        Default::default();
    for (name, full) in &imp.chosen {
        if imp.clash.contains(name) {
            continue;
        }
        let parent = full.rsplit_once("::").map_or("", |(p, _)| p).to_string();
        groups
            .entry((gated.get(name).cloned(), parent))
            .or_default()
            .push(name.clone());
    }
    let uses: Vec<syn::Item> = groups
        .iter()
        .filter_map(|((cfg, parent), names)| {
            let text = match names.as_slice() {
                [one] => format!("{} use {parent}::{one};", cfg.as_deref().unwrap_or("")),
                many => format!(
                    "{} use {parent}::{{{}}};",
                    cfg.as_deref().unwrap_or(""),
                    many.join(", ")
                ),
            };
            syn::parse_str::<syn::Item>(&text).ok()
        })
        .collect();
    // After any leading `use` items, keeping inner attributes first.
    let at = items
        .iter()
        .take_while(|i| matches!(i, syn::Item::Use(_)))
        .count();
    for (k, u) in uses.into_iter().enumerate() {
        items.insert(at + k, u);
    }
}

/// Rewrites `file` in place.
pub(crate) fn shorten(file: &mut syn::File) {
    let mut defined = Defined(BTreeSet::new());
    syn::visit::visit_file(&mut defined, file);
    Shorten(defined.0.clone()).visit_file_mut(file);
    import_scope(&mut file.items, &defined.0);
}
