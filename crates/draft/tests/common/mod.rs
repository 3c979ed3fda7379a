//! What the tests share: the Lanzhou sample batch, summed.

use std::path::{Path, PathBuf};

use gongkai_form::FormVersion;

/// The workspace's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The accepted reports of a year of the Lanzhou sample batch, summed cell by cell.
pub fn lanzhou_sample(year: i32) -> Vec<i64> {
    let folder = root().join(format!("data/lanzhou/{year}"));
    let batch = gongkai_ingest::read_batch(&[folder], &gongkai_ingest::ReadOptions::default());
    let form = FormVersion::for_year(year);
    let mut total = vec![0i64; form.catalogue().len()];
    assert!(batch.reports.len() > 10, "{year}: the batch reads");
    for report in &batch.reports {
        assert_eq!((report.year, report.form), (year, form));
        for (t, v) in total.iter_mut().zip(&report.values) {
            *t += v;
        }
    }
    total
}
