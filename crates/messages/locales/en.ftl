# gongkai's messages in English. Every id here is also in zh.ftl, with the same variables
# (crates/messages tests check both). Ids: <area>-<what>.

## Words used inside other messages

level-error = error
level-warning = warning
files-read = { $count ->
    [one] { $count } file read
   *[other] { $count } files read
}

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
read-rule-not-checked-implied = { $scope } not checked: { $cells } could not be read; the rule holds if it is { $value }

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
