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

# 输出文件（gongkai 的 output 模块）：格式由 --format 或 -o 文件名决定。
output-stdout-failed = 无法写入标准输出
output-workbook-terminal = 工作簿不能显示在终端上：请用 -o { $example } 写入文件
output-other-workbook = { $path }：{ $command } 只能将工作簿写成 .xlsx 文件，不能写成 .{ $ext }；请将文件名改为 .xlsx
output-mismatch = { $path }：--format { $format } 写出的不是 .{ $ext } 文件；请将文件名改为 .{ $want }，或去掉 --format
output-cannot-write = { $path }：{ $command } 不能写出 .{ $ext } 文件，只能写出 { $kinds }
output-list-sep = 、
output-list-or = 或
template-wrong-form = { $year }年度报表使用{ $due }版表样，不是{ $form }版

# 读取和校验一批报表（gongkai 的 checked 模块），以及标准错误上的汇总情况。
policy-not-a-rule = --allow { $rule }：不是校验规则（可用 R1…R6、X1…X4、coverage）
input-unknown-encoding = 不认识的编码 { $name }（可用 auto、utf-8、gbk、gb18030）
input-by-parent-needs-registry = --by parent 需要单位名册：请用 --units 指定，或在输入文件夹中放置 units.csv
input-no-reports = 所给 { $files } 个文件中没有可用的报表（未采用 { $rejected } 个，略过 { $skipped } 个，原因已逐一列出）
input-registry-problems = 单位名册 { $file } 有 { $count } 处问题
summary-sep = 、
summary-formats = （{ $formats }）
summary-no-year = 无年度
summary-line = 汇总：读取文件 { $files } 个，采用 { $used } 个，未采用 { $rejected } 个，略过 { $skipped } 个{ $formats }；单位报表 { $reports } 份，涉及单位 { $units } 个，年度：{ $years }；数值：读取 { $values } 个 = 采用 { $values_used } 个 + 未采用 { $values_rejected } 个；空白单元格 { $blanks } 个
summary-left-out = 未计入：{ $file }：{ $reason }
summary-skipped = 已略过：{ $file }：{ $reason }
summary-no-unit = （文件）
summary-none = 无
summary-findings = 校验结果：错误 { $errors } 处，提示 { $warnings } 处；按规则：{ $rules }
summary-findings-by-unit = 按单位：{ $units }
summary-registry = 单位名册：{ $file }（单位 { $units } 个）；缺报 { $missing } 份

# consolidate：不完整的合计不予汇总，以及合计所据的情况。
consolidate-refused-left-out = 不予汇总：有 { $count } 份单位报表未能计入（{ $reports }），未写出任何结果。请更正或移除上列文件；或加 --force，在缺少这些报表的情况下汇总
consolidate-refused-missing = 不予汇总：名册中有 { $count } 个单位未报送报表（{ $units }），未写出任何结果。请催报；或用 --allow coverage 不作检查；或加 --force，在缺报的情况下汇总
consolidate-refused-failing = 不予汇总：有 { $count } 份单位报表未通过校验（{ $units }），未写出任何结果。请更正；或用 --allow 忽略相应规则；或加 --force 强行汇总
consolidate-total = 合计：{ $name } { $year }年度（{ $form }版）= { $units } 个单位；{ $blanks } 个单元格含空白
coverage-heading-forced = 注意：本合计系加 --force 强行汇总，数据不完整。所据情况如下：
coverage-heading-not-whole = 注意：以下数据不完整。所据情况如下：
coverage-heading-whole = 本合计数据完整。所据情况如下：
coverage-summed = { $year }年度：汇总单位报表 { $count } 份
coverage-left-out = 未计入：{ $who }（{ $reason }）：{ $detail }
coverage-missing = 缺报：{ $unit } { $year }年度（名册中有此单位，未收到报表）
coverage-failing = 未通过校验，仍已计入：{ $unit } { $year }年度
coverage-chosen = { $unit } { $year }年度：采用 { $file }，未采用 { $over }（{ $why }）
coverage-reason-unreadable = 无法读取
coverage-reason-duplicate = 重复报送
coverage-unknown = （不详）

# 终端和 Markdown 中的统计表：表样上印的表头。
tables-info-content = { $item } 信息内容
tables-applicants = 申请人情况
tables-organisation-column = 法人或其他组织
    { $column }

# 读取进度条：变量为进度条自身的占位符。
progress-bar = { $elapsed } [{ $bar }] 已读 { $done }/{ $files } 个文件，{ $speed }，{ $bytes }，预计还需 { $left }

# trend
trend-no-workbook = trend 只输出文本（table、markdown、csv、json），不输出工作簿
trend-no-reports = 输入中没有可读取的报表
trend-measure-hint = ；例如 { $example }
trend-unknown-measure = 不认识的指标 { $measure }：应为“表.行.列”代码或比率名称{ $hint }（全部指标见 --all）
trend-unknown-unit = 输入中没有单位 { $unit } 的报表
trend-title = { $subject }：历年趋势
trend-ranking-title = { $measure } { $year }年度：各单位按变化排序
trend-legend = 变化与上一个可比年度相比：数量和金额为百分比，比率为百分点（pp）；新增 = 由 0 增加；‖ = 无可比的上一年度（表样变化或年度缺失）
trend-new = 新增
trend-col-label = 指标
trend-col-measure = 代码
trend-col-unit = 单位
trend-col-previous = 上年
trend-col-value = 本年
trend-col-change = 变化
trend-col-change-pct = 变化 %
trend-caveat-incomplete = 数据不完整：有单位报表未计入或缺报
trend-caveat-failing = 含未通过校验的单位
trend-caveat-sep = ；
trend-caveat-year = * { $year }年度：{ $what }（详见标准错误输出）
trend-caveat-unit = * { $unit } { $year }年度：{ $what }

# import-report
import-no-pages = import-report：没有可读取的页面（请给出文件，或含 *.html、*.htm、*.txt 的文件夹）
import-pages-twice = 提示：{ $unit } { $year }年度的报表来自 { $count } 个页面（{ $files }）；读取输出时这些单元格会重复计入
import-summary = import-report：页面 { $pages } 个，完整 { $complete } 个，部分读取 { $partial } 个，无法读取 { $unreadable } 个；{ $failing } 份报表有校验错误 { $errors } 处

# export
export-from-after-to = --from { $from } 晚于 --to { $to }
export-no-reports = 输入中没有所选年度的可读报表，未写出任何结果
export-written = export：{ $dir }（文件 { $files } 个，{ $bytes } 字节）：{ $years }年度明细 { $facts } 行；校验结果 { $findings } 条
export-named-by-registry = export：合计以名册根单位 { $name } 命名（所有单位均属其下），在第 0 级只写一次（可用 --name 另行命名）
export-workbook-written = export：{ $file }（{ $bytes } 字节）
export-with-failing = export：已写出，其中 { $count } 份单位报表未通过校验，详见 findings.parquet

# generate
generate-needs-units-and-out = generate 需要 --units 和 --out
generate-done = 已生成：单位 { $units } 个（名册 { $registry } 行），报表 { $reports } 份（{ $years }），文件 { $files } 个，{ $bytes } 字节，注入错误 { $defects } 处，格式 { $layout }，种子 { $seed }，用时 { $seconds } 秒 -> { $dir }
generate-sample-time = 用时 { $seconds } 秒
coverage-who-why = { $who }（{ $reason }）
