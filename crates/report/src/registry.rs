//! The units registry (`units.csv`): who is expected to report, of what kind, under whom.
//!
//! With it a run can say which units did not submit, which files name a unit nobody expects
//! (usually a typo or a 区/县 mix-up), and roll totals up the `parent` tree. A unit renamed
//! keeps its former names in `aliases`, so its reports of every year are one unit's.

use foldhash::fast::FixedState;
use gongkai_messages::msg;
use hashbrown::HashTable;
use std::hash::BuildHasher;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::Finding;
use gongkai_document::decode::{decode, EncodingChoice};
use gongkai_document::delimited::{read_records_in_blocks, sniff_delimiter, Record};
use gongkai_form::parse_year;

/// What kind of body a unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum UnitKind {
    City,
    District,
    County,
    Department,
    Township,
}

impl UnitKind {
    pub fn parse(s: &str) -> Option<UnitKind> {
        Some(match s.trim().to_lowercase().as_str() {
            "city" | "市" => UnitKind::City,
            "district" | "区" => UnitKind::District,
            "county" | "县" => UnitKind::County,
            "department" | "部门" => UnitKind::Department,
            "township" | "乡镇" | "街道" => UnitKind::Township,
            _ => return None,
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            UnitKind::City => "city",
            UnitKind::District => "district",
            UnitKind::County => "county",
            UnitKind::Department => "department",
            UnitKind::Township => "township",
        }
    }
}

/// One line of the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisteredUnit {
    pub name: String,
    pub kind: UnitKind,
    pub parent: Option<String>,
    /// First report year, if the unit was created later.
    pub from: Option<i32>,
    /// Last report year, if the unit was dissolved or merged.
    pub to: Option<i32>,
    /// Year the unit was merged or split (X1 carry-over is then a warning).
    pub reorganised: Option<i32>,
    /// Other names its reports were published under (a former name, the name with
    /// 人民政府 or without the city): `aliases`, separated by `;`, `；`, `、` or `|`.
    pub aliases: Vec<String>,
}

impl RegisteredUnit {
    /// Whether the unit is due to report for `year`: not the city itself, and within from..=to.
    pub fn due_in(&self, year: i32) -> bool {
        self.kind != UnitKind::City
            && self.from.is_none_or(|f| year >= f)
            && self.to.is_none_or(|t| year <= t)
    }
}

/// Positions in [`Registry::units`], found by name: the names are not stored a second time.
#[derive(Debug, Clone, Default)]
struct NameIndex(HashTable<u32>);

impl NameIndex {
    fn hash(name: &str) -> u64 {
        FixedState::with_seed(0x9e37_79b9).hash_one(name)
    }

    fn find(&self, units: &[RegisteredUnit], name: &str) -> Option<usize> {
        self.0
            .find(Self::hash(name), |&i| units[i as usize].name == name)
            .map(|&i| i as usize)
    }

    /// Indexes `units[at]`, whose name is not indexed yet.
    fn insert(&mut self, units: &[RegisteredUnit], at: usize) {
        let at = u32::try_from(at).expect("a registry has fewer than 4 billion units");
        self.0
            .insert_unique(Self::hash(&units[at as usize].name), at, |&i| {
                Self::hash(&units[i as usize].name)
            });
    }
}

/// Where a registry's columns are: unit, kind and parent, then from, to, reorganised and
/// aliases if given.
#[derive(Debug, Clone, Copy)]
struct Columns {
    unit: usize,
    kind: usize,
    parent: usize,
    from: Option<usize>,
    to: Option<usize>,
    reorganised: Option<usize>,
    aliases: Option<usize>,
}

/// What separates a unit's aliases in their cell.
const ALIAS_SEPARATORS: &[char] = &[';', '；', '、', '|'];

/// The columns the registry's header line names.
fn header_columns(file: &Arc<PathBuf>, header: &Record) -> Result<Columns, Vec<Finding>> {
    let col = |name: &str| {
        header.fields.iter().position(|f| {
            f.trim()
                .trim_start_matches('\u{feff}')
                .eq_ignore_ascii_case(name)
        })
    };
    let (Some(unit), Some(kind), Some(parent)) = (col("unit"), col("kind"), col("parent")) else {
        return Err(vec![Finding::error(file, msg!("registry-header"))
            .at(header.line, None)
            .found(
                header.fields.iter().collect::<Vec<_>>().join(","),
                "unit,kind,parent[,from,to,reorganised,aliases]",
            )]);
    };
    Ok(Columns {
        unit,
        kind,
        parent,
        from: col("from"),
        to: col("to"),
        reorganised: col("reorganised"),
        aliases: col("aliases"),
    })
}

