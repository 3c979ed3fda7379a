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
