# gongkai 的中文消息。每条消息在 en.ftl 中也有，变量相同（crates/messages 的测试检查）。
# 编号：<范围>-<内容>。

## 嵌在其他消息中的词

level-error = 错误
level-warning = 提示
files-read = 读取文件 { $count } 个

## format readers and published reports

# 工作簿（crates/workbook）。{ $what }、{ $why } 为下列短语，或读取库自带的英文说明。
workbook-encrypted = 工作簿设有密码，无法读取：{ $what }。请取消密码另存一份后再提交。
workbook-damaged = 工作簿已损坏或不完整（{ $why }）。请用 Excel 或 WPS 打开，重新保存后再提交。
workbook-not-a-workbook = 该文件不是工作簿：{ $what }。
workbook-sheet-too-large-at = 工作表“{ $sheet }”过大，未读取：单元格 { $cell } 超出一张工作表允许的范围（至多 { $rows } 行、{ $columns } 列、{ $cells } 个单元格；一份年报约 100 行、15 列）。请删除表格以外的多余内容后再提交。
workbook-sheet-too-large-block = 工作表“{ $sheet }”过大，未读取：其声明的区域超出一张工作表允许的范围（至多 { $rows } 行、{ $columns } 列、{ $cells } 个单元格；一份年报约 100 行、15 列）。请删除表格以外的多余内容后再提交。
workbook-unreadable = 工作簿无法读取（{ $why }）。请用 Excel 或 WPS 打开，重新保存后再提交。
workbook-reader-failed = 内容格式异常，读取程序无法处理
workbook-not-a-container = 既不是 .xlsx、.ods 所用的 zip 格式，也不是 .xls、.et 所用的复合文档格式
workbook-zip-entry-encrypted = 文件中有加密内容
workbook-ods-encrypted = .ods 内容已加密
workbook-encrypted-package = 加密的 Office 文件，内容为 EncryptedPackage
workbook-xls-encrypted = .xls 工作簿已加密
workbook-xls-filepass = .xls 工作簿已加密（FILEPASS）
workbook-content-missing = 缺少 content.xml
workbook-is-docx = 这是 Word 文档（.docx）
workbook-is-pptx = 这是 PowerPoint 演示文稿（.pptx）
workbook-is-opendocument = 这是 OpenDocument 文件（类型 { $mimetype }）
workbook-zip-without-workbook = 这是一个 zip 压缩包（含 { $entries } 个文件），其中没有工作簿
workbook-is-doc = 这是旧版 Word 文档（.doc 或 WPS 的 .wps），请用 Word 或 WPS 另存为 .docx 后再提交
workbook-is-ppt = 这是 PowerPoint 演示文稿（.ppt）
workbook-compound-without-workbook = 这是复合文档，但其中没有工作簿数据（所含内容：{ $streams }）
workbook-sheet-start-past-end = 工作表 { $sheet } 的起始位置（第 { $at } 字节）超出了 Workbook 数据流的末尾
workbook-dimensions-reversed = 工作表 { $sheet } 的 DIMENSIONS 记录终点在起点之前
workbook-compound-header = 不是 OLE2 复合文档，或文件头不完整
workbook-compound-sector-shift = 扇区大小参数 { $shift } 既不是 9 也不是 12
workbook-compound-mini-shift = 小扇区大小参数不是 6
workbook-compound-no-root = 目录中没有根条目
workbook-compound-mini-short = 小数据流不完整
workbook-compound-stream = 数据流 { $stream }：{ $why }
workbook-compound-stream-short = 数据流 { $stream } 不完整
workbook-compound-sector-twice = { $table } 扇区 { $sector } 被重复列出
workbook-compound-sector-past-end = { $table } 扇区 { $sector } 超出文件末尾
workbook-compound-chain-loops = 扇区链在第 { $sector } 扇区处形成循环
workbook-compound-chain-past-end = 扇区链指向第 { $sector } 扇区，超出文件末尾

