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

pages-rests-on-missing = {" "}(rests on { $count } cell(s) not found on the page: { $cells })