#[derive(Debug, Clone)]
pub struct Registry {
    pub file: PathBuf,
    /// Units in file order.
    pub units: Vec<RegisteredUnit>,
    index: NameIndex,
    /// Positions in `units` by alias.
    aliases: std::collections::HashMap<String, usize>,
}

impl Registry {
    /// Reads `unit,kind,parent` (more columns allowed: `from`, `to`, `reorganised`, `aliases`,
    /// anything else is ignored). Every bad line is a diagnostic; the registry is only returned when there is none.
    pub fn load(path: &Path) -> Result<Registry, Vec<Finding>> {
        let file = Arc::new(path.to_path_buf());
        let err = |msg: String| vec![Finding::error(&file, msg)];
        let bytes = std::fs::read(path)
            .map_err(|e| err(msg!("registry-unreadable", error = e.to_string())))?;
        let text = decode(&bytes, EncodingChoice::Auto).map_err(|e| err(e.to_string()))?;
        let mut problems = Vec::new();
        let mut units: Vec<RegisteredUnit> = Vec::new();
        let mut index = NameIndex::default();
        let mut columns = None;
        // Per unit, where its aliases are (line, column): for the problems found once all are in.
        let mut alias_lines: Vec<(u32, u32)> = Vec::new();
        let blocks = read_records_in_blocks(&text.text, sniff_delimiter(&text.text));
        for table in blocks {
            let table = table.map_err(|e| err(e.to_string()))?;
            for rec in table.records() {
                let c = match columns {
                    Some(c) => c,
                    None => {
                        columns = Some(header_columns(&file, &rec)?);
                        continue;
                    }
                };
                if rec.is_empty() {
                    continue;
                }
                let name = rec.get(c.unit).trim().to_string();
                let kind_text = rec.get(c.kind).trim();
                let Some(kind) = UnitKind::parse(kind_text) else {
                    problems.push(
                        Finding::error(&file, msg!("registry-unknown-kind"))
                            .at(rec.line, Some(c.kind as u32 + 1))
                            .found(kind_text, msg!("registry-kinds")),
                    );
                    continue;
                };
                let year = |at: Option<usize>, problems: &mut Vec<Finding>| -> Option<i32> {
                    let at = at?;
                    let t = rec.get(at).trim();
                    if t.is_empty() {
                        return None;
                    }
                    let y = parse_year(t);
                    if y.is_none() {
                        problems.push(
                            Finding::error(&file, msg!("registry-bad-year"))
                                .at(rec.line, Some(at as u32 + 1))
                                .found(t, msg!("registry-a-year")),
                        );
                    }
                    y
                };
                let (from, to, reorganised) = (
                    year(c.from, &mut problems),
                    year(c.to, &mut problems),
                    year(c.reorganised, &mut problems),
                );
                if name.is_empty() {
                    problems.push(
                        Finding::error(&file, msg!("registry-no-name"))
                            .at(rec.line, Some(c.unit as u32 + 1)),
                    );
                    continue;
                }
                if let Some(first) = index.find(&units, &name) {
                    let first: &RegisteredUnit = &units[first];
                    problems.push(
                        Finding::error(&file, msg!("registry-twice", kind = first.kind.code()))
                            .at(rec.line, Some(c.unit as u32 + 1))
                            .found(name.as_str(), msg!("registry-each-once")),
                    );
                    continue;
                }
                let parent = Some(rec.get(c.parent).trim().to_string()).filter(|p| !p.is_empty());
                let aliases = c.aliases.map_or_else(Vec::new, |at| {
                    rec.get(at)
                        .split(ALIAS_SEPARATORS)
                        .map(str::trim)
                        .filter(|a| !a.is_empty() && *a != name)
                        .map(str::to_string)
                        .collect()
                });
                alias_lines.push((rec.line, c.aliases.map_or(0, |a| a as u32 + 1)));
                units.push(RegisteredUnit {
                    name,
                    kind,
                    parent,
                    from,
                    to,
                    reorganised,
                    aliases,
                });
                index.insert(&units, units.len() - 1);
            }
        }
        if columns.is_none() {
            return Err(err(msg!("registry-no-header")));
        }
        for u in &units {
            if let Some(p) = &u.parent {
                if index.find(&units, p).is_none() {
                    problems.push(
                        Finding::error(
                            &file,
                            msg!("registry-parent-unknown", unit = u.name.as_str()),
                        )
                        .found(p.as_str(), msg!("registry-a-registered-unit")),
                    );
                }
            }
        }
        let mut aliases = std::collections::HashMap::new();
        for (at, u) in units.iter().enumerate() {
            let (line, column) = alias_lines[at];
            for alias in &u.aliases {
                // An alias is one unit's only: another unit's name, or two units' alias, would
                // make a report's unit a guess.
                let taken = index
                    .find(&units, alias)
                    .or_else(|| aliases.get(alias).copied())
                    .map(|other| units[other].name.as_str());
                if let Some(other) = taken {
                    problems.push(
                        Finding::error(
                            &file,
                            msg!(
                                "registry-alias-taken",
                                unit = u.name.as_str(),
                                other = other
                            ),
                        )
                        .at(line, Some(column))
                        .found(alias.as_str(), msg!("registry-alias-once")),
                    );
                    continue;
                }
                aliases.insert(alias.clone(), at);
            }
        }
        let registry = Registry {
            file: path.to_path_buf(),
            units,
            index,
            aliases,
        };
        for u in &registry.units {
            if registry.ancestors(&u.name).len() > registry.units.len() {
                problems.push(Finding::error(
                    &file,
                    msg!("registry-loop", unit = u.name.as_str()),
                ));
            }
        }
        if problems.is_empty() {
            Ok(registry)
        } else {
            Err(problems)
        }
    }

