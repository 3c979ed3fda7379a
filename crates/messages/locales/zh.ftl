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


## 帮助：命令、参数、示例（crates/cli/src/help.rs）

help-usage = 用法：
help-heading-options = 选项
help-heading-arguments = 参数
help-heading-commands = 命令
help-default = （默认：{ $value }）
help-arg-help = 显示帮助
help-arg-version = 显示版本
help-gongkai-about = 汇总、校验、比较政府信息公开工作年度报告的统计表
help-arg-lang = 消息、问题和帮助的语言：zh 或 en（默认按 LC_ALL、LC_MESSAGES、LANG 判断，zh_* 为中文）
help-arg-paths = 文件或文件夹：读取文件夹下每个单位的文件（CSV、Excel 或 WPS 表格、Word、PDF、另存的网页）
help-arg-encoding = 文本文件的编码：auto（有 BOM 按 BOM，否则 UTF-8，再否则 GB18030），或 utf-8、gbk、gb18030 等
help-arg-units = 单位名录（unit,kind,parent[,from,to,reorganised]）；默认为输入文件夹或其上级中的 units.csv
help-arg-quiet = 只显示错误（不显示进度、汇总情况和提示）
help-arg-strict = 有提示也按未通过处理（退出码 1）
help-arg-allow = 不检查某条规则（R1…R6、X1…X4 或 coverage）；可重复
help-arg-name = 合计的名称（市或县的名称）
help-arg-out = 写入此文件（整体替换，不留半截文件），不写到标准输出；未给 --format 时按扩展名确定格式
help-arg-force = 有单位报表被剔除或未通过校验时仍然汇总；各种输出都会注明合计的依据
help-arg-from = 起始年度（计算变化时仍会用到前一年）
help-arg-to = 截止年度

help-consolidate-about = 读取某一年各单位的报表，逐一校验，汇总成全市的三张统计表
help-consolidate-by = parent：除总合计外，名录中每个有下级填报单位的单位各出一份合计
help-consolidate-format = table：终端显示的三张统计表；markdown：Markdown 格式的三张表；csv：逐格数据（年度、单位、部分、行、列、数值）；json：同上的 JSON，并注明合计的依据
help-consolidate-examples =
    示例：
      gongkai consolidate data/lanzhou/2020 --name 兰州市
          汇总兰州市各单位 2020 年的报表，逐一校验后输出三张统计表
      gongkai consolidate 报表/2023 --name 兰州市 -o 2023汇总.xlsx
          同上，写成官方格式的 Excel 工作簿
      gongkai consolidate 报表/2023 --force --format json -o 2023汇总.json
          有单位被剔除时仍然汇总；JSON 中列明纳入和未纳入的单位

help-validate-about = 按全部规则（R1–R6、X1–X4）和单位名录检查每个单位每一年的报表
help-validate-format = text：每行一个问题，用表格原文表述；json：问题列表，附编码（规则、单元格、应为、实填、各规则的算式）
help-validate-examples =
    示例：
      gongkai validate data/lanzhou
          检查所有单位所有年度；有规则不通过退出码为 1，有文件无法读取为 2
      gongkai validate data/lanzhou --format json > 问题清单.json
          输出 JSON，供脚本或表格使用
      gongkai validate 报表/2023 --strict --allow X4
          提示也按未通过处理，但不检查疑似照抄
help-rules =
    校验规则（勾稽关系）：
      R1  表三每一列：本年新收 + 上年结转 = 办理结果总计 + 结转下年度继续办理（表上注明的“第一项加第二项之和，等于第三项加第四项之和”）
      R2  表三每一列：总计行 = 各项办理结果之和
      R3  表三每一行：总计列 = 六类申请人之和
      R4  表四每一行：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结
      R5  所有数字为不小于 0 的整数（表二“本年增/减”可为负数）；金额不小于 0
      R6  表二（2019 版）：本年新公开数量不大于对外公开总数量；上一年项目数量加本年增/减不小于 0（提示）
      X1  同一单位相邻两年：本年“上年结转”= 上年“结转下年度继续办理”，逐列核对，跨 2021 年新版表格也适用（单位有调整时为提示）
      X2  表二（2019 版）：本年“上一年项目数量”= 上年的上一年项目数量 + 本年增/减（提示）
      X3  表二（2021 版）：现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数（提示）
      X4  全部数字与上年报告相同：疑似照抄（提示）

help-trend-about = 各年度主要指标和比率的变化，跨 2021 年新版表格可比
help-trend-unit = 显示某一单位的数据，而不是合计
help-trend-metrics = 指标：部分.行.列（行可以是一组，如 requests.withheld.total）或比率（rate.disclosure 等）；可重复；默认为主要指标
help-trend-all = 输入中各版表格的全部指标
help-trend-format = table：每个指标一行、每年一列，含变化；markdown：同上的 Markdown；csv：逐项数据（指标、年度、数值、变化），并注明该年数据是否完整；json：同上的 JSON
help-trend-chart = 同时把变化画成图，写入此 .svg 或 .png 文件
help-trend-by = unit：按最后一年第一个指标的变化对各单位排序
help-trend-examples =
    示例：
      gongkai trend data/lanzhou --name 兰州市
          2019–2023 年主要指标及其变化和比率
      gongkai trend data/lanzhou --metric requests.new_received.total --metric rate.disclosure --chart 趋势.png
          两个指标，并画成可放进报告的图
      gongkai trend data/lanzhou --by unit --metric requests.new_received.total
          去年哪些单位的申请量增加最多

