# gongkai 的中文消息。每条消息在 en.ftl 中也有，变量相同（crates/messages 的测试检查）。
# 编号：<范围>-<内容>。

## 嵌在其他消息中的词

level-error = 错误
level-warning = 提示
files-read = 读取文件 { $count } 个

## consolidate, trend, export (coverage)

# 同一单位同一年度有多个文件（gongkai-report 的 duplicate 模块）。
duplicate-and = 、
duplicate-left-out = { $unit } { $year }年度报表有 { $count } 个文件：{ $files }，均未计入（{ $hint }）
duplicate-hint-newer = 其中 { $file } 较新；如以较新者为准，请加 --prefer newer
duplicate-hint-rename = 请只保留一份，或在更正后的文件名中注明“更正”
duplicate-used = { $unit } { $year }年度报表有 { $count } 个文件：{ $files }；采用 { $file }（{ $why }），其余未计入
duplicate-why-corrected = 文件名注明为更正
duplicate-why-newer = 修改时间较新，按 --prefer newer 采用

# 工作簿中的统计表（gongkai-export）：consolidate -o x.xlsx、export --xlsx。
export-sheet-title = { $name } { $year }年 政府信息公开工作年度报告统计表（{ $form }版，{ $notice }）
export-sheet-units = 汇总单位 { $count } 个。
export-sheet-failing = 注意：其中 { $count } 个单位未通过校验（见“{ $sheet }”表）：{ $units }
export-sheet-see-notes = 注意：本合计并不完整，所据情况见“{ $sheet }”表。
export-list-sep = ，
export-findings-sheet = 校验结果
export-notes-sheet = 汇总说明
