# gongkai 的中文消息。每条消息在 en.ftl 中也有，变量相同（crates/messages 的测试检查）。
# 编号：<范围>-<内容>。

## 嵌在其他消息中的词

level-error = 错误
level-warning = 提示
files-read = 读取文件 { $count } 个

## reading (ingest, locate, document, form values)
# 位置与单元格：中文按表上原话称呼（表三“（一）予以公开”行“自然人”列），不用英文代码。两种语言
# 的变量须一致，中文不显示的代码用选择式带过（`{ $code -> *[other] … }`）。

place-table = 表{ $number }
place-cell = { $code ->
   *[other] { $table }“{ $row }”行“{ $column }”列
}
place-cell-code = { $code ->
   *[other] { $name }
}
place-row = { $code ->
   *[other] { $table }“{ $row }”行
}
place-column = { $code ->
   *[other] { $table }“{ $column }”列
}
place-table-code = { $code ->
   *[other] 表{ $number }
}

# 数值类型与数值错误（form）。
value-expected-count = 不小于 0 的整数
value-expected-signed = 整数（可为负数）
value-expected-money = 不小于 0 的金额，以万元计（也可注明单位：元、万元、亿）
value-not-a-number = 不是数字
value-not-whole = 不是整数
value-too-precise = 金额精确到分以下
value-too-large = 数值过大，超出可处理的范围
value-unit-in-count = 数量栏中填了金额单位
read-list-separator = 、

# 未计入汇总的报表照常核对（ingest）。
read-rule-not-checked = { $scope }未核对：{ $cells }未能读取
read-rule-not-checked-implied = { $scope }未核对：{ $cells }未能读取；该格若为 { $value }，则本项相符

# 文件中的位置（document）：接在文件名之后。工作表单元格在各语言中都按表格软件的写法（`[Sheet1]!D31`）。
place-line = {" "}第{ $line }行
place-line-column = {" "}第{ $line }行第{ $column }列
place-table-row = {" "}第{ $table }个表格第{ $row }行
place-page = {" "}第{ $page }页

# 文件类型（document::sniff），以及无法读取的原因。
format-empty = 空文件
format-text = 文本
format-html = HTML 网页
format-xlsx = Excel 工作簿
format-ods = OpenDocument 电子表格
format-xls = Excel 97-2003 / WPS 表格
format-docx = Word 文档
format-odt = OpenDocument 文本
format-doc = Word 97-2003 / WPS 文字文档
format-pdf = PDF
format-encrypted = 设有密码的办公文件
format-rtf = RTF 富文本
format-flat-xml = 单文件 XML 文档
format-zip = zip 压缩包
format-binary = 二进制
read-format-empty = 文件为空
read-format-doc = 旧版 Word 或 WPS 文档（.doc/.wps）：请另存为 .docx（“另存为”，选 Word 文档）后重新报送
read-format-save-as-docx = { $format }文件：请另存为 .docx 后重新报送
read-format-encrypted = 文件设有密码：请另存一份不设密码的文件
read-format-zip = zip 压缩包中没有工作簿或 Word 文档（文件不完整，或是多个文件打包）：请解压后报送其中的文件
read-format-not-a-report = 不是报表：文件内容为{ $format }数据

# 无法读取的文本和分隔文本（document）。
read-on-line = 第{ $line }行：{ $problem }
read-binary = 文件是二进制数据，不是 CSV 文本（第 { $offset } 字节处为空字节）；请将表格另存为 CSV
read-malformed = 第 { $offset } 字节处的 { $bytes } 不是有效的 { $encoding } 编码（应为 UTF-8 或 GB18030/GBK 文本；可用 --encoding 指定编码）
read-empty-file = 文件为空，没有可读的行
read-unbalanced-quote = 某一栏以引号（"）开头但没有结束引号，文件其余部分都会并入这一栏
read-too-many-fields = 该行有 { $fields } 栏，表格一行最多 { $limit } 栏（报表一行约 15 栏）：不是报表的表格
read-zip-entry = 部件 { $entry }：{ $why }
read-zip-damaged = 文件已损坏或不完整（{ $why }）；请用办公软件打开后重新保存
read-zip-encrypted = 文件设有密码（其中 { $entry } 已加密）；请另存一份不设密码的文件
read-zip-too-many-entries = 文件包含 { $entries } 个部件，超过任何报表所需的 { $limit } 个，未读取
read-zip-too-large = 文件解压后超过 { $mib } MiB（在 { $entry } 处），远超任何报表所需，未读取（疑为压缩炸弹）

