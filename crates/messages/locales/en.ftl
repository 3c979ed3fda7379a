# gongkai's messages in English. Every id here is also in zh.ftl, with the same variables
# (crates/messages tests check both). Ids: <area>-<what>.

## Words used inside other messages

level-error = error
level-warning = warning
files-read = { $count ->
    [one] { $count } file read
   *[other] { $count } files read
}

## Findings: where, as the form prints it, and the words around a finding

punct-colon = {": "}
punct-comma = {", "}
list-separator = {", "}
list-last = {" and "}
finding-unit-year = { $unit } { $year }
finding-found = found { $found }
finding-expected = expected { $expected }
table-active = the proactive disclosure table (二)
table-requests = the requests table (三)
table-appeals = the reconsideration and litigation table (四)
finding-row = { $table }, row “{ $row }”
finding-column = { $table }, column “{ $column }”
finding-cell = { $table }, row “{ $row }”, column “{ $column }”
finding-terms-none = all 0
finding-terms-more = { $shown } and { $count } more

## Findings of the rules (R1–R6, X1–X4), worded to be read out over the phone

rule-r1 = { $place }: new applications { $new } plus carried over { $over } make { $lhs }, but the results' total { $total } plus carried forward { $forward } make { $rhs }, a difference of { $diff }. They must be equal: check these four cells of the column.
rule-r2 = { $place }: the total row has { $total }, the results add up to { $sum } ({ $terms }), a difference of { $diff }. Check the column's results or its total.
rule-r3 = { $place }: the total column has { $total }, the applicant columns add up to { $sum } ({ $terms }), a difference of { $diff }. Check the row's columns or its total.
rule-r4 = { $place }: the total column has { $total }, the outcomes add up to { $sum } ({ $terms }), a difference of { $diff }. Check the row's outcomes or its total.
rule-r5 = { $place } has { $value }: it must be 0 or more. Check this cell.
rule-r6-published = { $place }: published this year { $new } is more than total published { $total }. Check these two cells.
rule-r6-items = { $place }: items last year { $prior } plus the change { $change } make { $sum }, below 0. Check these two cells.
rule-x1 = { $place }: carried over { $value }, but the { $prev_year } report carried { $expected } forward, a difference of { $diff }. They must be equal: check both years.
rule-x2 = { $place }: items last year { $value }, but the { $prev_year } report's items plus its change make { $expected }, a difference of { $diff }. Check both years.
rule-x3 = { $place }: in force { $value }, but { $prev_year }'s in force plus this year's issued less abolished make { $expected }, a difference of { $diff }. Check both years.
rule-x4 = all { $cells } figures are identical to the { $prev_year } report ({ $file }): suspected copy of last year's. Check it.
rule-cause = { $place } has { $value }: { $sums } are each off by { $diff }; with { $fix } in this cell every one holds. Check this cell.
rule-sum-r1 = the column's “received plus carried over = results' total plus carried forward”
rule-sum-r2 = the column's total
rule-sum-r3 = the row's total
rule-sum-r4 = the row's total


## Help: commands, arguments, worked examples (crates/cli/src/help.rs)

help-usage = {"Usage: "}
help-heading-options = Options
help-heading-arguments = Arguments
help-heading-commands = Commands
help-default = {" "}[default: { $value }]
help-arg-help = Print help
help-arg-version = Print version
help-gongkai-about = Consolidate, check and compare the statistical tables of government information disclosure annual reports (政府信息公开工作年度报告)
help-arg-lang = Language of messages, findings and help: zh or en (default: from LC_ALL, LC_MESSAGES, LANG; Chinese for zh_*)
help-arg-paths = Files and folders: every unit file below a folder is read (CSV, Excel or WPS workbook, Word, PDF, saved web page)
help-arg-encoding = Encoding of text files: auto (BOM, else UTF-8, else GB18030), or utf-8, gbk, gb18030, …
help-arg-units = Units registry (unit,kind,parent[,from,to,reorganised]); default: units.csv in an input folder or its parent
help-arg-quiet = Print nothing but errors (no progress, summary or warnings)
help-arg-strict = Warnings fail the run too (exit 1)
help-arg-allow = Silence a rule (R1…R6, X1…X4, or coverage); repeatable
help-arg-name = Name of the total (the city or county)
help-arg-out = Write to this file (atomically) instead of standard output; its extension chooses the format when --format is not given
help-arg-force = Sum even when a unit's report is left out or fails rules; every output then says what the total rests on
help-arg-from = First report year (changes still use the year before it when present)
help-arg-to = Last report year

