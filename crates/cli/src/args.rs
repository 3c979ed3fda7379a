//! The command line.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "gongkai",
    version,
    about = "Consolidate and check 政府信息公开工作年度报告 statistics"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Language of messages, findings and help: zh or en (default: from LC_ALL, LC_MESSAGES,
    /// LANG; Chinese for zh_*).
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_lang)]
    pub lang: Option<gongkai_messages::Lang>,
    /// Say nothing but errors on standard error: no progress, summary, notices or warnings.
    #[arg(long, short, global = true)]
    pub quiet: bool,
}

fn parse_lang(s: &str) -> Result<gongkai_messages::Lang, String> {
    gongkai_messages::Lang::parse(s).ok_or_else(|| format!("{s:?}: zh or en"))
}

/// The `--lang` of a command line, read before clap parses it so that help and argument errors
/// are in that language too. A malformed value is left for clap to report.
pub fn lang_asked(
    args: impl IntoIterator<Item = std::ffi::OsString>,
) -> Option<gongkai_messages::Lang> {
    let args: Vec<String> = args
        .into_iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    args.iter().enumerate().find_map(|(i, a)| {
        let value = match a.strip_prefix("--lang") {
            Some(rest) if rest.starts_with('=') => rest[1..].to_string(),
            Some("") => args.get(i + 1)?.clone(),
            _ => return None,
        };
        gongkai_messages::Lang::parse(&value)
    })
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read every unit's file, check each, and print the summed official tables.
    Consolidate(ConsolidateArgs),
    /// Check every unit and year against all rules (R1–R6, X1–X4) and the units registry.
    Validate(ValidateArgs),
    /// Year-over-year series of headline measures and rates, across the 2021 form change.
    Trend(TrendArgs),
    /// Write the blank form to fill in: a CSV grid or an Excel workbook, the layout `consolidate`
    /// reads.
    Template(TemplateArgs),
    /// Write checked facts, totals, deltas, rates and findings as Parquet for BI tools.
    Export(ExportArgs),
    /// Read published report pages (saved HTML or copied text) into the tidy CSV, checking each.
    ImportReport(ImportReportArgs),
    /// Audit a folder of published reports: each checked, consecutive years of a unit compared,
    /// a unit's report reconciled with the reports of the units below it; ranked worst first.
    Audit(AuditArgs),
    /// Write synthetic unit reports for testing: a units registry, one file per unit and year,
    /// and a manifest of any injected defects.
    Generate(GenerateArgs),
    /// Write a letter to each unit that has something to fix, and an index of who is complete,
    /// who must fix what and who has sent nothing.
    Feedback(FeedbackArgs),
    /// The year-end deliverables: a review page to look at (one HTML file), the city's annual
    /// report draft in Word, and the units' ratings as CSV.
    Report(ReportArgs),
    /// Print the shell completion script for bash, zsh, fish, powershell or elvish.
    Completions(CompletionsArgs),
    /// Write the man pages: gongkai.1 and one per command.
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct FeedbackArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub policy: PolicyArgs,
    /// The letters' folder: made anew in one step; an earlier feedback folder there is replaced,
    /// any other existing folder is refused.
    #[arg(long, short, value_name = "DIR")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub policy: PolicyArgs,
    /// The name of the total (the city or county).
    #[arg(long, default_value = "合计")]
    pub name: String,
    /// The review page: one self-contained HTML file (no network requests), written whole.
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// The annual report's draft in Word (.docx): the totals' tables and sentences.
    #[arg(long, value_name = "FILE")]
    pub docx: Option<PathBuf>,
    /// Every unit's and the total's ratings as CSV, worst first within each measure.
    #[arg(long, value_name = "FILE")]
    pub ratings: Option<PathBuf>,
    /// The ratings' lines: `correction.red=15%,correction.yellow=10%,disclosure.red=40%,…`.
    #[arg(long, value_name = "SETTINGS")]
    pub thresholds: Option<String>,
    /// Write the Word draft even when the total is not whole (it then says so).
    #[arg(long)]
    pub force: bool,
    /// No BOM at the start of the ratings CSV.
    #[arg(long)]
    pub no_bom: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The folder to write the pages to (gongkai.1, gongkai-consolidate.1, …); without it,
    /// gongkai.1 goes to standard output.
    #[arg(long, short, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files and folders (every .csv below a folder is read).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Input encoding: auto (BOM, else strict UTF-8, else GB18030), or utf-8, gbk, gb18030, …
    #[arg(long, default_value = "auto", value_name = "NAME")]
    pub encoding: String,
    /// Units registry (unit,kind,parent[,from,to,reorganised]); default: units.csv in an input
    /// folder or its parent.
    #[arg(long, value_name = "FILE")]
    pub units: Option<PathBuf>,
    /// Of a unit and year given by several files, which is used: newer = the file modified
    /// last. Default: only a file named as the correction (更正, 修改); otherwise all are left
    /// out and named.
    #[arg(long, value_enum, value_name = "WHICH")]
    pub prefer: Option<Prefer>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Prefer {
    /// The file modified last.
    Newer,
}

#[derive(Debug, Args)]
pub struct PolicyArgs {
    /// Warnings fail the run too (exit 1).
    #[arg(long)]
    pub strict: bool,
    /// Silence a rule (R1…R6, X1…X4, N1, or coverage); repeatable.
    #[arg(long, value_name = "RULE")]
    pub allow: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FindingsFormat {
    /// One line per finding: file:line: unit year rule level arithmetic.
    Text,
    /// A JSON array of objects (file, line, unit, year, rule, level, cells, expected, found).
    Json,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub policy: PolicyArgs,
    /// Default: by the extension of --out (.json), else text.
    #[arg(long, value_enum)]
    pub format: Option<FindingsFormat>,
    /// Write the findings to this file (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum By {
    /// A total for every registry unit with reporting units below it, besides the grand total.
    Parent,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The three official tables, aligned for the terminal.
    Table,
    /// The three official tables as Markdown.
    Markdown,
    /// Tidy CSV: year,unit,section,row,column,value.
    Csv,
    /// JSON: consolidate gives {coverage: what the total rests on, values: [{year, unit,
    /// section, row, column, value}]}.
    Json,
    /// The official tables as an Excel workbook, a sheet per total (consolidate, to a file).
    Xlsx,
}

#[derive(Debug, Args)]
pub struct ConsolidateArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub policy: PolicyArgs,
    /// Sum even when unit reports are left out, missing or fail rules (every output says what
    /// the total rests on).
    #[arg(long)]
    pub force: bool,
    /// Also write what the total rests on (units summed, left out and why, missing, failing)
    /// to this text file; it always goes to standard error too.
    #[arg(long, value_name = "FILE")]
    pub notes: Option<PathBuf>,
    /// Roll up along the registry's parent tree.
    #[arg(long, value_enum)]
    pub by: Option<By>,
    /// Name of the total (the city or county).
    #[arg(long, default_value = "合计")]
    pub name: String,
    /// Default: by the extension of --out (.xlsx, .csv, .json, .md), else table.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write the output to this file (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// No byte-order mark at the start of a CSV file (by default one is written, so that Excel
    /// and WPS read the file as UTF-8).
    #[arg(long)]
    pub no_bom: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormArg {
    #[value(name = "2019")]
    F2019,
    #[value(name = "2021")]
    F2021,
}

#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// Form version: 2019 (report years 2019–2020) or 2021 (2021 onward).
    #[arg(long, value_enum)]
    pub form: FormArg,
    /// Fill in the unit's name.
    #[arg(long)]
    pub unit: Option<String>,
    /// Fill in the report year.
    #[arg(long)]
    pub year: Option<i32>,
    /// csv: the form grid (UTF-8; with a BOM in a file, so Excel and WPS open it right). xlsx: a
    /// workbook with the labels locked, every number cell validated and the rules R1–R4 checked
    /// as the unit types. Default: xlsx for an --out file named .xlsx, else csv.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<TemplateFormat>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// No byte-order mark at the start of a CSV file.
    #[arg(long)]
    pub no_bom: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TemplateFormat {
    /// The form grid as CSV.
    Csv,
    /// An Excel workbook (.xlsx).
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RankBy {
    /// Rank units by the change in the first measure, in the last year.
    Unit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChartPreset {
    /// Every measure shown, each in its own small panel.
    Full,
    /// Four panels for a printed report.
    Report,
}

#[derive(Debug, Args)]
pub struct TrendArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// First year shown (changes still use the year before it when present).
    #[arg(long, value_name = "YEAR")]
    pub from: Option<i32>,
    /// Last year shown.
    #[arg(long, value_name = "YEAR")]
    pub to: Option<i32>,
    /// One unit's series instead of the total's.
    #[arg(long, value_name = "NAME")]
    pub unit: Option<String>,
    /// Measures: section.row.column (a row may be a group: requests.withheld.total) or a rate
    /// (rate.disclosure, …); repeatable. Default: the headline set.
    #[arg(long = "metric", value_name = "CODE")]
    pub metrics: Vec<String>,
    /// Every measure of the forms in the input.
    #[arg(long, conflicts_with = "metrics")]
    pub all: bool,
    /// Name of the total.
    #[arg(long, default_value = "合计")]
    pub name: String,
    /// Default: by the extension of --out (.csv, .json, .md), else table.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Also draw the series into this .svg or .png file.
    #[arg(long, value_name = "FILE")]
    pub chart: Option<PathBuf>,
    /// The chart's layout: `full`, a grid of every measure shown; `report`, four panels for a
    /// printed report (new applications, disclosure rate, reconsiderations and lawsuits,
    /// normative documents issued), whatever the measures asked for.
    #[arg(long, value_enum, default_value_t = ChartPreset::Full, requires = "chart")]
    pub preset: ChartPreset,
    /// Rank units by change instead of showing one series.
    #[arg(long, value_enum)]
    pub by: Option<RankBy>,
    /// Write the output to this file (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// No byte-order mark at the start of a CSV file.
    #[arg(long)]
    pub no_bom: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub policy: PolicyArgs,
    /// The export folder: written beside it and moved into place in one step; an earlier export
    /// there is replaced, any other existing folder is refused.
    #[arg(long, short, value_name = "DIR")]
    pub out: PathBuf,
    /// First report year exported (deltas still use the year before it when present).
    #[arg(long, value_name = "YEAR")]
    pub from: Option<i32>,
    /// Last report year exported.
    #[arg(long, value_name = "YEAR")]
    pub to: Option<i32>,
    /// Name of the total (the city or county). Default: the registry's root when every unit
    /// lies below it (the total is written once), else 合计.
    #[arg(long)]
    pub name: Option<String>,
    /// Also write every table as CSV (UTF-8 with BOM, for Excel and WPS) under DIR/csv/.
    #[arg(long)]
    pub csv: bool,
    /// Also write a workbook: a sheet per year with the official tables, and the findings.
    #[arg(long, value_name = "FILE")]
    pub xlsx: Option<PathBuf>,
    /// Also write the zeros: a facts row for every cell that is 0 (blank marked), a deltas row
    /// for every unit measure that is 0 in both years and a rates row for a unit's rate of 0
    /// over 0 (nine rows in ten; sums and the totals are the same without them).
    #[arg(long)]
    pub zeros: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// Tidy CSV: year,unit,section,row,column,value (a blank cell has an empty value).
    Csv,
    /// Tidy JSON: an array of {year, unit, section, row, column, value}, null for a blank cell.
    Json,
    /// The three official tables, aligned for the terminal.
    Table,
}

#[derive(Debug, Args)]
pub struct ImportReportArgs {
    /// Saved pages (.html, .htm; any charset) and text copied from them (.txt); folders are
    /// searched for *.html, *.htm, *.shtml and *.txt. Read in parallel. An http:// or https://
    /// address is fetched (see the fetch options).
    #[arg(required_unless_present = "urls", value_name = "FILE|URL")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub fetch: FetchArgs,
    /// Default: by the extension of --out (.csv, .json), else csv.
    #[arg(long, value_enum)]
    pub format: Option<ImportFormat>,
    /// Write the output to this file (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// No byte-order mark at the start of a CSV file.
    #[arg(long)]
    pub no_bom: bool,
}

/// Reports fetched from their web addresses: where the list is, what may be asked, the limits
/// and the pace, where the evidence goes (`sources`).
#[derive(Debug, Args)]
pub struct FetchArgs {
    /// A file of web addresses, one a line; blank lines and lines starting with # are skipped.
    #[arg(long, value_name = "FILE")]
    pub urls: Option<PathBuf>,
    /// Also fetch from private, loopback, link-local and other non-public addresses.
    #[arg(long)]
    pub allow_private: bool,
    /// Where fetched pages are kept with a record of their address and time; default: an
    /// `evidence` folder beside --out, else in the current folder.
    #[arg(long, value_name = "DIR")]
    pub evidence: Option<PathBuf>,
    /// Seconds for the whole answer to one address, redirects and body included.
    #[arg(long, value_name = "SECONDS", default_value = "60", value_parser = parse_seconds)]
    pub timeout: std::time::Duration,
    /// Seconds to connect to a server.
    #[arg(long, value_name = "SECONDS", default_value = "10", value_parser = parse_seconds)]
    pub connect_timeout: std::time::Duration,
    /// Largest page taken: bytes, or with K or M (KiB, MiB).
    #[arg(long, value_name = "SIZE", default_value = "50M", value_parser = parse_size)]
    pub max_size: u64,
    /// Redirects followed for one address.
    #[arg(long, value_name = "N", default_value = "5")]
    pub max_redirects: u32,
    /// Least seconds between two requests to one host.
    #[arg(long, value_name = "SECONDS", default_value = "1", value_parser = parse_seconds)]
    pub pace: std::time::Duration,
}

impl FetchArgs {
    pub fn limits(&self) -> gongkai_fetch::Limits {
        gongkai_fetch::Limits {
            connect: self.connect_timeout,
            overall: self.timeout,
            max_bytes: self.max_size,
            max_redirects: self.max_redirects,
            pace: self.pace,
            allow_private: self.allow_private,
        }
    }
}

/// Seconds, whole or not: `60`, `0.5`.
fn parse_seconds(s: &str) -> Result<std::time::Duration, String> {
    s.trim()
        .parse::<f64>()
        .ok()
        .and_then(|x| std::time::Duration::try_from_secs_f64(x).ok())
        .ok_or_else(|| gongkai_messages::msg!("cli-not-seconds", value = s))
}

/// A size in bytes: `4096`, `64K`, `50M` (binary multiples; a trailing `B` or `iB` allowed).
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim().to_ascii_uppercase();
    let t = t
        .strip_suffix("IB")
        .or_else(|| t.strip_suffix('B'))
        .unwrap_or(&t);
    let (digits, shift) = match t.as_bytes().last() {
        Some(b'K') => (&t[..t.len() - 1], 10),
        Some(b'M') => (&t[..t.len() - 1], 20),
        Some(b'G') => (&t[..t.len() - 1], 30),
        _ => (t, 0),
    };
    digits
        .trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(1 << shift))
        .ok_or_else(|| gongkai_messages::msg!("cli-not-size", value = s))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuditFormat {
    /// The ranking for the terminal, then each report's findings.
    Table,
    /// The ranking: unit,year,form,file,values,blank,errors,warnings,rules.
    Csv,
    /// The ranking with each report's findings.
    Json,
    /// One self-contained page: the ranking and each report's findings and tables.
    Html,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Published reports and folders of them (pages, text copies, Word, PDF, workbooks), or
    /// their web addresses.
    #[arg(required_unless_present = "urls", value_name = "PATH|URL")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub fetch: FetchArgs,
    /// Units registry: maps the names a unit published under to one (aliases) and says which
    /// units' reports add up to which (parent).
    #[arg(long, value_name = "FILE")]
    pub units: Option<PathBuf>,
    #[command(flatten)]
    pub policy: PolicyArgs,
    /// Default: by the extension of --out (.csv, .json, .html), else table.
    #[arg(long, value_enum)]
    pub format: Option<AuditFormat>,
    /// Write the output to this file (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// No byte-order mark at the start of a CSV file.
    #[arg(long)]
    pub no_bom: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GenerateLayout {
    /// The official form grid (mostly UTF-8, some GB18030 or with a BOM, some zeros blank).
    Grid,
    /// Tidy CSV, UTF-8.
    Tidy,
    /// The form as an Excel workbook, one `.xlsx` per report (the grid's blank cells; no
    /// injected defects: --errors must be 0).
    Workbook,
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Reporting units: districts, counties, departments and townships (provinces and cities
    /// above them are added to the registry).
    #[arg(long, value_name = "N", required_unless_present = "lanzhou_sample")]
    pub units: Option<usize>,
    /// Report years: FIRST-LAST (2019-2023) or one year (2020).
    #[arg(long, default_value = "2019-2023", value_name = "YEARS")]
    pub years: String,
    #[arg(long, value_enum, default_value_t = GenerateLayout::Tidy)]
    pub layout: GenerateLayout,
    /// The same seed gives byte-identical files, whatever the number of threads.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The output folder: DIR/<year>/<id>.csv (.xlsx), DIR/units.csv, DIR/manifest.json. Must be new,
    /// empty, or an earlier generate output (which is replaced). With --lanzhou-sample: the
    /// repository root (default .).
    #[arg(
        long,
        short,
        value_name = "DIR",
        required_unless_present = "lanzhou_sample"
    )]
    pub out: Option<PathBuf>,
    /// Fraction of reports (0 to 1) that get exactly one injected defect, listed in the manifest.
    #[arg(long, default_value_t = 0.0, value_name = "RATE")]
    pub errors: f64,
    /// With --layout grid: each unit's grid shaped as its own tool saves it (title line naming
    /// the unit, unpadded lines, blank or 0 for zero, +3, (一), no numbering, money in 元/万元/亿,
    /// UTF-8, GBK or BOM, CRLF, blank lines, a notes line), named DIR/<year>/<unit>.csv.
    #[arg(long)]
    pub variety: bool,
    /// Rewrite the Lanzhou sample instead: data/lanzhou (the published 2020 totals split over
    /// invented units, and invented years 2019-2023) and its two test fixtures, below --out.
    #[arg(long, conflicts_with_all = ["units", "years", "layout", "seed", "errors", "variety"])]
    pub lanzhou_sample: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn seconds_and_sizes() {
        assert_eq!(parse_seconds("0.5"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_seconds(" 60 "), Ok(Duration::from_secs(60)));
        for bad in ["", "soon", "-1", "NaN", "1e400"] {
            assert!(parse_seconds(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_size("4096"), Ok(4096));
        assert_eq!(parse_size("16K"), Ok(16 << 10));
        assert_eq!(parse_size("50m"), Ok(50 << 20));
        assert_eq!(parse_size("2MiB"), Ok(2 << 20));
        assert_eq!(parse_size("1kb"), Ok(1024));
        for bad in ["", "M", "1.5M", "-3", "99999999999999G"] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
    }

    /// The options' defaults are the fetcher's.
    #[test]
    fn fetch_defaults_are_the_fetchers() {
        let cli = Cli::try_parse_from(["gongkai", "import-report", "x.html"])
            .unwrap_or_else(|e| panic!("{e}"));
        let Command::ImportReport(args) = cli.command else {
            panic!("not import-report");
        };
        assert_eq!(args.fetch.limits(), gongkai_fetch::Limits::default());
    }
}
