# gongkai's messages in English. Every id here is also in zh.ftl, with the same variables
# (crates/messages tests check both). Ids: <area>-<what>.

## Words used inside other messages

level-error = error
level-warning = warning
files-read = { $count ->
    [one] { $count } file read
   *[other] { $count } files read
}

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
pages-total-derived = blank total { $cell } derived from its parts ({ $rule }): { $value } (table { $table }, row “{ $row }”, column “{ $column }”)
# A rule broken on a published report: the cell it is anchored at, then the rule's own message.
pages-rule-at = { $cell }: { $message }
pages-rule-at-partly-found = { $cell }: { $message } (rests on { $count } cell(s) not found on the page: { $cells })

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