# 拆分之前即被退回的文本（ingest::screen）。
read-too-wide-start = 该行前 { $bytes } 字节内已超过 { $fields } 栏；表格一行最多 { $limit } 栏（报表一行约 15 栏）：不是报表的表格，不再往下读
read-not-tidy = 不是长表 CSV（第{ $line }行是第一个有内容的行，但不是表头 { $header }）
read-not-further = ，不再往下读
read-bytes = { $bytes } 字节
read-bytes-of-text = { $bytes } 字节文本
read-grid-too-large = 文件有 { $holds }，且{ $not_tidy }：一份报表只有几 KB，最多按 { $limit } 字节读作一份报表{ $further }
read-in-first-bytes = （前 { $bytes } 字节内）
read-up-to-last-text = （到最后一个有内容的行为止）
read-grid-too-long = 文件有 { $lines } 行{ $within }，且{ $not_tidy }：一份报表约 55 行，最多按 { $limit } 行读作一份报表{ $further }
read-no-sign-of-the-form = 文件共 { $total } 字节，前 { $bytes } 字节内看不出是报表：{ $not_tidy }，没有“填报单位”或“年度”行，表格标题和行名不足 { $labels } 个；不再往下读
read-no-text = 文件的 { $bytes } 字节中没有文字，只有分隔符和空白
read-no-text-at-start = 文件共 { $total } 字节，前 { $bytes } 字节中没有文字，只有分隔符和空白；不再往下读

# 长表交换格式 CSV（ingest::tidy）。
read-tidy-header-lacks = 长表表头缺少 { $columns } 列
read-tidy-cut-short = 文件在这一行中间结束（只有 { $fields } 栏，表头有 { $header } 栏）：文件不完整？
read-tidy-too-few-fields = 该行有 { $fields } 栏，表头有 { $header } 栏
read-tidy-too-many-fields = 该行栏数多于表头的 { $header } 栏：数值中是否有未加引号的逗号？
read-tidy-too-many-fields-expected = 每列表头对应一栏；含逗号的数值请加引号（"1,234"）
read-tidy-quote-over-lines = 带引号的一栏从第{ $first }行延续到第{ $last }行：引号不成对？
read-tidy-quote-over-lines-expected = 每个数值占一行
read-bad-year = 年度有误
read-bad-year-expected = 年份，如 2020
read-tidy-no-unit = 未填单位名称
read-tidy-no-unit-expected = 填报单位名称
read-tidy-unknown-section = 表格代码有误
read-tidy-unknown-section-expected = active、requests 或 appeals
read-tidy-unknown-row = { $year } 年度所用的 { $form } 版报表中，{ $section } 表没有这一行代码
read-tidy-unknown-column = { $year } 年度所用的 { $form } 版报表中，{ $section } 表没有这一列代码
read-tidy-unknown-code-expected = 统一规范中的代码，如 requests,granted,natural_person
read-bad-value = { $cell }{ $problem }
read-tidy-duplicate = { $cell }重复填报，第{ $first }行已填“{ $shown }”
read-tidy-duplicate-expected = 每个单元格只填一行
read-tidy-absent = 文件缺少 { $cells } 个单元格中的 { $absent } 个，按空白计

# 单个文件的读取（ingest::read、ingest::reading）。
read-cannot-read = 无法读取文件：{ $why }
read-lock-file = Office 锁定文件（该工作簿或文档正在某台电脑上打开）
read-hidden-file = 隐藏文件
read-not-a-report = 从文件名和内容看都不是报表（{ $format }）
read-not-readable = 不是可读取的{ $format }：文件内容不属于 gongkai 能读取的任何格式（文件损坏，或是其他文件改了名）
read-name-and-content-differ = 文件名显示为{ $named }，内容却是{ $content }；按{ $content }读取
read-separated-by-tabs = 各栏以制表符而非逗号分隔；照此读取
read-separated-by-semicolons = 各栏以分号而非逗号分隔；照此读取
read-header-only = 只有表头，文件中没有数值
read-skipped = 已跳过：{ $why }
read-all-blank = 报表各单元格均为空白：报送的是未填写的空表；请填写（没有发生的填 0）
read-table-blank = “{ $table }”各单元格均为空白，其合计无所依据；没有发生的请填 0
read-report-left-out = 该报表未计入汇总：单元格有 { $errors } 处错误
read-list-and-more = { $list }等，另有 { $more } 个

# 单位报表、工作簿、文档（ingest::unit_file、workbook_file、document_file）。
read-year-differs = 文件中的年度 { $year } 与所在文件夹的年度 { $folder } 不一致；按 { $year } 年度读取
read-no-year = 没有年度：请加一行“年度,2020”，或将文件放在以年份命名的文件夹中
read-wrong-form = 表格是按 { $laid_out } 版报表填写的，但 { $year } 年度应使用 { $form } 版报表（{ $notice }）
read-no-table = 没有找到报表的表格：既没有长表表头（{ $header }），也没有 { $form } 版报表各表的标题和行名
read-sheet-hidden = 工作表“{ $sheet }”已隐藏，未读取
read-no-sheet-holds-a-report = 没有一个可见的工作表含有报表：既没有长表表头（{ $header }），也没有报表的表格
read-no-sheet-holds-a-report-empty = 没有一个可见的工作表含有报表（空工作表：{ $empty }）：既没有长表表头（{ $header }），也没有报表的表格
read-sheet-no-form = 工作表“{ $sheet }”中没有报表的表格，未读取
read-no-table-in-any-sheet = 各工作表中都没有找到报表的表格：既没有长表表头（{ $header }），也没有报表各表的标题和行名
read-sheet-header-only = 工作表“{ $sheet }”只有表头，没有数值
read-document-cells-not-found = 文档中没有找到报表 { $cells } 个单元格中的 { $missing } 个（{ $shown }）；据此汇总将不准确