help-template-about = 生成空白报表供单位填写：Excel 工作簿或 CSV，格式与汇总时读取的一致
help-template-form = 表格版本：2019（2019–2020 年度）或 2021（2021 年度起）
help-template-unit = 填入单位名称
help-template-year = 填入报告年度
help-template-format = xlsx：标签锁定、每格校验数值、填写时即核对 R1–R4 的工作簿；csv：CSV 格式的表格。默认按 --out 的扩展名，否则为 csv
help-template-examples =
    示例：
      gongkai template --form 2021 --unit 城关区 --year 2023 -o 城关区.xlsx
          发给单位填写的工作簿
      gongkai template --form 2021 --format csv -o 报表.csv
          CSV 格式的空白报表

help-export-about = 把校验后的数据、合计、变化、比率和问题写成 Parquet，供 Power BI、DuckDB、Spark 等使用
help-export-out = 导出文件夹：先写在旁边，再一步替换到位；已有的导出会被替换，其他已存在的文件夹不会覆盖
help-export-csv = 同时把每张表写成 CSV（带 BOM 的 UTF-8，Excel 和 WPS 可直接打开），放在 DIR/csv/ 下
help-export-xlsx = 同时写一个工作簿：每年一张官方格式的表，另附问题清单
help-export-examples =
    示例：
      gongkai export data/lanzhou --name 兰州市 --out bi
          按年度分区写出 bi/ 下的数据、合计、变化、比率和问题（Parquet）
      gongkai export data/lanzhou --name 兰州市 --out bi --csv --xlsx 兰州市.xlsx
          同上，另写 CSV 和一个工作簿

help-import-report-about = 读取已发布的年度报告（另存的网页、复制的文字、Word、PDF、工作簿），转成逐格数据并校验
help-import-report-paths = 已发布的报告：.html/.htm 网页（任意字符集）、复制的文字、.docx、.pdf、工作簿；文件夹会逐一查找
help-import-report-format = csv：逐格数据（年度、单位、部分、行、列、数值，空格留空）；json：同上的 JSON；table：三张统计表
help-import-report-examples =
    示例：
      gongkai import-report 网页/兰州市2020.html
          一份已发布报告的统计表，输出逐格 CSV
      gongkai import-report 网页/ -o 已发布.csv
          文件夹中的全部报告，校验后写入一个文件

help-generate-about = 生成测试用的模拟报表：单位名录、每个单位每年一个文件，以及注入问题的清单
help-generate-units = 填报单位数：区县、部门和乡镇（其上级省、市自动加入名录）
help-generate-years = 报告年度：起-止（2019-2023）或单一年度（2020）
help-generate-layout = grid：官方表格的 CSV（部分为 GB18030 或带 BOM）；tidy：逐格 CSV；workbook：每份报表一个 .xlsx（不注入问题）
help-generate-seed = 种子相同，生成的文件逐字节相同，与线程数无关
help-generate-out = 输出文件夹：DIR/<年度>/<编号>.csv（.xlsx）、DIR/units.csv、DIR/manifest.json；须为新建、空的或以前生成的（会被替换）。配合 --lanzhou-sample 时为仓库根目录（默认 .）
help-generate-errors = 注入一个问题的报表比例（0 到 1），列在清单中
help-generate-lanzhou-sample = 改为重新生成兰州示例：--out 下的 data/lanzhou 及两个测试用文件
help-generate-examples =
    示例：
      gongkai generate --units 500 --years 2019-2023 --errors 0.1 -o /tmp/模拟
          500 个单位、五个年度，十分之一的报表有一个问题
      gongkai generate --units 50 --years 2023 --layout workbook -o /tmp/xlsx
          50 个 2023 年度的 Excel 工作簿

help-completions-about = 输出 bash、zsh、fish、powershell 或 elvish 的命令补全脚本
help-completions-shell = shell 类型：bash、zsh、fish、powershell 或 elvish
help-completions-examples =
    示例：
      gongkai completions bash > /etc/bash_completion.d/gongkai
      gongkai completions zsh > ~/.zfunc/_gongkai

help-man-about = 生成 man 手册页：gongkai.1 以及每个命令一页
help-man-out = 手册页写入的文件夹（gongkai.1、gongkai-consolidate.1 等）；不指定时 gongkai.1 输出到标准输出
help-man-examples =
    示例：
      gongkai man -o /usr/local/share/man/man1
      gongkai man | man -l -

pages-rests-on-missing = （其中 { $count } 格在页面上未找到，按 0 计：{ $cells }）
