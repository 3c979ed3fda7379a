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
help-arg-allow = Silence a rule (R1…R6, X1…X4, N1, or coverage); repeatable
help-arg-name = Name of the total (the city or county)
help-arg-out = Write to this file (atomically) instead of standard output; its extension chooses the format when --format is not given
help-arg-force = Sum even when a unit's report is left out or fails rules; every output then says what the total rests on
help-arg-prefer = When two files report the same unit and year: newer uses the one modified last. Default: only a file named as the correction (更正, 修改) wins; otherwise all are left out and named
help-arg-notes = Also write what the total rests on (units summed, left out and why, missing, failing) to this text file; it always goes to standard error too
help-arg-no-bom = No byte-order mark at the start of a CSV file (by default one is written, so that Excel and WPS read it as UTF-8)
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
help-trend-preset = full: a panel per measure; report: four panels for a printed report (new applications, disclosure rate, reconsiderations and lawsuits, normative documents issued), whatever the measures asked for
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
help-export-zeros = Also write the zeros: a facts row for every cell that is 0 (blank marked), a deltas row for every unit measure that is 0 in both years and a rates row for a unit's rate of 0 over 0 (nine rows in ten; sums and the totals are the same without them)
help-export-examples =
    Examples:
      gongkai export data/lanzhou --name 兰州市 --out bi
          bi/facts, totals, deltas, rates and findings as Parquet, partitioned by year
      gongkai export data/lanzhou --name 兰州市 --out bi --csv --xlsx 兰州市.xlsx
          the same, also as CSV and as one workbook

help-import-report-about = Read published reports (saved web pages, text copies, Word, PDF, workbooks, or fetched from the portal by address) into tidy data, checking each
help-import-report-paths = Published reports: .html/.htm pages (any charset), text copies, .docx, .pdf, workbooks; folders are searched; an http:// or https:// address is fetched and kept as evidence
help-import-report-format = csv: tidy rows year,unit,section,row,column,value (blank cells empty); json: the same as JSON; table: the three official tables
help-import-report-examples =
    Examples:
      gongkai import-report saved/lanzhou-2020.html
          the tables of one published report, as tidy CSV
      gongkai import-report saved/ -o published.csv
          every report in a folder, checked, into one file
      gongkai import-report --urls addresses.txt -o published/2022.csv
          the report at each address of the list, fetched one after another (at most one request a second per host), the pages kept in published/evidence/

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


## Charts (crates/chart/src/words.rs): in Chinese where a CJK font draws them, else English