# Word 文档（crates/docx）。docx-not-word-but、docx-not-a-container 中的 { $format }、{ $why }
# 为 document 模块给出的格式名称和说明。
docx-old-word = 这是旧版 Word 文件（.doc 或 .wps），无法读取。请用 Word 或 WPS 另存为 .docx（“另存为”时选择“Word 文档”）后再提交。
docx-encrypted = Word 文件设有密码（已加密），无法读取。请取消密码另存一份后再提交。
docx-other-office = 这是旧版 Office 文件（OLE2），其中没有 Word 文档（可能是旧版 .xls 或 .ppt），未按 Word 文档读取。
docx-not-word-but = 不是 Word 文档（文件格式：{ $format }）。请按该格式读取，或另存为 .docx 后再提交。
docx-not-a-container = 不是 Word 文档：{ $why }
docx-not-word = 压缩包中没有 Word 文档（缺少 word/document.xml）：{ $holds }。
docx-xml = 文档内容 { $part } 在第 { $position } 字节处格式有误（{ $why }）。请用 Word 或 WPS 打开，重新保存后再提交。
docx-too-deep = { $part } 的元素嵌套超过 { $limit } 层，远超任何年报所需，未读取。请核实文件是否正确。
docx-part-too-large = { $part } 解压后超过 { $mib } MiB，远超任何年报的篇幅，未读取。请核实文件是否正确。
docx-too-many-cells = 文档中的表格超过 { $limit } 个单元格，远超任何年报所需，未读取。请核实文件是否正确。
docx-alt-chunk = 文档以 HTML 或 RTF 形式嵌入了 { $chunks } 部分内容（w:altChunk，网上系统导出的 Word 文件常见），须由 Word 打开时才转换为正文。请用 Word 或 WPS 打开，重新保存后再提交。
docx-table-too-wide = 第 { $table } 个表格第 { $row } 行超出第 { $limit } 列，比 Word 所能制作的表格还宽，未读取。请核实文件是否正确。
docx-ends-inside = 文件在 { $count } 个未闭合的元素中结束，内容不完整
docx-zip-entry = 条目 { $name }：{ $why }
docx-holds-workbook = 这是 Excel 工作簿（.xlsx），请按工作簿读取
docx-holds-pptx = 这是 PowerPoint 演示文稿（.pptx）
docx-holds-odt = 这是 OpenDocument 文本（.odt），请另存为 .docx 后再提交
docx-holds-opendocument = 这是 OpenDocument 文件（.ods 或 .odp）
docx-holds-entries = 其中有 { $count } 个文件（{ $names }{ $more ->
        [yes] { " 等" }
       *[other] { "" }
    }）

# PDF 文件（crates/pdf）。pdf-too-large 中的 { $what }、{ $limit } 为 pdf-what-*、pdf-limit-* 各条。
pdf-not-pdf = 不是 PDF 文件：文件开头没有 %PDF- 标记。请核实文件类型后再提交。
pdf-scanned = 该 PDF 没有文字层（扫描件，共 { $pages } 页），无法读取数字。请提交 Word 或 Excel 原件。
pdf-undecodable = 该 PDF 的字体未标明所绘字符（缺少 ToUnicode 映射），文字无法读取。请提交 Word 或 Excel 原件。
pdf-encrypted = 该 PDF 已加密，须输入密码才能打开。请提交无密码的版本，或 Word、Excel 原件。
pdf-truncated = 该 PDF 不完整（结尾没有 %%EOF），保存或传送时未能完整。请重新导出或重新发送。
pdf-damaged = PDF 文件已损坏：{ $why }。请重新导出后再提交，或提交 Word、Excel 原件。
pdf-page-tree-loop = PDF 文件已损坏：页面树形成循环（对象 { $object } 出现两次）。请重新导出后再提交，或提交 Word、Excel 原件。
pdf-too-many-pages = 超过 { $limit } 页，不是年度报告，未读取。
pdf-too-large = { $what }超出一份年报的上限（{ $limit }），未读取。请核实文件是否正确。
pdf-failed = PDF 文件无法读取（{ $why }），可能已损坏。请重新导出后再提交，或提交 Word、Excel 原件。
pdf-internal-fault = 内部错误
pdf-no-pages = 文件中没有页面
pdf-no-catalog = 缺少文档目录（trailer 中的 /Root）
pdf-no-page-tree = 文档目录中没有页面树（/Pages）
pdf-page-tree-deep = 页面树超过 64 层
pdf-page-damaged = 第 { $page } 页：{ $why }
pdf-font-map-damaged = 字体的字符映射表：{ $why }
pdf-what-object-stream = 一个对象流
pdf-what-page-content = 第 { $page } 页的内容
pdf-what-drawing = 第 { $page } 页上的一幅图形
pdf-what-operators = 各页的绘图操作
pdf-what-font-map = 一种字体的字符映射表
pdf-what-text = 各页的文字
pdf-limit-mib = 解压后 { $mib } MiB
pdf-limit-bytes = 解压后 { $bytes } 字节
pdf-limit-operators = { $count } 个绘图操作符
pdf-limit-glyphs = { $count } 个字形

