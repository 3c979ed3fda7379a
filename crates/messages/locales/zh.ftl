# gongkai 的中文消息。每条消息在 en.ftl 中也有，变量相同（crates/messages 的测试检查）。
# 编号：<范围>-<内容>。

## 嵌在其他消息中的词

level-error = 错误
level-warning = 提示
files-read = 读取文件 { $count } 个

## 发现的问题：位置按表格原样表述，以及问题前后的用语

punct-colon = ：
punct-comma = ，
list-separator = 、
list-last = 和
finding-unit-year = { $unit } { $year }年
finding-found = 填的是 { $found }
finding-expected = 应为{ $expected }
table-active = 表二
table-requests = 表三
table-appeals = 表四
finding-row = { $table }“{ $row }”行
finding-column = { $table }“{ $column }”列
finding-cell = { $table }“{ $row }”行“{ $column }”列
finding-terms-none = 均为 0
finding-terms-more = { $shown } 等 { $count } 项

## 校验规则（R1–R6、X1–X4）发现的问题，措辞可直接电话告知填报单位

rule-r1 = { $place }，本年新收 { $new } 加上年结转 { $over } 为 { $lhs }，办理结果总计 { $total } 加结转下年度继续办理 { $forward } 为 { $rhs }，相差 { $diff }。两者应相等，请核对该列这四项。
rule-r2 = { $place }，总计行填 { $total }，各项办理结果之和为 { $sum }（{ $terms }），相差 { $diff }。请核对该列各项或总计。
rule-r3 = { $place }，总计列填 { $total }，各列之和为 { $sum }（{ $terms }），相差 { $diff }。请核对该行各列或总计。
rule-r4 = { $place }，总计列填 { $total }，各项结果之和为 { $sum }（{ $terms }），相差 { $diff }。请核对该行各项或总计。
rule-r5 = { $place }填 { $value }，应为不小于 0 的数。请核对此格。
rule-r6-published = { $place }，本年新公开数量 { $new } 大于对外公开总数量 { $total }。请核对这两格。
rule-r6-items = { $place }，上一年项目数量 { $prior } 加本年增/减 { $change } 为 { $sum }，小于 0。请核对这两格。
rule-x1 = { $place }，上年结转 { $value }，而 { $prev_year } 年报告的结转下年度继续办理为 { $expected }，相差 { $diff }。两者应相等，请核对两年的数字。
rule-x2 = { $place }，上一年项目数量 { $value }，按 { $prev_year } 年报告的上一年项目数量加本年增/减应为 { $expected }，相差 { $diff }。请核对两年的数字。
rule-x3 = { $place }，现行有效件数 { $value }，按 { $prev_year } 年现行有效件数加本年制发、减本年废止应为 { $expected }，相差 { $diff }。请核对两年的数字。
rule-x4 = 全部 { $cells } 个数字与 { $prev_year } 年报告（{ $file }）完全相同，疑似照抄上年。请核对。
rule-cause = { $place }填 { $value }：{ $sums }都对不上，均相差 { $diff }；此格若为 { $fix }，各处都成立。请核对此格。
rule-sum-r1 = 该列“新收加上年结转等于办理结果总计加结转下年”
rule-sum-r2 = 该列总计
rule-sum-r3 = 该行总计
rule-sum-r4 = 该行总计

pages-rests-on-missing = （其中 { $count } 格在页面上未找到，按 0 计：{ $cells }）