# 遍历文件夹（ingest::batch）。
read-broken-link = 符号链接已失效：指向的 { $target } 不存在
read-no-such-path = 没有这个文件或文件夹
read-not-a-regular-file = 不是普通文件（管道、套接字或设备），已跳过
read-same-file = 与 { $file } 是同一个文件（经符号链接到达），只读一次
read-link-loop = 符号链接成环：又指回已读过的 { $folder }，不再跟进
read-cannot-read-entry = 无法读取：{ $why }
read-broken-link-skipped = { $why }；已跳过

# 定位（locate）：按表上的标题和行名在表格中找到报表。
locate-line = 第{ $line }行
locate-the-file = 文件中
locate-in-place = { $place }
locate-at-place = { $place }
locate-on-place = { $place }
locate-close-label = 行名“{ $label }”与报表不一致；按最接近的“{ $meant }”读取
locate-old-label = 2021 版表格中用了 2019 版的旧行名“规范性文件”；按“行政规范性文件”读取
locate-values-past-columns = { $what }只有 { $columns } 列，其后还有 { $values } 个数值，未计入
locate-n-values = { $values } 个数值
locate-too-few-values = { $what }有 { $columns } 列，只有 { $values } 个数值：无法判断哪一格为空，该行未读取
locate-too-few-values-expected = { $values } 个数值（空格请填“-”）
locate-short-row = { $what }有 { $columns } 列，只有 { $cells } 个单元格；最后几列未找到
locate-values-right = 该行最后一列（{ $column }）右侧有 { $values } 个数值，未计入
locate-values-right-expected = 表格右侧不应有内容
locate-values-outside = { $what }的列之外有 { $values } 个数值，未读取（其下同一列也不读取）
locate-values-outside-expected = 报表中的某一列
locate-own-label-wins = { $cell }按报表原行名所在的行读取，不按行名相近的那一行
locate-own-label-wins-expected = 报表原行名
locate-row-twice = { $row }填了两次（首次在{ $first }）；本行未计入
locate-row-twice-expected = 每行只填一次
locate-cell-twice = { $cell }出现两次；取第一次的数值
locate-cell-twice-expected = 每个单元格只出现一次
locate-none-word = { $cell }填的“{ $text }”按空白处理
locate-none-word-expected = 数字，没有的填“-”
locate-count-unit = { $cell }数字后的单位“{ $unit }”已去掉
locate-count-unit-expected = 数字
locate-values-on-heading = 表格标题“{ $table }”所在行有 { $values } 个数值，未计入
locate-quote-swallows-lines = 带引号的一格从第{ $first }行延续到第{ $last }行，把表格的整行都包了进去：引号不成对？其中各行未读取
locate-quote-swallows-lines-expected = 引号（"）在同一行内成对
locate-values-on-unit-line = “填报单位”行有 { $values } 个数值，未计入
locate-values-on-year-line = “年度”行有 { $values } 个数值，未计入
locate-values-on-group = 分组标题“{ $label }”行填了数值，但它不是 { $form } 版报表中的一行，未计入
locate-values-on-group-expected = 数值填在其下各行
locate-ambiguous-label = 行名可对应多行（{ $rows }），该行 { $values } 个数值未读取
locate-ambiguous-label-expected = 只对应一行的行名
locate-values-before-tables = 报表各表之前有 { $values } 个数值，未计入
locate-values-before-tables-expected = 先写表格标题，如“二、主动公开政府信息情况”
locate-no-table = 不在任何表中
locate-row-not-in-form = “{ $label }”不是 { $form } 版报表{ $table }中的行，该行 { $values } 个数值未读取
locate-row-not-in-form-expected = { $form } 版报表中的一行
locate-values-without-label = 有 { $values } 个数值没有行名，未计入
locate-appeals-past-15 = 表四 15 个数值之后还有 { $values } 个数值，未读取
locate-appeals-too-few = 表四应有 15 个数值，只有 { $values } 个：无法判断缺了哪几个，未读取
locate-appeals-too-few-expected = 15 个数值：行政复议 5 个、未经复议直接起诉 5 个、复议后起诉 5 个
locate-appeals-twice = 表四填了两次：又有一行数字（第一行在{ $first }）；本行未计入
locate-appeals-twice-expected = 表四只有一行 15 个数字
locate-appeals-after-line = 表四数字行（{ $first }）之后还有 { $values } 个数值，未计入
locate-appeals-after-line-expected = 表四之后不应有数值
locate-table-not-found = 文件中没有找到“{ $table }”
locate-table-not-found-cut = 文件中没有找到“{ $table }”（文件在第{ $end }行、“{ $last }”中结束：文件不完整？）
locate-cells-not-found = { $code ->
   *[other] { $table }
}中有 { $cells } 个单元格未找到：{ $shown }
locate-cells-not-found-blank = { $code ->
   *[other] { $table }
}中有 { $cells } 个单元格未找到，按空白计：{ $shown }