# 网页（crates/html）：页面字符集的说明，作为提示显示。
html-bom-invalid = 页面中有不符合 { $charset } 编码的字节，已替换
html-declared-invalid = 页面声明的字符集为 { $charset }，但内容不符合该编码
html-declared-not-chinese = 页面声明的字符集 { $charset } 不适用于中文，已忽略
html-read-as = 已按 { $charset } 读取
html-no-charset = 页面未声明字符集，已按 { $charset } 读取
html-undecodable = 内容不符合所尝试的任何字符集，已按 { $charset } 读取，无效字节已替换
html-then = { $note }；{ $next }

# 写出结果文件（crates/atomic）。
atomic-io = 无法写入 { $path }：{ $error }。
atomic-not-replaceable = { $path } 已存在，且不是 gongkai 先前的输出，未予覆盖。请另选输出位置，或先移走该文件夹。
atomic-no-name = { $path } 不是文件或文件夹的名称。请指定具体的文件或文件夹。
atomic-io-reason = { $kind ->
        [not-found] 路径不存在
        [already-exists] 已有同名的文件或文件夹
        [permission-denied] 没有访问权限
        [storage-full] 磁盘空间已满
        [read-only] 所在磁盘为只读
        [is-a-directory] 该路径是文件夹
        [not-a-directory] 路径中有一段不是文件夹
       *[other] { $error }
    }

# 已公开的年报（crates/pages）。汇总行中，$blanks、$rules 为 pages-summary-blanks、
# pages-summary-rule-errors 或空；$missing 为 pages-table-not-found、pages-cells-not-found、
# pages-cells-not-values 以 pages-separator 连接。
pages-summary-unreadable = 无法读取  { $file }：{ $why }
pages-summary-complete = 完整读取  { $file }：{ $unit } { $year } 年（{ $form } 年版格式）：读取数值 { $found }/{ $expected } 项{ $blanks }{ $rules }
pages-summary-partial = 部分读取  { $file }：{ $unit } { $year } 年（{ $form } 年版格式）：读取数值 { $found }/{ $expected } 项{ $blanks }{ $rules }。{ $missing }
pages-summary-blanks = ，空白 { $count } 项
pages-summary-rule-errors = ；规则错误 { $count } 处
pages-table-not-found = 未找到{ $table }
pages-cells-not-found = { $table }有 { $count } 个单元格未找到
pages-cells-not-values = { $count } 个单元格填写的不是数值
pages-separator = ；
pages-list-separator = 、
pages-table-active = 表二（主动公开政府信息情况）
pages-table-requests = 表三（收到和处理政府信息公开申请情况）
pages-table-appeals = 表四（政府信息公开行政复议、行政诉讼情况）
pages-cannot-read = 无法读取该文件：{ $error }
pages-sheet-hidden = 工作表“{ $sheet }”为隐藏工作表，未读取。
pages-unit-from-file-name = 标题中没有报告单位名称，已按文件名记为“{ $name }”。请核对单位名称。
pages-no-title = 未找到报告标题（……{ $year }年政府信息公开工作年度报告），单位和年度取自文件名。请核对。
pages-no-year = 无法确定报告年度：既没有“兰州市2020年政府信息公开工作年度报告”这样的标题，文件名中也没有年份。请在文件名中写明年度后再导入。
pages-wrong-form = { $unit } { $year } 年：表格为 { $found } 年版格式，但 { $year } 年度报告应使用 { $due } 年版格式（{ $notice }）。请核对标题中的年度是否正确。
pages-no-table = { $unit } { $year } 年：未找到年报表格（{ $form } 年版格式各表的行名均未出现）。请核对文件是否为政府信息公开工作年度报告。
pages-no-table-seen = { $unit } { $year } 年：未找到年报表格。页面上有{ $tables }的标题或表头，但其下没有 { $form } 年版格式中的行。请核对表格的行名是否与格式一致。
pages-no-such-path = 文件或文件夹不存在
pages-total-derived = 表{ $table ->
        [2] 二
        [3] 三
       *[4] 四
    }“{ $row }”行“{ $column }”列为空，已按各分项之和计为 { $value }（{ $rule }，{ $cell }）。
