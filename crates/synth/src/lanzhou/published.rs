//! The real figures: the city totals of the published 兰州市2020年政府信息公开工作年度报告
//! (2021-03-09), form 2019, all 198 cells. Nothing else in the sample was published.

use gongkai_form::{FormVersion, Section, ValueKind, MONEY_SCALE};

use super::checks::check_rules;
use super::{invariant, Result, CITY, FORM};

/// Section 二 in template order; money (the last value) in 万元: 27.88亿 = 278800 万元.
const ACTIVE: [i64; 22] = [
    36, 3, 50, // regulations: new_made, new_published, total_published
    1705, 864, 3117, // normative_documents
    1634, 1670, 1432816, // licensing: prior_year_items, change, decisions
    2708, -271, 197708, // other_services
    6614, 2666, 2543676, // penalty
    266, 150, 284127, // coercion
    88, -18, // fees: prior_year_items, change
    6447, 278800, // procurement: projects, amount (万元)
];

/// Section 三, rows in template order; columns 自然人, 商业企业, 科研机构, 社会公益组织,
/// 法律服务机构, 其他, 总计.
const REQUESTS: [[i64; 7]; 23] = [
    [284, 50, 1, 2, 6, 0, 343], // new_received
    [14, 0, 0, 0, 0, 0, 14],    // carried_over
    [252, 40, 1, 2, 2, 0, 297], // granted
    [8, 0, 0, 0, 0, 0, 8],      // partially_granted
    [0, 0, 0, 0, 0, 0, 0],      // withheld.state_secret
    [4, 0, 0, 0, 0, 0, 4],      // withheld.prohibited_by_law
    [0, 0, 0, 0, 0, 0, 0],      // withheld.security_stability
    [1, 0, 0, 0, 0, 0, 1],      // withheld.third_party_rights
    [2, 1, 0, 0, 0, 0, 3],      // withheld.internal_affairs
    [1, 1, 0, 0, 0, 0, 2],      // withheld.process_information
    [2, 1, 0, 0, 0, 0, 3],      // withheld.law_enforcement_files
    [1, 1, 0, 0, 0, 0, 2],      // withheld.administrative_inquiry
    [16, 6, 0, 0, 4, 0, 26],    // unable.not_held
    [0, 0, 0, 0, 0, 0, 0],      // unable.needs_creation
    [0, 0, 0, 0, 0, 0, 0],      // unable.unclear_after_correction
    [2, 0, 0, 0, 0, 0, 2],      // not_processed.petition_complaint
    [6, 0, 0, 0, 0, 0, 6],      // not_processed.duplicate
    [0, 0, 0, 0, 0, 0, 0],      // not_processed.publication
    [3, 0, 0, 0, 0, 0, 3],      // not_processed.unreasonable_repeated
    [0, 0, 0, 0, 0, 0, 0],      // not_processed.confirm_or_reissue
    [0, 0, 0, 0, 0, 0, 0],      // other
    [298, 50, 1, 2, 6, 0, 357], // total
    [0, 0, 0, 0, 0, 0, 0],      // carried_forward
];

/// Section 四: upheld, corrected, other, pending, total for reconsideration, litigation_direct,
/// litigation_after_reconsideration.
const APPEALS: [i64; 15] = [18, 6, 30, 14, 68, 1, 2, 25, 13, 41, 1, 0, 7, 6, 14];

/// Cells of the worked example in report-format.md, to catch a slip in the tables above.
const SPOT_CHECKS: [(Section, &str, &str, i64); 13] = [
    (Section::Active, "other_services", "change", -271),
    (Section::Active, "penalty", "decisions", 2_543_676),
    (Section::Active, "fees", "change", -18),
    (
        Section::Active,
        "procurement",
        "amount",
        278_800 * MONEY_SCALE,
    ),
    (Section::Requests, "new_received", "natural_person", 284),
    (
        Section::Requests,
        "new_received",
        "commercial_enterprise",
        50,
    ),
    (Section::Requests, "total", "natural_person", 298),
    (Section::Requests, "unable.not_held", "total", 26),
    (Section::Requests, "not_processed.duplicate", "total", 6),
    (Section::Requests, "carried_forward", "total", 0),
    (Section::Appeals, "reconsideration", "total", 68),
    (Section::Appeals, "litigation_direct", "other", 25),
    (
        Section::Appeals,
        "litigation_after_reconsideration",
        "pending",
        6,
    ),
];

/// The 198 published values, dense in the form-2019 catalogue's order; they pass R1–R6.
pub(super) fn published() -> Result<Vec<i64>> {
    let cat = FORM.catalogue();
    let mut flat: Vec<i64> = ACTIVE.to_vec();
    flat.extend(REQUESTS.iter().flatten());
    flat.extend(APPEALS);
    if flat.len() != cat.len() {
        return Err(invariant(format!(
            "{} published values for {} cells",
            flat.len(),
            cat.len()
        )));
    }
    let values: Vec<i64> = cat
        .cells
        .iter()
        .map(|c| match c.kind() {
            ValueKind::Money => flat[c.index] * MONEY_SCALE,
            _ => flat[c.index],
        })
        .collect();
    for (s, r, c, v) in SPOT_CHECKS {
        let at = cat.find(s, r, c).map(|cell| values[cell.index]);
        if at != Some(v) {
            return Err(invariant(format!(
                "published {}.{r}.{c} is {at:?}, not {v}",
                s.code()
            )));
        }
    }
    check_rules(FormVersion::F2019, CITY, &values)?;
    Ok(values)
}
