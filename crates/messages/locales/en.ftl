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
   *[other] row { $code } ({ $row })
}
place-column = { $table ->
   *[other] column { $code } ({ $column })
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
list-separator = {", "}

# A report left out, checked all the same (ingest).
read-rule-not-checked = { $scope } not checked: { $cells } could not be read
read-rule-not-checked-implied = { $scope } not checked: { $cells } could not be read; the rule holds if it is { $value }
