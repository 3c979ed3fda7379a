//! The tree of units and which of their reports get a defect: everything decided before any
//! value is drawn, so each unit can then be generated on its own.

use std::collections::{HashMap, HashSet};

use gongkai_report::UnitKind;

use crate::defects::DefectKind;
use crate::names::{Department, DEPARTMENTS, GOVERNMENT_OFFICE, PLACE_CHARS, PROVINCES};
use crate::rng::{hash, Rng, Stream};
use crate::{Config, SynthError};

/// Reporting units per city: a prefecture-level city has a few hundred bodies that report.
const UNITS_PER_CITY: usize = 420;
/// Cities per province.
const CITIES_PER_PROVINCE: usize = 12;

/// What a registry row is, which decides its caseload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A province: a registry group only.
    Province,
    /// A prefecture-level city: a registry group only; its total is its units' sum.
    City,
    /// A district's or county's government (区/县人民政府).
    Government,
    /// A department of a city (`city_level`) or of a district or county.
    Department { index: usize, city_level: bool },
    /// A township, town or street office (乡/镇/街道).
    Township,
}

/// One row of the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedUnit {
    pub name: String,
    /// ASCII id: `u000123` for reporting units (their file name), `p01`/`c0001` for groups.
    pub id: String,
    pub kind: UnitKind,
    pub role: Role,
    /// Registry row of the parent.
    pub parent: Option<usize>,
    /// First report year, when the unit was created inside the range.
    pub from: Option<i32>,
    /// Last report year, when the unit was dissolved inside the range.
    pub to: Option<i32>,
}

impl PlannedUnit {
    pub fn reports(&self) -> bool {
        !matches!(self.role, Role::Province | Role::City)
    }

    pub(crate) fn department(&self) -> Option<&'static Department> {
        match self.role {
            Role::Department { index, .. } => DEPARTMENTS.get(index),
            _ => None,
        }
    }
}

/// Everything decided up front: the registry, the reporting units and the defect schedule.
#[derive(Debug)]
pub struct Plan {
    pub config: Config,
    /// Registry rows: provinces, then per city the city, its districts and counties, its
    /// departments, then per district its departments and townships.
    pub registry: Vec<PlannedUnit>,
    /// Registry rows of the reporting units, in registry order; a unit's index here is its id.
    pub reporting: Vec<usize>,
    /// Reporting unit → (year, defect), years ascending.
    defects: HashMap<u32, Vec<(i32, DefectKind)>>,
}

impl Plan {
    pub fn new(config: Config) -> Result<Plan, SynthError> {
        if config.units == 0 || config.units > Config::MAX_UNITS {
            return Err(SynthError::Units {
                units: config.units,
            });
        }
        if !(0.0..=1.0).contains(&config.errors) {
            return Err(SynthError::ErrorRate {
                rate: config.errors,
            });
        }
        if config.layout == crate::FileLayout::Workbook && config.errors > 0.0 {
            return Err(SynthError::WorkbookDefects {
                rate: config.errors,
            });
        }
        if config.variety && config.layout != crate::FileLayout::Grid {
            return Err(SynthError::Variety {
                layout: config.layout,
            });
        }
        let mut registry = hierarchy(config.seed, config.units);
        let reporting: Vec<usize> = (0..registry.len())
            .filter(|&i| registry[i].reports())
            .collect();
        lifespans(&config, &mut registry, &reporting);
        let mut plan = Plan {
            config,
            registry,
            reporting,
            defects: HashMap::new(),
        };
        plan.schedule();
        Ok(plan)
    }

    pub fn unit(&self, index: usize) -> &PlannedUnit {
        &self.registry[self.reporting[index]]
    }

    /// Years unit `index` reports, ascending.
    pub fn years_of(&self, index: usize) -> impl Iterator<Item = i32> + '_ {
        let u = self.unit(index);
        self.config
            .years
            .iter()
            .filter(move |y| u.from.is_none_or(|f| *y >= f) && u.to.is_none_or(|t| *y <= t))
    }

    /// The defect planned for unit `index` in `year`, if any.
    pub fn defect(&self, index: usize, year: i32) -> Option<DefectKind> {
        self.defects
            .get(&(index as u32))?
            .iter()
            .find(|(y, _)| *y == year)
            .map(|(_, k)| *k)
    }

    /// Unit reports due over the whole range (files plus planned missing reports).
    pub fn reports_due(&self) -> usize {
        (0..self.reporting.len())
            .map(|i| self.years_of(i).count())
            .sum()
    }

    /// Picks exactly round(rate × reports) reports by hash, and a defect kind for each.
    fn schedule(&mut self) {
        let rate = self.config.errors;
        if rate <= 0.0 {
            return;
        }
        let seed = self.config.seed;
        let mut keys: Vec<(u64, u32, i32)> = Vec::with_capacity(self.reports_due());
        for i in 0..self.reporting.len() {
            for y in self.years_of(i) {
                keys.push((
                    hash(seed, Stream::Schedule, i as u64, y as u64),
                    i as u32,
                    y,
                ));
            }
        }
        let k = ((keys.len() as f64) * rate).round() as usize;
        if k == 0 {
            return;
        }
        if k < keys.len() {
            keys.select_nth_unstable(k);
            keys.truncate(k);
        }
        for (_, unit, year) in keys {
            let first = self.years_of(unit as usize).next() == Some(year);
            let h = hash(seed, Stream::Defect, u64::from(unit), year as u64);
            let kind = DefectKind::choose(h, first);
            self.defects.entry(unit).or_default().push((year, kind));
        }
        for list in self.defects.values_mut() {
            list.sort_unstable();
        }
    }
}

