# gongkai's messages in English. Every id here is also in zh.ftl, with the same variables
# (crates/messages tests check both). Ids: <area>-<what>.

## Words used inside other messages

level-error = error
level-warning = warning
files-read = { $count ->
    [one] { $count } file read
   *[other] { $count } files read
}

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
policy-not-a-rule = --allow { $rule }: not a rule (R1…R6, X1…X4, coverage)
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
