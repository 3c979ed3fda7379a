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