/// A place name of `len` distinct characters.
fn place(rng: &mut Rng, len: usize) -> String {
    let mut chars: Vec<char> = Vec::with_capacity(len);
    while chars.len() < len {
        let c = *rng.pick(PLACE_CHARS);
        if !chars.contains(&c) {
            chars.push(c);
        }
    }
    chars.into_iter().collect()
}

/// `prefix` + a new place name + `suffix`, unique among `taken`; longer names once short ones
/// keep colliding, so this always ends.
fn unique(taken: &mut HashSet<String>, rng: &mut Rng, prefix: &str, suffix: &str) -> String {
    for attempt in 0usize.. {
        let len = 2 + attempt / 16;
        let name = format!("{prefix}{}{suffix}", place(rng, len));
        if taken.insert(name.clone()) {
            return name;
        }
    }
    unreachable!("an unbounded loop returns")
}

/// `n` split into `parts` nearly equal shares.
fn shares(n: usize, parts: usize) -> impl Iterator<Item = usize> {
    (0..parts).map(move |i| n / parts + usize::from(i < n % parts))
}

/// Department indexes in the order a government has them: the core departments first (each
/// government has most of them), the rest after, each group shuffled.
fn department_order(rng: &mut Rng, with_office: bool) -> Vec<usize> {
    let mut keyed: Vec<(bool, u64, usize)> = DEPARTMENTS
        .iter()
        .enumerate()
        .filter(|(i, _)| with_office || *i != GOVERNMENT_OFFICE)
        .map(|(i, d)| (!d.core, rng.next_u64(), i))
        .collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, _, i)| i).collect()
}

/// The registry tree for `n` reporting units.
fn hierarchy(seed: u64, n: usize) -> Vec<PlannedUnit> {
    let mut rng = Rng::derive(seed, Stream::Hierarchy, 0, 0);
    let mut taken: HashSet<String> = HashSet::new();
    let width = n.to_string().len().max(6);
    let cities = (n as f64 / UNITS_PER_CITY as f64).round().max(1.0) as usize;
    let provinces = cities.div_ceil(CITIES_PER_PROVINCE).min(PROVINCES.len());
    let mut out: Vec<PlannedUnit> = Vec::with_capacity(n + cities + provinces);
    let mut reporting = 0usize;
    let mut push = |out: &mut Vec<PlannedUnit>, name, kind, role, parent| {
        let id = match role {
            Role::Province => format!("p{:02}", out.len() + 1),
            Role::City => format!("c{:04}", out.len() - provinces + 1),
            _ => {
                reporting += 1;
                format!("u{reporting:0width$}")
            }
        };
        out.push(PlannedUnit {
            name,
            id,
            kind,
            role,
            parent,
            from: None,
            to: None,
        });
        out.len() - 1
    };
    for p in PROVINCES.iter().take(provinces) {
        taken.insert(p.to_string());
        push(
            &mut out,
            p.to_string(),
            UnitKind::City,
            Role::Province,
            None,
        );
    }
    for (c, budget) in shares(n, cities).enumerate() {
        let province = c * provinces / cities;
        let city_name = unique(&mut taken, &mut rng, "", "市");
        let city = push(
            &mut out,
            city_name.clone(),
            UnitKind::City,
            Role::City,
            Some(province),
        );
        let districts = ((budget as f64 / 40.0).round() as usize).clamp(1, 16);
        let city_departments = ((budget as f64 * 0.1).round() as usize)
            .min(DEPARTMENTS.len())
            .min(budget - districts);
        let below = budget - districts - city_departments;
        // The urban core is districts; further out, mostly counties.
        let urban = districts.div_ceil(3);
        let mut governments = Vec::with_capacity(districts);
        for d in 0..districts {
            let county = d >= urban && !rng.chance(0.2);
            let (suffix, kind) = if county {
                ("县", UnitKind::County)
            } else {
                ("区", UnitKind::District)
            };
            let name = unique(&mut taken, &mut rng, "", suffix);
            let row = push(&mut out, name.clone(), kind, Role::Government, Some(city));
            governments.push((row, name, kind));
        }
        let city_level = (city, city_name.as_str(), true);
        add_departments(
            &mut out,
            &mut push,
            &mut rng,
            &mut taken,
            city_level,
            city_departments,
        );
        for ((row, name, kind), share) in governments.into_iter().zip(shares(below, districts)) {
            let departments = ((share as f64 * 0.6).round() as usize).min(DEPARTMENTS.len() - 1);
            add_departments(
                &mut out,
                &mut push,
                &mut rng,
                &mut taken,
                (row, &name, false),
                departments,
            );
            for _ in departments..share {
                let x = rng.unit();
                let suffix = match kind {
                    UnitKind::District if x < 0.85 => "街道",
                    UnitKind::District => "镇",
                    _ if x < 0.6 => "镇",
                    _ if x < 0.95 => "乡",
                    _ => "街道",
                };
                let town = unique(&mut taken, &mut rng, &name, suffix);
                push(
                    &mut out,
                    town,
                    UnitKind::Township,
                    Role::Township,
                    Some(row),
                );
            }
        }
    }
    out
}