pages-rule-at = { $cell }：{ $message }
pages-rule-at-partly-found = { $cell }：{ $message }（其中 { $count } 个单元格在页面上未找到，按 0 计：{ $cells }）

# 模拟数据（crates/synth，`gongkai generate`）。
synth-years = 年度“{ $text }”有误：应为“起始-终止”（如 2019-2023）或单个年份，且在 2000 至 2100 之间。
synth-units = --units { $units } 有误：应为 1 至 { $max } 之间的整数。
synth-error-rate = --errors { $rate } 有误：应为 0 至 1 之间的比例。
synth-workbook-defects = --errors { $rate } 不能与 --layout workbook 同时使用：注入的差错只写入 CSV 布局（grid、tidy）。使用 --layout workbook 时请设 --errors 0。
synth-not-empty = { $dir } 已存在且不为空，也不是此前 generate 生成的文件夹（其中没有 manifest.json）。请另选文件夹。
synth-not-sample = { $dir } 已存在，但不是此前生成的兰州样例（其中没有 units.csv）。--out 应为代码仓库的根目录。
synth-out-path = { $dir }：输出文件夹须有自己的名称（不能是 . 或 /）。
synth-io = { $path }：{ $error }
synth-encoding = { $unit }：{ $detail }
synth-not-gb18030 = 含有 GB18030 无法表示的字符
synth-workbook = { $unit } { $year } 年：写入工作簿时出错：{ $error }
synth-invariant = 生成器自检未通过（程序缺陷，请报告开发人员）：{ $detail }
synth-manifest = manifest.json：{ $error }
synth-list-separator = 、
synth-sample-year = { $year } 年：{ $units } 个单位，{ $form } 年版格式；{ $city }：本年新收申请 { $new_received }，予以公开 { $granted }，部分公开 { $partially_granted }，行政复议 { $reconsideration }，行政许可处理决定 { $licensing }{ $change }
synth-sample-new = ；新增：{ $units }
synth-sample-gone = ；不再报送：{ $units }
synth-sample-warning = 提示：{ $warning }
synth-sample-encoding = { $encoding } { $count } 份
synth-sample-summary = 已写出 { $first }–{ $last } 年单位报告 { $files } 份，位于 { $root } 下的 { $data }/<年度>（{ $encodings }；空白单元格 { $blanks } 个），以及 { $data }/units.csv、{ $published } 和 { $trend }；回读核验：提示 { $warnings } 条，每份报告和全市合计均符合 R1–R6，{ $pairs } 组相邻年度均符合 X1–X4，2020 年各单位之和与{ $city }公布的合计一致（{ $cells } 个单元格）。
