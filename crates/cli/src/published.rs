//! Published reports as `import-report` and `audit` read them: the PATH arguments resolved to
//! files, then every file read in parallel by `gongkai-pages`.

use std::path::PathBuf;

use gongkai_pages::{self as page, PageImport};
use gongkai_report::Finding;

/// The files `paths` name: files as given, folders searched for published reports (saved
/// pages, text copies, Word, PDF, workbooks). The one place PATH arguments become files, so
/// another kind of source (addresses to fetch) joins here. A path that does not exist is a
/// problem.
pub fn report_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Finding>) {
    page::collect_pages(paths)
}

/// Every file read, in the order of `files`.
pub fn read(files: &[PathBuf]) -> Vec<PageImport> {
    page::import_pages(files)
}