/// `count` departments of the government at registry row `parent` (named `parent_name`), core
/// departments first; a city's list includes its general office.
fn add_departments(
    out: &mut Vec<PlannedUnit>,
    push: &mut impl FnMut(&mut Vec<PlannedUnit>, String, UnitKind, Role, Option<usize>) -> usize,
    rng: &mut Rng,
    taken: &mut HashSet<String>,
    (parent, parent_name, city_level): (usize, &str, bool),
    count: usize,
) {
    for index in department_order(rng, city_level).into_iter().take(count) {
        let name = format!("{parent_name}{}", DEPARTMENTS[index].suffix);
        taken.insert(name.clone());
        let role = Role::Department { index, city_level };
        push(out, name, UnitKind::Department, role, Some(parent));
    }
}

/// A few departments are created or dissolved inside the range (registry from/to say so).
fn lifespans(config: &Config, registry: &mut [PlannedUnit], reporting: &[usize]) {
    let years = config.years;
    if years.len() < 3 {
        return;
    }
    let span = (years.len() - 1) as u64;
    for (i, &row) in reporting.iter().enumerate() {
        let u = &mut registry[row];
        if !matches!(u.role, Role::Department { .. }) {
            continue;
        }
        let mut rng = Rng::derive(config.seed, Stream::Lifespan, i as u64, 0);
        let x = rng.unit();
        if x < 0.012 {
            u.from = Some(years.first + 1 + rng.below(span) as i32);
        } else if x < 0.024 {
            u.to = Some(years.first + rng.below(span) as i32);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{FileLayout, Years};

    fn config(units: usize) -> Config {
        Config {
            seed: 5,
            units,
            years: Years {
                first: 2019,
                last: 2023,
            },
            layout: FileLayout::Tidy,
            errors: 0.1,
            variety: false,
        }
    }

    #[test]
    fn tree_has_unique_names_and_the_asked_size() {
        for n in [1, 2, 7, 60, 419, 421, 5000] {
            let plan = Plan::new(config(n)).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(plan.reporting.len(), n);
            let names: HashSet<&str> = plan.registry.iter().map(|u| u.name.as_str()).collect();
            assert_eq!(names.len(), plan.registry.len(), "names unique");
            let ids: HashSet<&str> = plan.registry.iter().map(|u| u.id.as_str()).collect();
            assert_eq!(ids.len(), plan.registry.len(), "ids unique");
            for (i, u) in plan.registry.iter().enumerate() {
                if let Some(p) = u.parent {
                    assert!(p < i, "parents come first");
                }
                assert_eq!(u.reports(), u.kind != UnitKind::City);
            }
        }
        let plan = Plan::new(config(5000)).unwrap_or_else(|e| panic!("{e}"));
        let count = |k: UnitKind| plan.registry.iter().filter(|u| u.kind == k).count();
        assert!(count(UnitKind::Township) > 1000);
        assert!(count(UnitKind::Department) > 2000);
        assert!(count(UnitKind::County) > 50 && count(UnitKind::District) > 50);
        assert!(plan.registry.iter().any(|u| u.name == "河北省"));
        assert!(plan
            .registry
            .iter()
            .any(|u| u.name.ends_with("市公安局") && u.kind == UnitKind::Department));
        assert!(plan.registry.iter().any(|u| u.from.is_some()));
        assert!(plan.registry.iter().any(|u| u.to.is_some()));
    }

    #[test]
    fn the_schedule_is_exact() {
        let plan = Plan::new(config(60)).unwrap_or_else(|e| panic!("{e}"));
        let due = plan.reports_due();
        let planned: usize = plan.defects.values().map(Vec::len).sum();
        assert_eq!(planned, (due as f64 * 0.1).round() as usize);
        for (unit, list) in &plan.defects {
            let first = plan.years_of(*unit as usize).next();
            for (year, kind) in list {
                assert!(!(Some(*year) == first && kind.needs_previous()));
            }
        }
    }
}