help-consolidate-about = Read every unit's file for a year, check each, and print the city's official tables
help-consolidate-by = parent: a total for every registry unit with reporting units below it, besides the grand total
help-consolidate-format = table: the three official tables for the terminal; markdown: the same as Markdown; csv: tidy rows year,unit,section,row,column,value; json: the same as JSON, with what the total rests on
help-consolidate-examples =
    Examples:
      gongkai consolidate data/lanzhou/2020 --name 兰州市
          the city's 2020 tables from its units' files, checked
      gongkai consolidate reports/2023 --name 兰州市 -o 2023.xlsx
          the same as an Excel workbook in the official layout
      gongkai consolidate reports/2023 --force --format json -o 2023.json
          sum although a unit is left out; the JSON lists who is summed and who is not

help-validate-about = Check every unit and year against all rules (R1–R6, X1–X4) and the units registry
help-validate-format = text: one finding a line, in words; json: an array of findings with their codes (rule, cells, expected, found, each rule's arithmetic)
help-validate-examples =
    Examples:
      gongkai validate data/lanzhou
          every unit of every year; exit 1 if a rule fails, 2 if a file cannot be read
      gongkai validate data/lanzhou --format json > findings.json
          the findings for a script or a spreadsheet
      gongkai validate reports/2023 --strict --allow X4
          warnings count as failures, except suspected copies
help-rules =
    The rules:
      R1  table 三, every column: new applications + carried over = results' total + carried forward (printed on the form)
      R2  table 三, every column: the total row = the sum of the result rows
      R3  table 三, every row: the total column = the sum of the six applicant columns
      R4  table 四, every row: total = upheld + corrected + other outcome + pending
      R5  every figure is a whole number of 0 or more (table 二's change may be negative); amounts 0 or more
      R6  table 二 of the 2019 form: published this year ≤ total published; items last year + change ≥ 0 (warning)
      X1  a unit's two years: carried over this year = carried forward last year, per column, across the 2021 form change too (a warning for a reorganised unit)
      X2  table 二 of the 2019 form: items last year = last year's items + change (warning)
      X3  table 二 of the 2021 form: in force = last year's in force + issued − abolished (warning)
      X4  every figure the same as last year's report: suspected copy (warning)

help-trend-about = Year-over-year series of headline measures and rates, across the 2021 form change
help-trend-unit = One unit's series instead of the total's
help-trend-metrics = Measures: section.row.column (a row may be a group: requests.withheld.total) or a rate (rate.disclosure, …); repeatable; default: the headline set
help-trend-all = Every measure of the forms in the input
help-trend-format = table: a row per measure, a column per year with changes; markdown: the same as Markdown; csv: tidy rows measure,year,value,change with whether the year is complete; json: the same as JSON
help-trend-chart = Also draw the series into this .svg or .png file
help-trend-by = unit: rank units by the change in the first measure in the last year
help-trend-examples =
    Examples:
      gongkai trend data/lanzhou --name 兰州市
          the headline measures, 2019–2023, with changes and rates
      gongkai trend data/lanzhou --metric requests.new_received.total --metric rate.disclosure --chart trend.png
          two measures, drawn as a chart for the report
      gongkai trend data/lanzhou --by unit --metric requests.new_received.total
          which units' applications grew most last year

help-template-about = Write the blank form to fill in: an Excel workbook or a CSV grid, the layout consolidate reads
help-template-form = Form version: 2019 (report years 2019–2020) or 2021 (2021 onward)
help-template-unit = Fill in the unit's name
help-template-year = Fill in the report year
help-template-format = xlsx: a workbook with the labels locked, every figure validated and the rules R1–R4 checked as the unit types; csv: the form grid. Default: from --out's extension, else csv
help-template-examples =
    Examples:
      gongkai template --form 2021 --unit 城关区 --year 2023 -o 城关区.xlsx
          the workbook to send to a unit
      gongkai template --form 2021 --format csv -o form.csv
          the form grid as CSV

help-export-about = Write checked facts, totals, changes, rates and findings as Parquet for BI tools (Power BI, DuckDB, Spark)
help-export-out = The export folder: written beside it and moved into place in one step; an earlier export there is replaced, any other existing folder is refused
help-export-csv = Also write every table as CSV (UTF-8 with BOM, for Excel and WPS) under DIR/csv/
help-export-xlsx = Also write a workbook: a sheet per year with the official tables, and the findings
help-export-examples =
    Examples:
      gongkai export data/lanzhou --name 兰州市 --out bi
          bi/facts, totals, deltas, rates and findings as Parquet, partitioned by year
      gongkai export data/lanzhou --name 兰州市 --out bi --csv --xlsx 兰州市.xlsx
          the same, also as CSV and as one workbook

help-import-report-about = Read published reports (saved web pages, text copies, Word, PDF, workbooks) into tidy data, checking each
help-import-report-paths = Published reports: .html/.htm pages (any charset), text copies, .docx, .pdf, workbooks; folders are searched
help-import-report-format = csv: tidy rows year,unit,section,row,column,value (blank cells empty); json: the same as JSON; table: the three official tables
help-import-report-examples =
    Examples:
      gongkai import-report saved/lanzhou-2020.html
          the tables of one published report, as tidy CSV
      gongkai import-report saved/ -o published.csv
          every report in a folder, checked, into one file

help-generate-about = Write synthetic unit reports for testing: a units registry, one file per unit and year, and a manifest of injected defects
help-generate-units = Reporting units: districts, counties, departments and townships (provinces and cities above them are added to the registry)
help-generate-years = Report years: FIRST-LAST (2019-2023) or one year (2020)
help-generate-layout = grid: the official form grid as CSV (some GB18030 or with a BOM); tidy: tidy CSV; workbook: one .xlsx per report (no injected defects)
help-generate-seed = The same seed gives byte-identical files, whatever the number of threads
help-generate-out = The output folder: DIR/<year>/<id>.csv (.xlsx), DIR/units.csv, DIR/manifest.json; new, empty or an earlier generate output (replaced). With --lanzhou-sample: the repository root (default .)
help-generate-errors = Fraction of reports (0 to 1) that get exactly one injected defect, listed in the manifest
help-generate-lanzhou-sample = Rewrite the Lanzhou sample instead: data/lanzhou and its two test fixtures, below --out
help-generate-examples =
    Examples:
      gongkai generate --units 500 --years 2019-2023 --errors 0.1 -o /tmp/sample
          500 units over five years, one report in ten with a defect
      gongkai generate --units 50 --years 2023 --layout workbook -o /tmp/xlsx
          50 Excel workbooks of 2023

help-completions-about = Print the shell completion script for bash, zsh, fish, powershell or elvish
help-completions-shell = The shell: bash, zsh, fish, powershell or elvish
help-completions-examples =
    Examples:
      gongkai completions bash > /etc/bash_completion.d/gongkai
      gongkai completions zsh > ~/.zfunc/_gongkai

help-man-about = Write the man pages: gongkai.1 and one per command
help-man-out = The folder to write the pages to (gongkai.1, gongkai-consolidate.1, …); without it gongkai.1 goes to standard output
help-man-examples =
    Examples:
      gongkai man -o /usr/local/share/man/man1
      gongkai man | man -l -

pages-rests-on-missing = {" "}(rests on { $count } cell(s) not found on the page: { $cells })
