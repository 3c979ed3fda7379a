//! Published reports as `import-report` and `audit` read them: the PATH and address arguments
//! resolved to pages (addresses fetched by `sources`, folders searched), then every page read in
//! parallel by `gongkai-pages`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use gongkai_pages::{self as page, PageImport, PageSource};
use gongkai_report::Finding;

use crate::args::FetchArgs;
use crate::sources::{self, Source};

/// The pages `paths` (and `--urls`) name: addresses fetched (each problem said as it happens,
/// the evidence kept beside `out`), files as given, folders searched for published reports (saved
/// pages, text copies, Word, PDF, workbooks); each file once. The one place these arguments
/// become pages. A path that does not exist, or an address that cannot be fetched, is a problem.
pub fn report_sources(
    paths: &[PathBuf],
    fetch: &FetchArgs,
    out: Option<&Path>,
) -> (Vec<PageSource>, Vec<Finding>) {
    let resolved = sources::resolve(paths, fetch, out);
    let mut problems = resolved.problems;
    let mut pages: Vec<PageSource> = Vec::new();
    let mut seen = HashSet::new();
    for source in resolved.sources {
        match source {
            Source::Path(path) => {
                let (files, found) = page::collect_pages(&[path]);
                crate::say::findings(&found);
                problems.extend(found);
                pages.extend(
                    files
                        .into_iter()
                        .filter(|f| seen.insert(f.clone()))
                        .map(PageSource::File),
                );
            }
            Source::Page(fetched) => pages.push(fetched.page_source()),
        }
    }
    (pages, problems)
}

/// Every page read, in the order of `pages`.
pub fn read(pages: &[PageSource]) -> Vec<PageImport> {
    page::import_sources(pages)
}