    /// `units.csv` in one of the input folders or their parents (`data/lanzhou/2020` finds
    /// `data/lanzhou/units.csv`).
    pub fn find(paths: &[PathBuf]) -> Option<PathBuf> {
        paths.iter().filter(|p| p.is_dir()).find_map(|p| {
            [Some(p.as_path()), p.parent()]
                .into_iter()
                .flatten()
                .map(|d| d.join("units.csv"))
                .find(|f| f.is_file())
        })
    }

    pub fn get(&self, name: &str) -> Option<&RegisteredUnit> {
        self.position(name).map(|i| &self.units[i])
    }

    /// The unit `name` is, by its registered name or one of its aliases.
    pub fn resolve(&self, name: &str) -> Option<&RegisteredUnit> {
        self.get(name)
            .or_else(|| self.aliases.get(name).map(|&i| &self.units[i]))
    }

    /// The units whose parent is `name`, in registry order.
    pub fn children<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a RegisteredUnit> + 'a {
        self.units
            .iter()
            .filter(move |u| u.parent.as_deref() == Some(name))
    }

    /// Parents up the tree, nearest first (bounded, so a loop cannot hang).
    pub fn ancestors(&self, name: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut cur = self.get(name).and_then(|u| u.parent.as_deref());
        while let Some(p) = cur {
            out.push(p);
            if out.len() > self.units.len() {
                break;
            }
            cur = self.get(p).and_then(|u| u.parent.as_deref());
        }
        out
    }

    /// Where `name` is listed (0-based), if it is.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.index.find(&self.units, name)
    }

    /// Depth in the tree: 0 for a unit without parent.
    pub fn level(&self, name: &str) -> usize {
        self.ancestors(name).len()
    }

    /// Units due to report for `year`, in registry order.
    pub fn due_in(&self, year: i32) -> impl Iterator<Item = &RegisteredUnit> {
        self.units.iter().filter(move |u| u.due_in(year))
    }

    /// The registered name closest to `name`, as a hint for a typo or a 区/县 mix-up.
    pub fn closest(&self, name: &str) -> Option<&str> {
        let swapped = |s: &str| s.replace('区', "县");
        self.units
            .iter()
            .map(|u| {
                let d = strsim::levenshtein(name, &u.name)
                    .min(strsim::levenshtein(&swapped(name), &swapped(&u.name)));
                (d, u.name.as_str())
            })
            .filter(|(d, n)| *d <= (n.chars().count() / 2).max(2))
            .min()
            .map(|(_, n)| n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Registry, Vec<Finding>> {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("units.csv");
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
        Registry::load(&path)
    }

    #[test]
    fn loads_tree_and_answers() {
        let r = load(
            "unit,kind,parent,from,to,note\n兰州市,city,,,,\n城关区,district,兰州市,,,\n\
             酒泉路街道,township,城关区,,,\n兰州市数据局,department,兰州市,2022,,new\n兰州市旧局,department,兰州市,,2021,\n",
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(r.ancestors("酒泉路街道"), vec!["城关区", "兰州市"]);
        assert_eq!(r.level("兰州市"), 0);
        let due = |y| r.due_in(y).map(|u| u.name.as_str()).collect::<Vec<_>>();
        assert_eq!(due(2021), vec!["城关区", "酒泉路街道", "兰州市旧局"]);
        assert_eq!(due(2022), vec!["城关区", "酒泉路街道", "兰州市数据局"]);
        assert_eq!(r.closest("城关县"), Some("城关区"));
        assert_eq!(r.closest("兰州市数椐局"), Some("兰州市数据局"));
        assert_eq!(r.closest("完全不同的名字"), None);
    }

    /// A national registry is read a block of lines at a time: a problem far down still names
    /// its own line, and every unit is found.
    #[test]
    fn a_long_registry_names_its_lines() {
        let mut text = String::from("unit,kind,parent\n总局,city,\n");
        for i in 0..5000 {
            text.push_str(&format!("单位{i:04},department,总局\n"));
        }
        let r = load(&text).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(r.units.len(), 5001);
        assert_eq!(r.position("单位4999"), Some(5000));
        assert_eq!(r.ancestors("单位3000"), vec!["总局"]);
        let e = load(&text.replacen("单位4321,department", "单位4321,bureau", 1))
            .err()
            .unwrap_or_default();
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].to_string()
                .contains(":4324:2: error: unknown unit kind"),
            "{e:?}"
        );
    }

    #[test]
    fn aliases_name_the_same_unit_and_only_one() {
        let r = load(
            "unit,kind,parent,aliases\n兰州市,city,,兰州市人民政府\n城关区,district,兰州市,城关区人民政府；兰州市城关区\n\
             七里河区,district,兰州市,\n",
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        let name = |n: &str| r.resolve(n).map(|u| u.name.as_str());
        assert_eq!(name("兰州市城关区"), Some("城关区"));
        assert_eq!(name("城关区人民政府"), Some("城关区"));
        assert_eq!(name("兰州市人民政府"), Some("兰州市"));
        assert_eq!(name("七里河区"), Some("七里河区"));
        assert_eq!(name("西固区"), None);
        let children: Vec<&str> = r.children("兰州市").map(|u| u.name.as_str()).collect();
        assert_eq!(children, ["城关区", "七里河区"]);
        // An alias that is another unit's name, or two units' alias, is refused where it is.
        let e = load("unit,kind,parent,aliases\n兰州市,city,,\n城关区,district,兰州市,兰州市\n")
            .err()
            .unwrap_or_default();
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].to_string().contains(":3:4: error: "), "{e:?}");
        let e = load("unit,kind,parent,aliases\n兰州市,city,,\n城关区,district,兰州市,老城区\n七里河区,district,兰州市,老城区\n")
            .err()
            .unwrap_or_default();
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].to_string().contains(":4:4: error: "), "{e:?}");
    }

    #[test]
    fn bad_registries_say_where() {
        let e = load("unit,kind\n城关区,district\n")
            .err()
            .unwrap_or_default();
        assert!(
            e[0].to_string()
                .contains("units registry header must have unit, kind and parent"),
            "{e:?}"
        );
        let e = load("unit,kind,parent\n城关区,borough,兰州市\n兰州市,city,\n")
            .err()
            .unwrap_or_default();
        assert!(
            e[0].to_string()
                .contains(":2:2: error: unknown unit kind: found \"borough\""),
            "{e:?}"
        );
        let e = load("unit,kind,parent\n城关区,district,兰州\n")
            .err()
            .unwrap_or_default();
        assert!(
            e[0].to_string()
                .contains("parent of 城关区 is not in the registry"),
            "{e:?}"
        );
    }
}