chart-error-no-series = no measure to draw
chart-error-mixed-panel = panel { $panel } mixes rates with counts or amounts: the lines of a panel share one y axis
chart-error-no-font = a PNG needs a font file for its text and no font file was found among the system fonts; install fonts-noto-cjk, set GONGKAI_FONT to a .ttf/.otf/.ttc file, or write an .svg chart
chart-error-drawing = drawing the chart: { $detail }
chart-error-png = encoding the PNG: { $detail }
trend-chart-written = chart: { $file } (Chinese labels)
trend-chart-written-english = chart: { $file } (English labels: no CJK font found; install fonts-noto-cjk)
trend-chart-extension = chart { $file }: the file name must end in .svg or .png
trend-chart-failed = chart { $file }
trend-chart-writing = writing chart { $file }
chart-unit = Unit: { $unit }
chart-year = { $year }
chart-year-separator = {", "}
chart-no-value = no comparable value
chart-note-panels = Each panel has its own y axis; rates in percent
chart-note-gaps = Grey band: no value that year (a break in the series)
chart-note-breaks = Dashed line: the report form changed in { $years }; values either side do not compare, so the line breaks there
chart-note-incomplete = * the year rests on incomplete data (a unit's report missing, left out or failing its checks), drawn as hollow points


## The command line's own errors (crates/cli/src/main.rs)

cli-error = gongkai: error: { $detail }
cli-usage-unknown-argument = Usage error: an argument gongkai does not know.
cli-usage-unknown-command = Usage error: a command gongkai does not know.
cli-usage-invalid-value = Usage error: a value an option does not take.
cli-usage-missing-argument = Usage error: a required argument is missing.
cli-usage-conflict = Usage error: two options that cannot go together.
cli-usage-other = Usage error.


## The units registry: who should report (crates/aggregate/src/checks.rs)

registry-header = units registry header must have unit, kind and parent
registry-unreadable = cannot read the units registry: { $error }
registry-unknown-kind = unknown unit kind
registry-kinds = district, county, department, township or city
registry-bad-year = bad year
registry-a-year = a year such as 2022
registry-no-name = no unit name
registry-twice = unit listed twice (also as { $kind })
registry-each-once = each unit once
registry-no-header = the units registry has no header line
registry-parent-unknown = parent of { $unit } is not in the registry
registry-loop = parent chain of { $unit } loops
finding-check-coverage = coverage
registry-not-registered = unit not in the registry
registry-not-registered-hint = unit not in the registry; did you mean { $hint }?
registry-a-registered-unit = a unit of the registry
registry-missing = no report from this { $kind ->
    [city] city
    [district] district
    [county] county
    [township] township
   *[other] department
} (registry)
registry-none = none
registry-a-report = a report from this { $kind ->
    [city] city
    [district] district
    [county] county
    [township] township
   *[other] department
}


## Letters to units (crates/cli/src/feedback.rs)

help-feedback-about = Write a letter to each unit that has something to fix (HTML for A4 and plain text), and an index of who is complete, who must fix what and who has sent nothing
help-feedback-out = The letters' folder: made anew in one step; an earlier feedback folder there is replaced, any other existing folder is refused
help-feedback-examples =
    Examples:
      gongkai feedback reports/2023 -o letters
          letters/城关区-2023.html and .txt for each unit with problems, and letters/index.html
      LANG=zh_CN.UTF-8 gongkai feedback reports/2023 --allow X4 -o letters
          in Chinese, without the copy-paste warnings
feedback-title = Checks of { $unit }'s { $year } annual report tables
feedback-greeting = To { $unit }:
feedback-intro = We checked the { $year } tables you sent ({ $files }): { $errors } point(s) to correct and { $warnings } to confirm, listed below with where they are in your file.
feedback-errors-heading = To correct
feedback-warnings-heading = To confirm
feedback-where = Where: { $place }
feedback-passed = Already in order: { $rules }.
feedback-passed-none = No rule of the form holds yet on these tables.
feedback-closing = Please correct the tables and send them again. Thank you.
feedback-rule-r1 = each column of table 三 carries over (received + carried over = results + carried forward)
feedback-rule-r2 = each column's total in table 三
feedback-rule-r3 = each row's total in table 三
feedback-rule-r4 = each row's total in table 四
feedback-rule-r5 = no negative figures
feedback-rule-r6 = table 二's published and item counts
feedback-index-title = Checks of the units' reports
feedback-index-to-fix = To fix ({ $count })
feedback-index-missing = Not sent ({ $count })
feedback-index-complete = Complete ({ $count })
feedback-index-unread = Files not read ({ $count })
feedback-col-unit = Unit
feedback-col-year = Year
feedback-col-problems = Problems
feedback-col-letter = Letter
feedback-problems = { $errors } to correct, { $warnings } to confirm
feedback-plain-text = text
feedback-written = feedback: { $letters } letter(s) in { $dir }; { $complete } report(s) complete, { $missing } not sent

pages-rests-on-missing = {" "}(rests on { $count } cell(s) not found on the page: { $cells })

## format readers and published reports

# Workbooks (crates/workbook). { $what } and { $why } are the texts below, or a library's own
# (English) words for a file it could not parse.
workbook-encrypted = the workbook is protected by a password ({ $what }); save a copy without the password
workbook-damaged = the workbook is damaged or cut short ({ $why }); open it in the office program and save it again
workbook-not-a-workbook = not a workbook: { $what }
workbook-sheet-too-large-at = sheet { $sheet } is too large: it has a cell at { $cell }, past the { $rows } rows, { $columns } columns and { $cells } cells a sheet may span (a report needs about 100 rows of 15 columns); not read
workbook-sheet-too-large-block = sheet { $sheet } is too large: it declares a block, past the { $rows } rows, { $columns } columns and { $cells } cells a sheet may span (a report needs about 100 rows of 15 columns); not read
workbook-unreadable = the workbook cannot be read ({ $why }); open it in the office program and save it again
workbook-reader-failed = the workbook reader failed on malformed content
workbook-not-a-container = neither a zip container (.xlsx, .ods) nor a compound file (.xls, .et)
workbook-zip-entry-encrypted = an entry of the zip container is encrypted
workbook-ods-encrypted = the .ods content is encrypted
workbook-encrypted-package = an encrypted Office file: its content is an EncryptedPackage
workbook-xls-encrypted = the .xls workbook is encrypted
workbook-xls-filepass = the .xls workbook is encrypted (FILEPASS)
workbook-content-missing = content.xml is missing
workbook-is-docx = a Word document (.docx)
workbook-is-pptx = a PowerPoint presentation (.pptx)
workbook-is-opendocument = an OpenDocument file of type { $mimetype }
workbook-zip-without-workbook = a zip archive of { $entries } entries with no workbook in it
workbook-is-doc = a Word document in the old binary format (.doc, or WPS .wps); save it as .docx
workbook-is-ppt = a PowerPoint presentation (.ppt)
workbook-compound-without-workbook = a compound file with no Workbook stream (it holds { $streams })
workbook-sheet-start-past-end = sheet { $sheet } starts at byte { $at }, past the end of the Workbook stream
workbook-dimensions-reversed = sheet { $sheet }: its DIMENSIONS record ends before it starts
workbook-compound-header = not an OLE2 compound file, or cut short in its header
workbook-compound-sector-shift = sector shift { $shift } is neither 9 nor 12
workbook-compound-mini-shift = mini sector shift is not 6
workbook-compound-no-root = the directory has no root entry
workbook-compound-mini-short = the mini stream is cut short
workbook-compound-stream = stream { $stream }: { $why }
workbook-compound-stream-short = stream { $stream } is cut short
workbook-compound-sector-twice = { $table } sector { $sector } is listed twice
workbook-compound-sector-past-end = { $table } sector { $sector } is past the end of the file
workbook-compound-chain-loops = a chain of sectors loops at sector { $sector }
workbook-compound-chain-past-end = a chain of sectors reaches sector { $sector }, past the end

# Word documents (crates/docx). { $format } and { $why } in docx-not-word-but and
# docx-not-a-container are the document crate's names of formats and its sentence on them.
docx-old-word = an old binary Word file (.doc/.wps): save it as .docx (Word or WPS: Save As, Word Document) and read that
docx-encrypted = the Word file is protected by a password (it is encrypted); save a copy without the password
docx-other-office = an old binary Office file (OLE2) that holds no Word document (an old .xls or .ppt?); not read as Word
docx-not-word-but = not a Word document: the file is { $format }; read it as such, or save it as .docx
docx-not-a-container = not a Word document: { $why }
docx-not-word = a zip container with no Word document in it (no word/document.xml): { $holds }
docx-xml = { $part } is not well-formed XML at byte { $position } ({ $why }); open the file in Word and save it again
docx-too-deep = { $part } nests elements more than { $limit } deep, deeper than any report; not read
docx-part-too-large = { $part } inflates past { $mib } MiB, more than any report's text; not read
docx-too-many-cells = the tables hold more than { $limit } cells, more than any report needs; not read
docx-alt-chunk = the document embeds { $chunks } part(s) as HTML or RTF (w:altChunk, as web systems write Word files), which only Word converts; open it in Word or WPS and save it again
docx-table-too-wide = table { $table } row { $row } reaches past column { $limit }, wider than Word makes a table; not read
docx-ends-inside = it ends inside { $count } open element(s): cut short
docx-zip-entry = entry { $name }: { $why }
docx-holds-workbook = it is an Excel workbook (.xlsx); read it as a workbook
docx-holds-pptx = it is a PowerPoint presentation (.pptx)
docx-holds-odt = it is an OpenDocument text (.odt); save it as .docx
docx-holds-opendocument = it is an OpenDocument file (.ods/.odp)
# $more: "yes" when there are more entries than $names lists.
docx-holds-entries = it holds { $count } entries ({ $names }{ $more ->
        [yes] , …
       *[other] { "" }
    })

# PDF files (crates/pdf). pdf-too-large's { $what } and { $limit } are the pdf-what-* and
# pdf-limit-* texts.
pdf-not-pdf = not a PDF: the file does not begin with %PDF-
pdf-scanned = a scanned PDF: { $pages } page(s), no text layer; OCR it or send the Word file
pdf-undecodable = the PDF's fonts do not say which characters they draw (no ToUnicode map): its text cannot be read; send the Word file
pdf-encrypted = an encrypted PDF that needs a password to open; send it without one, or the Word file
pdf-truncated = the PDF is cut short (it does not end with %%EOF): it was not saved or sent whole
pdf-damaged = a damaged PDF: { $why }
pdf-page-tree-loop = a damaged PDF: its page tree loops (object { $object } is met twice)
pdf-too-many-pages = more than { $limit } pages: not an annual report
pdf-too-large = { $what } would take more than { $limit } (the limit for a report); not read
pdf-failed = the PDF could not be read ({ $why }); it may be damaged
pdf-internal-fault = an internal fault
pdf-no-pages = it has no pages
pdf-no-catalog = it has no catalog (the trailer's /Root)
pdf-no-page-tree = its catalog has no page tree (/Pages)
pdf-page-tree-deep = its page tree is more than 64 levels deep
pdf-page-damaged = page { $page }: { $why }
pdf-font-map-damaged = a font's character map: { $why }
pdf-what-object-stream = a stream of objects
pdf-what-page-content = the content of page { $page }
pdf-what-drawing = a drawing on page { $page }
pdf-what-operators = the pages' drawing operators
pdf-what-font-map = a font's character map
pdf-what-text = the pages' text
pdf-limit-mib = { $mib } MiB inflated
pdf-limit-bytes = { $bytes } bytes inflated
pdf-limit-operators = { $count } operators
pdf-limit-glyphs = { $count } glyphs

# Saved web pages (crates/html): notes on a page's charset, shown as warnings.
html-bom-invalid = bytes not valid { $charset } replaced
html-declared-invalid = the page declares charset { $charset } but its bytes are not valid { $charset }
html-declared-not-chinese = the page declares charset { $charset }, not a charset for Chinese text; ignored
html-read-as = read as { $charset }
html-no-charset = no charset declared; read as { $charset }
html-undecodable = bytes not valid in any charset tried; read as { $charset } with invalid bytes replaced
# Two of the notes above, one after the other.
html-then = { $note }; { $next }

# Writing output files (crates/atomic).
atomic-io = cannot write { $path }: { $error }
atomic-not-replaceable = { $path } exists and is not an earlier output of gongkai
atomic-no-name = { $path } names no file or folder
# Why a file operation failed: $kind is not-found, already-exists, permission-denied,
# storage-full, read-only, is-a-directory, not-a-directory or other; $error is the system's own
# (English) words.
atomic-io-reason = { $kind ->
       *[other] { $error }
    }

# Published reports (crates/pages). A summary line: $blanks and $rules are pages-summary-blanks
# and pages-summary-rule-errors or empty; $missing is pages-table-not-found,
# pages-cells-not-found and pages-cells-not-values joined by pages-separator.
pages-summary-unreadable = unreadable  { $file }: { $why }
pages-summary-complete = complete    { $file }: { $unit } { $year } (form { $form }): { $found }/{ $expected } values{ $blanks }{ $rules }
pages-summary-partial = partial     { $file }: { $unit } { $year } (form { $form }): { $found }/{ $expected } values{ $blanks }{ $rules }: { $missing }
pages-summary-blanks = , { $count } blank
pages-summary-rule-errors = ; { $count } rule error(s)
pages-table-not-found = table { $table } not found
pages-cells-not-found = { $count } cell(s) of { $table } not found
pages-cells-not-values = { $count } cell(s) not a value
pages-separator = { "; " }
pages-list-separator = { ", " }
# A table of the form, inside other messages: its code in English.
pages-table-active = active
pages-table-requests = requests
pages-table-appeals = appeals
pages-cannot-read = cannot read the file: { $error }
pages-folder-others = not read, in no format a report is published in: { $count } file(s) in this folder, the first { $first }
pages-sheet-hidden = sheet { $sheet } is hidden: not read
pages-unit-from-file-name = the title does not name the reporting body; named "{ $name }" after the file
pages-no-title = no report title (……{ $year }年政府信息公开工作年度报告) found; unit and year taken from the file name
pages-no-year = no report year: neither a title such as 兰州市2020年政府信息公开工作年度报告 nor a year in the file name
pages-wrong-form = { $unit } { $year }: the tables are laid out in form { $found }, but { $year } reports use form { $due } ({ $notice }); is the year in the title right?
pages-no-table = { $unit } { $year }: no table of the form found: none of the row labels of form { $form }'s tables
pages-no-table-seen = { $unit } { $year }: no table of the form found: none of the row labels of form { $form }'s tables (headings or headers of { $tables } seen, but no row of the form under them)
pages-no-such-path = no such file or folder
# A blank total filled in from its parts: $table is 2, 3 or 4 (二, 三, 四), $row and $column the
# form's names of the cell's row and column in the run's language.
pages-total-derived = blank total { $cell } derived from its parts ({ $rule }): { $value } ({ $place })
# A rule broken on a published report: the cell it is anchored at, then the rule's own message.

# Synthetic data (crates/synth, `gongkai generate`).
synth-years = years "{ $text }": expected FIRST-LAST such as 2019-2023, or one year, between 2000 and 2100
synth-units = --units { $units }: expected 1 to { $max }
synth-error-rate = --errors { $rate }: expected a fraction from 0 to 1
synth-workbook-defects = --errors { $rate } with --layout workbook: injected defects are written only in the CSV layouts (grid, tidy); use --errors 0 with --layout workbook
synth-not-empty = { $dir }: exists and is not empty, and is not the output of an earlier generate run (no manifest.json of it); choose another folder
synth-not-sample = { $dir }: exists and is not an earlier Lanzhou sample (no units.csv of it); --out is the repository root
synth-out-path = { $dir }: the output folder must have a name of its own (not . or /)
synth-io = { $path }: { $error }
synth-encoding = { $unit }: { $detail }
synth-not-gb18030 = not encodable in GB18030
synth-workbook = { $unit } { $year }: writing the workbook: { $error }
# $detail is for the developer, in English in every language.
synth-invariant = generator invariant broken: { $detail }
synth-manifest = manifest: { $error }
synth-list-separator = { ", " }
# The Lanzhou sample's summary (`gongkai generate --lanzhou-sample`): a line per year, then what
# was written and checked.
synth-sample-year = { $year }: { $units } units, form { $form }; { $city }: new_received { $new_received }, granted { $granted }, partially_granted { $partially_granted }, reconsideration { $reconsideration }, licensing decisions { $licensing }{ $change }
synth-sample-new = ; new: { $units }
synth-sample-gone = ; gone: { $units }
synth-sample-warning = warning: { $warning }
synth-sample-encoding = { $count } { $encoding }
synth-sample-summary = wrote { $files } unit reports for { $first }–{ $last } to { $data }/<year> ({ $encodings }; { $blanks } blank cells), { $data }/units.csv, { $published } and { $trend } below { $root }; read back: { $warnings } warning(s), R1–R6 hold for every report and city total, X1–X4 for { $pairs } consecutive pairs, 2020 sum = published { $city } totals ({ $cells } cells)

## consolidate, trend, export (coverage)

# A unit and year given by several files (gongkai-report's duplicate module).
duplicate-and = {" and "}
duplicate-left-out = { $count ->
    [2] two files
   *[other] { $count } files
} for { $unit } { $year }: { $files }; { $count ->
    [2] both
   *[other] all
} left out ({ $hint })
duplicate-hint-newer = { $file } is the newer: --prefer newer uses it
duplicate-hint-rename = keep one, or put 更正 in the corrected file's name
duplicate-used = { $count ->
    [2] two files
   *[other] { $count } files
} for { $unit } { $year }: { $files }; { $file } is used ({ $why }), { $count ->
    [2] the other
   *[other] the others
} left out
duplicate-why-corrected = its name marks it as the correction
duplicate-why-newer = the newer, as --prefer newer asks

# The official tables in a workbook (gongkai-export): consolidate -o x.xlsx, export --xlsx.
export-sheet-title = { $name } { $year }年 政府信息公开工作年度报告统计表（{ $form }版，{ $notice }）
export-sheet-units = { $count ->
    [one] { $count } unit report summed.
   *[other] { $count } unit reports summed.
}
export-sheet-failing = { " " }Note: { $count ->
    [one] { $count } of them fails
   *[other] { $count } of them fail
} rules (see the sheet { $sheet }): { $units }
export-sheet-see-notes = Note: this total is not whole; see the sheet { $sheet } for what it rests on.
export-list-sep = {", "}
export-findings-sheet = Findings
export-notes-sheet = Notes

# Output files (gongkai's output module): the format by --format or the -o file's name.
output-stdout-failed = cannot write to standard output
output-workbook-terminal = a workbook is not text for the terminal: write it to a file with -o { $example }
output-other-workbook = { $path }: { $command } writes workbooks as .xlsx, not .{ $ext }: name the file .xlsx
output-mismatch = { $path }: --format { $format } does not write a .{ $ext } file: name it .{ $want }, or leave --format out
output-cannot-write = { $path }: { $command } does not write .{ $ext } files; it writes { $kinds }
output-list-sep = {", "}
output-list-or = {" or "}
template-wrong-form = { $year } reports use form { $due }, not { $form }

# Reading and checking a batch (gongkai's checked module), and its summary on standard error.
policy-not-a-rule = --allow { $rule }: not a rule (R1…R6, X1…X4, N1, coverage)
input-unknown-encoding = unknown encoding { $name } (try auto, utf-8, gbk, gb18030)
input-by-parent-needs-registry = --by parent needs a units registry: --units FILE, or units.csv in the input folder
input-no-reports = none of the { $files } file(s) given holds a report that can be used ({ $rejected } rejected, { $skipped } skipped; each is named with why)
input-registry-problems = the units registry { $file } has { $count } problem(s)
summary-sep = {", "}
summary-formats = {" "}({ $formats })
summary-no-year = no year
summary-line = summary: { $files } file(s) read, { $used } used, { $rejected } rejected, { $skipped } skipped{ $formats }; { $reports } unit report(s) of { $units } unit(s) for { $years }; values: { $values } read = { $values_used } used + { $values_rejected } rejected; { $blanks } blank cell(s)
summary-left-out = left out: { $file }: { $reason }
summary-skipped = skipped: { $file }: { $reason }
summary-no-unit = (file)
summary-count = { $name } { $errors }E/{ $warnings }W
summary-check-input = input
summary-check-coverage = coverage
summary-none = none
summary-findings = findings: { $errors } error(s), { $warnings } warning(s); by rule: { $rules }
summary-findings-by-unit = findings by unit: { $units }
summary-registry = registry: { $file } ({ $units } unit(s)); { $missing } missing report(s)

# consolidate: the refusal of a total that is not whole, and what a total rests on.
consolidate-refused-left-out = refused: { $count } unit report(s) left out ({ $reports }); nothing written. Fix or remove the files named above, or sum without them with --force
consolidate-refused-missing = refused: { $count } registered unit(s) sent no report ({ $units }); nothing written. Collect them, silence this with --allow coverage, or sum without them with --force
consolidate-refused-failing = refused: { $count } unit report(s) fail rules ({ $units }); nothing written. Fix them, silence a rule with --allow, or sum anyway with --force
consolidate-total = total: { $name } { $year } (form { $form }) = { $units } unit(s); { $blanks } cell(s) rest on blanks
coverage-heading-forced = Note: this total was summed with --force and is not whole. It rests on:
coverage-heading-not-whole = Note: these figures are not whole. They rest on:
coverage-heading-whole = This total is whole. It rests on:
coverage-summed = { $year }: { $count } unit report(s) summed
coverage-left-out = left out: { $who } ({ $reason }): { $detail }
coverage-missing = missing: { $unit } { $year }, in the registry, sent no report
coverage-failing = fails rules, summed anyway: { $unit } { $year }
coverage-chosen = { $unit } { $year }: { $file } used, not { $over } ({ $why })
coverage-reason-unreadable = could not be read
coverage-reason-duplicate = given by several files
coverage-unknown = (unknown)

# The official tables in the terminal and Markdown: the form's own printed headings.
tables-info-content = { $item } 信息内容
tables-applicants = 申请人情况
tables-organisation-column = 法人或其他组织
    { $column }

# The progress bar of a batch read: the values are the bar's own placeholders.
progress-bar = { $elapsed } [{ $bar }] { $done }/{ $files } files, { $speed }, { $bytes }, { $left } left

# trend
trend-no-workbook = trend writes text (table, markdown, csv, json), not a workbook
trend-no-reports = no readable reports in the input
trend-measure-hint = ; e.g. { $example }
trend-unknown-measure = unknown measure { $measure }: expected section.row.column or a rate name{ $hint } (see --all)
trend-unknown-unit = no report of unit { $unit } in the input
trend-title = { $subject }: trend
trend-ranking-title = { $measure } { $year }: units by change
trend-legend = change vs the previous comparable year: % for counts and money, pp (percentage points) for rates; 新增 = up from 0; ‖ = no comparable previous year (form change or gap)
trend-new = 新增
trend-col-label = 指标
trend-col-measure = measure
trend-col-unit = unit
trend-col-previous = previous
trend-col-value = value
trend-col-change = change
trend-col-change-pct = change %
trend-caveat-incomplete = not whole: unit reports left out or missing
trend-caveat-failing = includes units that fail rules
trend-caveat-sep = {"; "}
trend-caveat-year = * { $year }: { $what } (see standard error)
trend-caveat-unit = * { $unit } { $year }: { $what }

# import-report
import-no-pages = import-report: no pages to read (name files, or folders holding *.html, *.htm, *.txt)
import-pages-twice = warning: { $unit } { $year } is the report of { $count } pages ({ $files }); reading the output would find its cells twice
import-summary = import-report: { $pages } page(s): { $complete } complete, { $partial } partial, { $unreadable } unreadable; { $errors } rule error(s) in { $failing } report(s)

# export
export-from-after-to = --from { $from } is after --to { $to }
export-no-reports = no readable reports in the input for the years asked; nothing written
export-written = export: { $dir } ({ $files } file(s), { $bytes } bytes): { $facts } fact row(s) for { $years }; { $findings } finding(s)
export-named-by-registry = export: the total is named { $name }, the registry's root above every unit, and written once at level 0 (--name names it otherwise)
export-workbook-written = export: { $file } ({ $bytes } bytes)
export-with-failing = export: written with { $count } unit report(s) that fail rules; see findings.parquet

# generate
generate-needs-units-and-out = generate needs --units and --out
generate-done = generated: { $units } unit(s) ({ $registry } registry rows), { $reports } report(s) for { $years }, { $files } file(s), { $bytes } bytes, { $defects } defect(s), layout { $layout }, seed { $seed }, in { $seconds } s -> { $dir }
generate-sample-time = in { $seconds } s
coverage-who-why = { $who }: { $reason }

## reading (ingest, locate, document, form values)
# Places and cells: English names a cell by its code and the form's labels, Chinese by the form's
# words alone (表三“（一）予以公开”行“自然人”列). Both get the same variables, so a pattern that
# leaves one out selects on it instead (`{ $table -> *[other] … }`).

place-table = table { $number }
place-cell = { $table ->
   *[other] { $code } ({ $row } / { $column })
}
place-cell-code = { $name ->
   *[other] { $code }
}
place-row = { $table ->
   *[other] { $row ->
      *[other] row { $code }
   }
}
place-column = { $table ->
   *[other] { $column ->
      *[other] column { $code }
   }
}
place-table-code = { $number ->
   *[other] table { $code }
}

# Value kinds and value errors (form).
value-expected-count = a whole number ≥ 0
value-expected-signed = a whole number, + or − allowed
value-expected-money = an amount ≥ 0 in 万元 (or with its unit: 元, 万元, 亿)
value-not-a-number = not a number
value-not-whole = not a whole number
value-too-precise = finer than 0.01 yuan
value-too-large = too large: past the 64-bit integer range
value-unit-in-count = a money unit in a count cell
read-list-separator = {", "}

# A report left out, checked all the same (ingest).
read-rule-not-checked = { $scope } not checked: { $cells } could not be read
read-rule-not-checked-implied = { $scope } not checked: { $cells } could not be read; { $value } there would make it add up

# Where in a file (document): what follows the file's name. A sheet's cell prints as the sheet
# names it (`[Sheet1]!D31`) in every language.
place-line = :{ $line }
place-line-column = :{ $line }:{ $column }
place-table-row = {" "}table { $table } row { $row }
place-page = {" "}page { $page }

# What a file is (document::sniff), and why a format gives no report.
format-empty = empty
format-text = text
format-html = HTML
format-xlsx = Excel workbook
format-ods = OpenDocument spreadsheet
format-xls = Excel 97-2003 / WPS workbook
format-docx = Word document
format-odt = OpenDocument text
format-doc = Word 97-2003 / WPS document
format-pdf = PDF
format-encrypted = password-protected office file
format-rtf = rich text
format-flat-xml = single-file XML document
format-zip = zip archive
format-binary = binary
read-format-empty = the file is empty
read-format-doc = an old binary Word or WPS document (.doc/.wps): save it as .docx (Save As, Word Document) and give that
read-format-save-as-docx = a { $format } file: save it as .docx and give that
read-format-encrypted = the file is protected by a password: save a copy without the password
read-format-zip = a zip archive holding no workbook or Word document (cut short, or files zipped together): unzip it and give the files inside
read-format-not-a-report = not a report: the file is { $format } data

# Text and delimited text that cannot be read (document).
read-on-line = line { $line }: { $problem }
read-binary = binary data, not CSV text (NUL byte at offset { $offset }); save the sheet as CSV
read-malformed = bytes { $bytes } at offset { $offset } are not valid { $encoding } (expected UTF-8 or GB18030/GBK text; try --encoding)
read-empty-file = empty file: no lines to read
read-unbalanced-quote = a quote (") opens a field that never closes; the rest of the file would be one cell
read-too-many-fields = the line has { $fields } fields; a spreadsheet's line has at most { $limit } (a form grid's about 15): not a table of the form
read-zip-entry = entry { $entry }: { $why }
read-zip-damaged = the file is damaged or cut short ({ $why }); open it in the office program and save it again
read-zip-encrypted = the file is protected by a password (entry { $entry } is encrypted); save a copy without the password
read-zip-too-many-entries = the container holds { $entries } entries, more than the { $limit } any report needs; not read
read-zip-too-large = the container inflates past { $mib } MiB (at entry { $entry }), more than any report needs; not read (a zip bomb?)

# Texts turned away before they are split (ingest::screen).
read-too-wide-start = the line has more than { $fields } fields in its first { $bytes } bytes; a spreadsheet's line has at most { $limit } (a form grid's about 15): not a table of the form; not read further
read-not-tidy = not a tidy CSV (line { $line }, its first with text, is not the header { $header })
read-not-further = ; not read further
read-bytes = { $bytes } bytes
read-bytes-of-text = { $bytes } bytes of text
read-grid-too-large = the file holds { $holds } and is { $not_tidy }: a form grid is a few KB, and at most { $limit } bytes are read as one{ $further }
read-in-first-bytes = in its first { $bytes } bytes
read-up-to-last-text = up to its last with text
read-grid-too-long = the file has { $lines } lines { $within } and is { $not_tidy }: a form grid has about 55, and at most { $limit } are read as one{ $further }
read-no-sign-of-the-form = no sign of the form in the first { $bytes } bytes of { $total }: { $not_tidy }, no 填报单位 or 年度 line, and fewer than { $labels } of the form's headings and row labels; not read further
read-no-text = the file's { $bytes } bytes hold no text, only separators and blanks
read-no-text-at-start = the first { $bytes } bytes of { $total } hold no text, only separators and blanks; not read further

# The tidy interchange CSV (ingest::tidy).
read-tidy-header-lacks = tidy header lacks column(s) { $columns }
read-tidy-cut-short = the file ends inside this line ({ $fields } of the header's { $header } fields): cut short?
read-tidy-too-few-fields = the line has { $fields } field(s), the header { $header }
read-tidy-too-many-fields = the line has more fields than the header's { $header }: a value with an unquoted comma?
read-tidy-too-many-fields-expected = one field per header column; quote values that hold commas ("1,234")
read-tidy-quote-over-lines = a quoted field runs over lines { $first }–{ $last }: an unbalanced quote?
read-tidy-quote-over-lines-expected = one line per value
read-bad-year = bad year
read-bad-year-expected = a year such as 2020
read-tidy-no-unit = no unit name
read-tidy-no-unit-expected = the reporting unit's name
read-tidy-unknown-section = unknown section
read-tidy-unknown-section-expected = active, requests or appeals
read-tidy-unknown-row = unknown row for section { $section } in form { $form } (used for { $year })
read-tidy-unknown-column = unknown column for section { $section } in form { $form } (used for { $year })
read-tidy-unknown-code-expected = a code of the shared spec, e.g. requests,granted,natural_person
read-bad-value = { $problem } in { $cell }
read-tidy-duplicate = duplicate value for { $cell }, first given on line { $first } as "{ $shown }"
read-tidy-duplicate-expected = one line per cell
read-tidy-absent = { $absent } of { $cells } cells absent from the file, counted as blank

# One file's read (ingest::read, ingest::reading).
read-cannot-read = cannot read the file: { $why }
read-lock-file = an Office lock file (the workbook or document is open on someone's computer)
read-hidden-file = a hidden file
read-not-a-report = not a report by its name or its content ({ $format })
read-not-readable = not a readable { $format }: its bytes are none of the formats gongkai reads (damaged, or another kind of file renamed)
read-name-and-content-differ = the name says { $named } but the content is { $content }; read as { $content }
read-separated-by-tabs = fields are separated by tabs, not commas; read as such
read-separated-by-semicolons = fields are separated by semicolons, not commas; read as such
read-header-only = header only: the file has no values
read-skipped = skipped: { $why }
read-all-blank = every cell of the report is blank: the form was sent back unfilled; fill it in (write 0 where there is nothing to report)
read-table-blank = table { $table } is blank in every cell: its totals rest on nothing; write 0 where there is nothing to report
read-report-left-out = report left out: { $errors } error(s) in its cells
read-list-and-more = { $list } and { $more } more

# A unit's form grid, a workbook, a document (ingest::unit_file, workbook_file, document_file).
read-year-differs = year { $year } in the file differs from the folder's year { $folder }; using { $year }
read-no-year = no year: add a line 年度,2020 or put the file in a folder named after the year
read-wrong-form = the tables are laid out in form { $laid_out }, but { $year } reports use form { $form } ({ $notice })
read-no-table = no table of the form found: neither a tidy header ({ $header }) nor the headings and row labels of form { $form }'s tables
read-sheet-hidden = sheet { $sheet } is hidden: not read
read-no-sheet-holds-a-report = no visible sheet holds a report: neither a tidy header ({ $header }) nor the tables of the form
read-no-sheet-holds-a-report-empty = no visible sheet holds a report (empty: { $empty }): neither a tidy header ({ $header }) nor the tables of the form
read-sheet-no-form = sheet { $sheet } holds no table of the form: not read
read-no-table-in-any-sheet = no table of the form found in any sheet: neither a tidy header ({ $header }) nor the headings and row labels of the form's tables
read-sheet-header-only = sheet { $sheet }: header only, no values
read-document-cells-not-found = { $missing } of the form's { $cells } cells not found in the document ({ $shown }); a total resting on it would be wrong

# Folders walked (ingest::batch).
read-broken-link = broken symbolic link: it points to { $target }, which does not exist
read-no-such-path = no such file or folder
read-not-a-regular-file = not a regular file (a pipe, socket or device); skipped
read-same-file = the same file as { $file }, reached through a symbolic link; read once
read-link-loop = symbolic link loop: it leads back to { $folder }, which is read already; not followed
read-cannot-read-entry = cannot read: { $why }
read-broken-link-skipped = { $why }; skipped

# The locator (locate): the form found in a grid by its labels.
locate-line = line { $line }
locate-the-file = the file
locate-in-place = in { $place }
locate-at-place = at { $place }
locate-on-place = on { $place }
locate-close-label = row label "{ $label }" is not the form's; read as "{ $meant }", the closest
locate-old-label = old label 规范性文件 (form 2019) in a form 2021 table; read as 行政规范性文件
locate-values-past-columns = { $values } value(s) past the { $columns } column(s) of { $what }; not summed
locate-n-values = { $values } values
locate-too-few-values = { $values } value(s) for the { $columns } column(s) of { $what }: cannot tell which cell is empty; row not read
locate-too-few-values-expected = { $values } values (write an empty cell as -)
locate-short-row = only { $cells } cell(s) for the { $columns } column(s) of { $what }; the last are not found
locate-values-right = { $values } value(s) right of the row's last column ({ $column }); not summed
locate-values-right-expected = nothing right of the table
locate-values-outside = { $values } value(s) outside the columns of { $what }; not read (nor in the same column below)
locate-values-outside-expected = a column of the form
locate-own-label-wins = { $cell } read from the row with the form's label, not the one with a close label
locate-own-label-wins-expected = the form's label
locate-row-twice = { $row } given twice (first { $first }); this line is not summed
locate-row-twice-expected = each row once
locate-cell-twice = { $cell } given twice; the first is kept
locate-cell-twice-expected = each cell once
locate-none-word = "{ $text }" in { $cell } read as a blank cell
locate-none-word-expected = a number, or - for none
locate-count-unit = unit { $unit } after the number in { $cell } dropped
locate-count-unit-expected = a number
locate-values-on-heading = { $values } value(s) on the heading line of table { $table }; not summed
locate-quote-swallows-lines = a quoted cell runs over lines { $first }–{ $last } and holds whole lines of the table: an unbalanced quote? The lines inside it are not read
locate-quote-swallows-lines-expected = a closing quote (") on the line that opens it
locate-values-on-unit-line = { $values } value(s) on the unit line; not summed
locate-values-on-year-line = { $values } value(s) on the year line; not summed
locate-values-on-group = values on the group heading "{ $label }", which is not a row of form { $form }; not summed
locate-values-on-group-expected = values in the rows below it
locate-ambiguous-label = row label fits several rows ({ $rows }); its { $values } value(s) are not read
locate-ambiguous-label-expected = a label that names one row
locate-values-before-tables = { $values } value(s) before any table of the form; not summed
locate-values-before-tables-expected = a table heading such as 二、主动公开政府信息情况 first
locate-no-table = no table
locate-row-not-in-form = row not in form { $form } ({ $table }): "{ $label }"; its { $values } value(s) are not read
locate-row-not-in-form-expected = a row of form { $form }
locate-values-without-label = { $values } value(s) without a row label; not summed
locate-appeals-past-15 = { $values } value(s) past the 15 of table 四; not read
locate-appeals-too-few = table 四 has { $values } of its 15 values: cannot tell which are missing; not read
locate-appeals-too-few-expected = 15 values: 行政复议 5, 未经复议直接起诉 5, 复议后起诉 5
locate-appeals-twice = table 四 given twice: a second line of numbers (the first is { $first }); this line is not summed
locate-appeals-twice-expected = one line of 15 numbers in table 四
locate-appeals-after-line = { $values } value(s) after table 四's line of numbers ({ $first }); not summed
locate-appeals-after-line-expected = nothing after table 四
locate-table-not-found = table { $table } not found in the file
locate-table-not-found-cut = table { $table } not found in the file (the file ends at line { $end }, in table { $last }: cut short?)
locate-cells-not-found = { $cells } cell(s) of { $table ->
   *[other] { $code }
} not found: { $shown }
locate-cells-not-found-blank = { $cells } cell(s) of { $table ->
   *[other] { $code }
} not found, counted as blank: { $shown }

## ratings
rating-measure-disclosure = disclosure rate
rating-measure-reconsideration = reconsideration correction rate
rating-measure-litigation = litigation correction rate
rating-red = red
rating-yellow = yellow
rating-green = green
rating-too-few = too few cases to say
rating-no-data = no data
rating-inconsistent = figures do not add up
rating-summary = { $rate } ({ $numerator }/{ $denominator }; { $level } interval { $low }–{ $high }): { $verdict }
rating-summary-no-rate = { $numerator }/{ $denominator }: { $verdict }
rating-threshold-not-key-value = thresholds: “{ $item }” is not key=value (e.g. correction.red=15%)
rating-threshold-unknown-key = thresholds: unknown key “{ $key }”; expected one of { $keys }
rating-threshold-twice = thresholds: { $key } is set twice
rating-threshold-not-a-rate = thresholds: { $key }={ $value } is not a rate; write a percentage such as 15% or a fraction such as 0.15
rating-threshold-out-of-range = thresholds: { $key }={ $value } is outside 0% to 100%
rating-threshold-not-a-level = thresholds: confidence={ $value } is not a level the ratings know; expected one of { $levels }
rating-threshold-not-a-count = thresholds: min_cases={ $value } is not a whole number of cases (e.g. min_cases=10)
rating-threshold-order-higher = thresholds: { $measure }: the red line ({ $red }) is below the yellow line ({ $yellow }); a rate above the red line is red, so the red line must be at least the yellow one
rating-threshold-order-lower = thresholds: { $measure }: the red line ({ $red }) is above the yellow line ({ $yellow }); a rate below the red line is red, so the red line must be at most the yellow one

## The review page (gongkai report)
review-title = { $name } { $years }: review of the government information disclosure annual reports
review-years = Year
review-year = { $year }
review-search = Find a unit:
review-search-placeholder = unit name
review-unplaced = Problems that belong to no unit and year ({ $count })
review-close = Close
review-col-unit = Unit
review-col-value = Value
review-col-share = Share
review-col-status = Status
review-col-errors = Errors
review-col-warnings = Warnings
review-col-rank = Rank
review-col-rating = Rating
review-col-measure = Measure
review-footer = Made by gongkai. Opens offline; no external links or network requests. The numbers are those of gongkai consolidate.
review-nothing = No report could be summed.
review-lead = { $year }: { $summed } units summed; { $failing } failing the rules; { $missing } missing; { $left } with a report left out.
review-totals = { $name } { $year }: the consolidated tables (form { $form }, { $units } units)
review-caveat = Note: this year's total is not whole or includes failing figures: { $left } reports left out, { $missing } units missing, { $failing } units summed although they fail rules. See the units below.
review-click-hint = Click any total to see its make-up by unit (largest first, with shares).
review-unit-tables-more = Each unit's findings are below, each naming its cell and its place in the unit's file; only the first { $listed } units show their tables with the cells to check marked (the other { $count } do not, to keep the page small). gongkai feedback writes each unit a letter of its problems.
review-units-clean-more = { $count } more units passed every check and are not listed here.
review-units = The units in { $year } ({ $count })
review-left-out = Files left out of the total ({ $count }) and why
review-to-fix = Units with something to fix in { $year } ({ $count })
review-unit-summary = { $unit }: { $status } ({ $errors } errors, { $warnings } warnings)
review-status-missing = missing
review-status-left-out = report left out
review-status-summed = summed
review-status-failing = fails rules
review-status-warned = warnings
review-status-unregistered = not in the units registry
review-ratings = Ratings, { $year }
review-ratings-more = { $count } more units are not listed here: every unit's rating is in the CSV file --ratings writes.
review-ratings-rule = Red or yellow only where the rate's confidence interval lies wholly past the line; with few cases, or an interval across the line, "too few cases to say"; without applications or cases, "no data". Thresholds: { $thresholds }
review-trend = { $name } over the years
review-break-note = † the form changed from the year before (the 2021 form): some measures do not compare and have no change.
review-new = new
review-makeup-sum = Total %total%, summed over %units% units.
review-makeup-others = %count% more units not listed, together %sum%.
review-makeup-rest = %count% more units report 0.
review-makeup-blank = %count% units left it blank.
review-makeup-none = No unit reports a value other than 0.
report-nothing-to-write = Say what to write: --out the review page (HTML), --docx the report's draft (Word) or --ratings the ratings (CSV)
report-page-written = Wrote the review page { $file }
report-ratings-written = Wrote the ratings { $file }
report-draft-written = Wrote the report's draft { $file }
report-draft-refused = The total is not whole: the report's draft { $file } was not written; add --force to write it anyway (the draft then says so)
help-report-about = The year-end deliverables: a review page that opens offline (HTML: the totals, each total's make-up by unit, units failing or missing, ratings, trends), the annual report's draft in Word, and the ratings as CSV
help-report-out = The review page: one self-contained HTML file that makes no network request, written whole
help-report-docx = The annual report's draft in Word (.docx): the sentences of 一、总体情况 and the tables 二, 三, 四, all from the totals
help-report-ratings = Write the total's and every unit's ratings to this CSV file (worst first within each measure)
help-report-thresholds = The ratings' lines, e.g. correction.red=15%,correction.yellow=10%,disclosure.red=40%,disclosure.yellow=45%,confidence=95%,min_cases=10
help-report-force = Write the Word draft even when the total is not whole (the page and the ratings are always written)
help-report-examples =
    Examples:
      gongkai report reports/2020 --name 兰州市 --out review.html
          the review page: click a total to see its make-up by unit
      gongkai report reports --name 兰州市 --out review.html --docx draft.docx --ratings ratings.csv
          several years: the page shows the trends; the draft is the newest year, compared with the one before
## the annual report's Word draft (crates/draft): the document itself is always in Chinese
draft-error-values = the figures of { $year } hold { $found } values where form { $form } has { $expected } cells: no draft of the annual report was made
draft-error-previous-year = the year to compare with ({ $previous }) is not before the report's year ({ $current }): no draft of the annual report was made
draft-error-package = the Word file could not be written: { $why }
draft-title = { $name } government information disclosure annual report { $year }
draft-intro = This report is compiled under the Regulations on the Disclosure of Government Information and the format the State Council's disclosure office set ({ $notice }), from the annual reports of { $name }'s districts, counties, departments and agencies. It covers the overall situation, proactive disclosure, applications received and handled, administrative reviews and lawsuits, the main problems and improvements, and other matters. Its figures cover 1 January to 31 December { $year }. The report is online at 【to fill in: the portal's name and address】. Questions: 【to fill in: the office】 (address: 【to fill in】; telephone: 【to fill in】).
draft-heading-overview = 1. Overall situation
draft-heading-active = (1) Proactive disclosure
draft-heading-requests = (2) Disclosure on application
draft-heading-management = (3) Management of government information
draft-heading-platforms = (4) Platforms
draft-heading-supervision = (5) Supervision
draft-heading-problems = 5. Main problems and improvements
draft-heading-other = 6. Other matters to report
draft-placeholder-active = 【to add: policy explanations, disclosure in key areas, standardisation of disclosure, and their results.】
draft-placeholder-management = 【to fill in: review of documents' disclosure status, updating of government information, review of regulations and normative documents.】
draft-placeholder-platforms = 【to fill in: the portal, official social media, the government gazette and service halls as disclosure platforms.】
draft-placeholder-supervision = 【to fill in: assessment, public evaluation, accountability and training.】
draft-placeholder-problems = 【to fill in: this year's main problems, how last year's were addressed, and the next steps.】
draft-placeholder-other = 【to fill in: information processing fees charged, disclosure of replies to deputies' and CPPCC members' proposals, this year's disclosure priorities, and other matters.】
draft-note-procurement-amount = Note: the procurement amount is in 10,000 yuan.
draft-separator = ;{" "}
draft-unit-piece = {" "}items
draft-unit-project = {" "}projects
draft-unit-money = {" "}×10,000 yuan
draft-since-last-year = over last year
draft-since-year = since { $year }
draft-change-same-last-year = , the same as last year
draft-change-same-year = , the same as in { $year }
draft-change-up = , up { $by }{ $unit } { $since } ({ $percent }%)
draft-change-down = , down { $by }{ $unit } { $since } ({ $percent }%)
draft-change-up-from-none = , up { $by }{ $unit } { $since }
draft-change-down-from-none = , down { $by }{ $unit } { $since }
draft-fact = { $label } { $value }{ $unit }{ $change }
draft-fact-regulations-new-made = regulations made
draft-fact-regulations-new-published = regulations published
draft-fact-regulations-total-published = regulations published in all
draft-fact-normative-new-made = normative documents made
draft-fact-normative-new-published = normative documents published
draft-fact-normative-total-published = normative documents published in all
draft-fact-regulations-issued = regulations issued
draft-fact-regulations-abolished = regulations abolished
draft-fact-regulations-in-force = regulations in force
draft-fact-normative-issued = normative documents issued
draft-fact-normative-abolished = normative documents abolished
draft-fact-normative-in-force = normative documents in force
draft-fact-licensing-decisions = licensing decisions
draft-fact-other-services-decisions = decisions on other public services
draft-fact-penalty-decisions = penalty decisions
draft-fact-coercion-decisions = coercion decisions
draft-fact-procurement-projects = procurement
draft-fact-procurement-amount = procurement amount
draft-fact-fees-amount = administrative fees
draft-active = In { $year }, { $name }: { $facts }.
draft-requests-received = In { $year }, { $name } received { $received } new applications{ $change }: { $persons } from natural persons, { $organisations } from legal persons and other organisations; { $carried } were carried over from last year.
draft-requests-results = Of those handled: { $results }; { $total } in all{ $change }; { $forward } carried forward to next year.
draft-result-granted = granted
draft-result-partially-granted = partially granted
draft-result-withheld = withheld
draft-result-unable = could not be provided
draft-result-not-processed = not processed
draft-result-other = otherwise handled
draft-appeals = In { $year }, { $name } had { $reviews } administrative reviews{ $reviews_change }: { $reviews_upheld } upheld, { $reviews_corrected } corrected, { $reviews_other } other results, { $reviews_pending } pending; and { $suits } lawsuits{ $suits_change } ({ $suits_direct } filed directly, { $suits_after_review } after review): { $suits_upheld } upheld, { $suits_corrected } corrected, { $suits_other } other results, { $suits_pending } pending.

## gongkai generate --variety (issue 18): form grids as units' own tools save them
help-generate-variety = With --layout grid: each unit's grid shaped as its own tool saves it (a title line naming the unit, lines not padded, blank or 0 for zero, +3, (一), numbering left out, money in 元/万元/亿, UTF-8, GBK or BOM, CRLF, blank lines, a notes line), named DIR/<year>/<unit>.csv; the full reader reads every one to the values generated
synth-variety-layout = --variety with --layout { $layout }: the variety is of the form grid only; use --layout grid

## import-report reading (issue 19, pageread): titles, file names, metadata, OCR and markdown text
pages-year-differs = the file name "{ $name }" says { $name_year }, the page's title says { $title_year }: read as { $title_year }, the title's year
pages-unit-from-column = the title does not name the reporting body; named "{ $name }" after the portal section the page is in (ColumnName)
pages-unit-from-site = the title does not name the reporting body; named "{ $name }" after the site the page is on (SiteName): a department's report on its government's site would be named wrong so
pages-title-from-meta = no report title on the page; unit and year read from its metadata ({ $field }: "{ $title }")
pages-ocr-number = "{ $text }" read as the number { $value }: letters for digits, as text recognition writes 0 and 1
pages-ocr-unreadable = "{ $text }" among a row's numbers is no number: the row is not read by its values

## gongkai audit (issue 19 item 4): published reports audited as a batch, C1, registry aliases
registry-alias-taken = an alias of { $unit } already names { $other }
registry-alias-once = an alias that names one unit only
rule-c1 = { $place } has { $value }, but the reports of the { $children } units below it add up to { $sum }, a difference of { $diff }. Check this cell against their reports.
rule-c1-missing = { $count } of the { $due } units below it have no report here, so the sum its report is checked against leaves them out: { $units }
rule-c1-not-found = {" "}(not found in the report of { $count } unit(s) below, counted as 0: { $units })
audit-twice = the same unit and year as { $used }, which the checks between reports use
audit-no-reports = audit: no reports to read (name files, or folders holding published reports: saved pages, text copies, Word, PDF, workbooks)
audit-unreconciled = note: { $unit } { $year } was not checked against the units below it: none of its { $due } units has a report here
audit-summary = audit: { $files } file(s), { $reports } report(s) of { $units } unit(s), { $unreadable } file(s) without a report; { $errors } error(s) and { $warnings } warning(s); { $failing } file(s) with errors
audit-report-heading = { $rank }. { $unit } { $year } ({ $file }): { $errors } error(s), { $warnings } warning(s)
audit-file-heading = { $rank }. { $file }: no report read
audit-published-as = published as { $name }
audit-col-rank = rank
audit-col-unit = unit
audit-col-year = year
audit-col-form = form
audit-col-file = file
audit-col-values = values
audit-col-blank = blank
audit-col-errors = errors
audit-col-warnings = warnings
audit-col-rules = rules
audit-title = Published annual reports audited: { $reports } report(s)
audit-lead = { $files } file(s): { $reports } report(s) read, { $failing } with errors, { $unreadable } without a report. Worst first: most errors, then most warnings.
audit-footer = Written by gongkai audit. The page opens offline and makes no request. Each finding names its file and where in it.
help-audit-about = Audit published reports as a batch: each one's rules, a unit's consecutive years (X1–X4), a unit's report against the sum of the units below it (C1); ranked worst first
help-audit-paths = Published reports and folders of them: saved pages (.html, any charset), text copies (.txt), Word (.docx), PDF, workbooks; folders are searched, the files read in parallel
help-audit-units = Units registry (unit,kind,parent[,from,to,reorganised,aliases]): aliases are other names a unit published under; a unit with units below it (parent) is checked against their sum (C1). Default: units.csv in an input folder or its parent
help-audit-allow = Silence a rule (C1, R1…R6, X1…X4, or coverage); repeatable
help-audit-format = table: the ranking, then each report's findings; csv: unit,year,form,file,values,blank,errors,warnings,rules (findings on standard error); json: the ranking with each report's findings; html: one page that opens offline
help-audit-examples =
    Examples:
      gongkai audit reports/
          every published report in the folder, worst first, with its findings
      gongkai audit reports/ --units units.csv -o audit.html
          with the units registry: former names, and each city against its districts and departments
      gongkai audit reports/ -o audit.csv
          the ranking for a spreadsheet

## import-report from the portal itself: web addresses fetched, kept as evidence (issue 19, item 5)
help-arg-urls = A file of report addresses, one a line (blank lines and lines starting with # are skipped); fetched like the addresses among FILE|URL
help-arg-allow-private = Also fetch from private, loopback, link-local and other non-public addresses (refused by default, after redirects too)
help-arg-evidence = Folder where each fetched page is kept as fetched, with a record (.json) of its address, final address, status, Content-Type, time (UTC), SHA-256 and size; default: evidence beside --out, else ./evidence
help-arg-timeout = Seconds for the whole answer to one address, its redirects and body included
help-arg-connect-timeout = Seconds to connect to a server
help-arg-max-size = Largest page taken: bytes, or with K or M (KiB, MiB)
help-arg-max-redirects = Redirects followed for one address; one more is an error
help-arg-pace = Least seconds between two requests to the same host (requests go one after another)
cli-not-seconds = not a number of seconds: { $value }
cli-not-size = not a size (bytes, or a number with K or M): { $value }
fetch-bad-address = not a web address (http:// or https://): { $detail }
fetch-dns = the name { $host } could not be looked up: { $detail }
fetch-non-public = refused: { $host } is { $ip }, { $kind }, not a public address; --allow-private fetches it
fetch-kind-unspecified = an unspecified address
fetch-kind-loopback = a loopback address (this machine)
fetch-kind-private = a private network address
fetch-kind-link-local = a link-local address
fetch-kind-unique-local = a unique-local (private IPv6) address
fetch-kind-multicast = a multicast address
fetch-kind-reserved = a reserved or documentation address
fetch-connect-timeout = no connection within { $seconds } s (--connect-timeout)
fetch-timeout = no complete answer within { $seconds } s (--timeout)
fetch-network = the connection failed: { $detail }
fetch-too-large = the page is larger than { $limit } bytes (--max-size)
fetch-too-many-redirects = more than { $limit } redirect(s) (--max-redirects)
fetch-bad-redirect = redirected to { $location }, not a web address
fetch-status = the server answered HTTP { $status } { $reason }
fetch-other = the fetch failed: { $detail }
html-header-invalid = the server's Content-Type names charset { $charset } but the page's bytes are not valid { $charset }
html-header-not-chinese = the server's Content-Type names charset { $charset }, not a charset for Chinese text; ignored
sources-not-an-address = not a web address
sources-address-expected = an address starting http:// or https://
sources-urls-unreadable = the list of addresses could not be read: { $error }
sources-listed-twice = { $address } is listed twice; fetched once
sources-fetched = { $address }: fetched, HTTP { $status }, { $size } bytes{ $redirected }; kept as { $file }
sources-redirected = , redirected to { $to }
sources-kept-anyway = { $error }; the page is kept as { $file }
sources-evidence-failed = the page could not be kept as evidence: { $error }
sources-evidence = { $count } page(s) fetched, kept as evidence in { $dir }
## The text against the tables (issue 19 item 3, rule N1): a figure the text states that the tables do not hold
narrative-mismatch = { $section } says “{ $quote }”, but { $table }: a difference of { $diff }. Check the text or the table.
narrative-section = the section “{ $name }”
narrative-section-none = the text
narrative-cell-value = { $cell } has { $value }
narrative-parts = {" "}({ $parts })
narrative-part = { $label } { $value }
narrative-together = together { $value }
narrative-separator = ,{" "}
