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
help-arg-allow = 不检查某条规则（R1…R6、X1…X4、N1 或 coverage）；可重复
help-arg-name = 合计的名称（市或县的名称）
help-arg-out = 写入此文件（整体替换，不留半截文件），不写到标准输出；未给 --format 时按扩展名确定格式
help-arg-force = 有单位报表被剔除或未通过校验时仍然汇总；各种输出都会注明合计的依据
help-arg-prefer = 同一单位同一年度有两个文件时：newer 表示采用最后修改的那个。默认只自动采用文件名注明“更正”“修改”的；否则都不采用，并列出文件名
help-arg-notes = 同时把合计的依据（纳入的单位、被剔除的单位及原因、缺报、未通过校验）写入此文本文件；标准错误输出中总会显示
help-arg-no-bom = CSV 文件开头不写 BOM（默认写入，以便 Excel 和 WPS 按 UTF-8 打开）
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
help-trend-preset = full：每个指标一幅小图；report：适合印在报告里的四幅图（本年新收申请、公开率、行政复议和行政诉讼、行政规范性文件制发），与所选指标无关
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
help-export-zeros = 同时写出零值：值为 0 的每一格都在 facts 中占一行（标明是否空白），两年都为 0 的单位指标在 deltas 中占一行，单位 0/0 的比率在 rates 中占一行（约占九成行数；不写时合计与总数不变）
help-export-examples =
    示例：
      gongkai export data/lanzhou --name 兰州市 --out bi
          按年度分区写出 bi/ 下的数据、合计、变化、比率和问题（Parquet）
      gongkai export data/lanzhou --name 兰州市 --out bi --csv --xlsx 兰州市.xlsx
          同上，另写 CSV 和一个工作簿

help-import-report-about = 读取已发布的年度报告（另存的网页、复制的文字、Word、PDF、工作簿，或直接按网址从门户网站获取），转成逐格数据并校验
help-import-report-paths = 已发布的报告：.html/.htm 网页（任意字符集）、复制的文字、.docx、.pdf、工作簿；文件夹会逐一查找；http:// 或 https:// 网址会被获取并留存为证据
help-import-report-format = csv：逐格数据（年度、单位、部分、行、列、数值，空格留空）；json：同上的 JSON；table：三张统计表
help-import-report-examples =
    示例：
      gongkai import-report 网页/兰州市2020.html
          一份已发布报告的统计表，输出逐格 CSV
      gongkai import-report 网页/ -o 已发布.csv
          文件夹中的全部报告，校验后写入一个文件
      gongkai import-report --urls 网址清单.txt -o 已发布/2022.csv
          清单中每个网址的报告，逐个获取（同一主机每秒至多一次），页面留存于 已发布/evidence/

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


## 图表（crates/chart/src/words.rs）：有中文字体时用中文，否则用英文

chart-error-no-series = 没有可画的指标
chart-error-mixed-panel = 小图 { $panel } 把比率与件数或金额放在一起，而同一小图的各条线共用一个纵轴
chart-error-no-font = PNG 图需要字体文件写字，但系统字体中没有找到；请安装 fonts-noto-cjk，或把 GONGKAI_FONT 设为一个 .ttf/.otf/.ttc 文件，或改画 .svg 图
chart-error-drawing = 画图出错：{ $detail }
chart-error-png = 生成 PNG 出错：{ $detail }
trend-chart-written = 图已写入：{ $file }（中文标注）
trend-chart-written-english = 图已写入：{ $file }（英文标注：没有找到中文字体，请安装 fonts-noto-cjk）
trend-chart-extension = 图 { $file }：文件名须以 .svg 或 .png 结尾
trend-chart-failed = 画图 { $file } 失败
trend-chart-writing = 写入图 { $file } 失败
chart-unit = 单位：{ $unit }
chart-year = { $year }年
chart-year-separator = 年、
chart-no-value = 无可比数据
chart-note-panels = 每个小图有各自的纵轴；比率以百分比表示
chart-note-gaps = 灰色竖条：该年没有此项数据（序列中断）
chart-note-breaks = 竖虚线：{ $years }年起报表格式调整，虚线两侧的数据不能直接比较，连线在此断开
chart-note-incomplete = 标*的年份数据不完整（有单位的报告缺失、被剔除或未通过校验），图中以空心点表示


## 命令行本身的错误（crates/cli/src/main.rs）

cli-error = gongkai：错误：{ $detail }
cli-usage-unknown-argument = 用法错误：有不认识的参数（下面是详细说明，可用 --help 查看全部选项）。
cli-usage-unknown-command = 用法错误：没有这个命令（可用 gongkai --help 查看全部命令）。
cli-usage-invalid-value = 用法错误：某个选项的取值无效（下面是可用的取值）。
cli-usage-missing-argument = 用法错误：缺少必需的参数。
cli-usage-conflict = 用法错误：有两个选项不能同时使用。
cli-usage-other = 用法错误。


## 单位名录：应当报送的单位（crates/aggregate/src/checks.rs）

registry-header = 单位名录的表头须包含 unit、kind、parent 三列
registry-unreadable = 无法读取单位名录：{ $error }
registry-unknown-kind = 单位类别无法识别
registry-kinds = 区、县、部门、乡镇（街道）或市（district、county、department、township、city）
registry-bad-year = 年份有误
registry-a-year = 年份，如 2022
registry-no-name = 缺少单位名称
registry-twice = 单位重复列出（另一处的类别为 { $kind }）
registry-each-once = 每个单位只列一次
registry-no-header = 单位名录没有表头行
registry-parent-unknown = { $unit } 的上级单位不在名录中
registry-loop = { $unit } 的上级关系形成循环
finding-check-coverage = 名录
registry-not-registered = 单位名录中没有该单位
registry-not-registered-hint = 单位名录中没有该单位，是否是“{ $hint }”？
registry-a-registered-unit = 名录中的单位
registry-missing = 名录中有该{ $kind ->
    [city] 市
    [district] 区
    [county] 县
    [township] 乡镇（街道）
   *[other] 部门
}，但未收到其报告
registry-none = 无
registry-a-report = 该{ $kind ->
    [city] 市
    [district] 区
    [county] 县
    [township] 乡镇（街道）
   *[other] 部门
}的报告


## 致填报单位的核对意见（crates/cli/src/feedback.rs）

help-feedback-about = 给每个需要修改的单位写一份核对意见（可打印的 HTML 和便于粘贴的纯文本），并生成一览表：哪些已通过、哪些需修改、哪些未报送
help-feedback-out = 核对意见文件夹：一步生成；已有的核对意见文件夹会被替换，其他已存在的文件夹不会覆盖
help-feedback-examples =
    示例：
      gongkai feedback 报表/2023 -o 核对意见
          为每个有问题的单位写 核对意见/城关区-2023.html 和 .txt，并生成 核对意见/index.html
      gongkai feedback 报表/2023 --allow X4 -o 核对意见
          不含疑似照抄的提示
feedback-title = 关于{ $unit }{ $year }年度政府信息公开工作年度报告统计表的核对意见
feedback-greeting = { $unit }：
feedback-intro = 经核对，贵单位报送的 { $year } 年度统计表（{ $files }）有 { $errors } 处需要修改、{ $warnings } 处请核实，具体如下（均注明在贵单位文件中的位置）：
feedback-errors-heading = 需要修改
feedback-warnings-heading = 请核实
feedback-where = 位置：{ $place }
feedback-passed = 以下各项已核对无误：{ $rules }。
feedback-passed-none = 表格的各项勾稽关系均未通过。
feedback-closing = 请核对修改后重新报送。感谢配合！
feedback-rule-r1 = 表三各列“本年新收加上年结转等于办理结果总计加结转下年”
feedback-rule-r2 = 表三各列总计
feedback-rule-r3 = 表三各行总计
feedback-rule-r4 = 表四各行总计
feedback-rule-r5 = 无负数
feedback-rule-r6 = 表二公开数量和项目数量
feedback-index-title = 各单位报表核对情况
feedback-index-to-fix = 需修改（{ $count }）
feedback-index-missing = 未报送（{ $count }）
feedback-index-complete = 已通过（{ $count }）
feedback-index-unread = 未能读取的文件（{ $count }）
feedback-col-unit = 单位
feedback-col-year = 年度
feedback-col-problems = 问题
feedback-col-letter = 核对意见
feedback-problems = 需修改 { $errors } 处，请核实 { $warnings } 处
feedback-plain-text = 纯文本
feedback-written = 核对意见：{ $letters } 份，写入 { $dir }；已通过 { $complete } 份，未报送 { $missing } 份

pages-rests-on-missing = （其中 { $count } 格在页面上未找到，按 0 计：{ $cells }）

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
pages-folder-others = 此文件夹中有 { $count } 个文件不是报告发布所用的格式，未读取（第一个：{ $first }）
pages-sheet-hidden = 工作表“{ $sheet }”为隐藏工作表，未读取。
pages-unit-from-file-name = 标题中没有报告单位名称，已按文件名记为“{ $name }”。请核对单位名称。
pages-no-title = 未找到报告标题（……{ $year }年政府信息公开工作年度报告），单位和年度取自文件名。请核对。
pages-no-year = 无法确定报告年度：既没有“兰州市2020年政府信息公开工作年度报告”这样的标题，文件名中也没有年份。请在文件名中写明年度后再导入。
pages-wrong-form = { $unit } { $year } 年：表格为 { $found } 年版格式，但 { $year } 年度报告应使用 { $due } 年版格式（{ $notice }）。请核对标题中的年度是否正确。
pages-no-table = { $unit } { $year } 年：未找到年报表格（{ $form } 年版格式各表的行名均未出现）。请核对文件是否为政府信息公开工作年度报告。
pages-no-table-seen = { $unit } { $year } 年：未找到年报表格。页面上有{ $tables }的标题或表头，但其下没有 { $form } 年版格式中的行。请核对表格的行名是否与格式一致。
pages-no-such-path = 文件或文件夹不存在
pages-total-derived = { $place }为空，已按各分项之和计为 { $value }（{ $rule }，{ $cell }）。

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
policy-not-a-rule = --allow { $rule }：不是校验规则（可用 R1…R6、X1…X4、N1、coverage）
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
summary-count = { $name }（错误 { $errors }，提示 { $warnings }）
summary-check-input = 读取
summary-check-coverage = 名录
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
read-rule-not-checked-implied = { $scope }未核对：{ $cells }未能读取；该格若为 { $value }，则都相符

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

## ratings
rating-measure-disclosure = 实质公开率
rating-measure-reconsideration = 行政复议纠错率
rating-measure-litigation = 行政诉讼纠错率
rating-red = 红
rating-yellow = 黄
rating-green = 绿
rating-too-few = 样本太少无法判断
rating-no-data = 无数据
rating-inconsistent = 数据不符，无法计算
rating-summary = { $rate }（{ $numerator }/{ $denominator }，{ $level }置信区间 { $low }～{ $high }）：{ $verdict }
rating-summary-no-rate = { $numerator }/{ $denominator }：{ $verdict }
rating-threshold-not-key-value = 阈值设置：“{ $item }”不是“名称=数值”的形式（例如 correction.red=15%）
rating-threshold-unknown-key = 阈值设置：无法识别的名称“{ $key }”；可用的名称为 { $keys }
rating-threshold-twice = 阈值设置：{ $key } 设置了两次
rating-threshold-not-a-rate = 阈值设置：{ $key }={ $value } 不是比率；请写百分数（如 15%）或小数（如 0.15）
rating-threshold-out-of-range = 阈值设置：{ $key }={ $value } 超出 0% 至 100% 的范围
rating-threshold-not-a-level = 阈值设置：confidence={ $value } 不是可用的置信水平；可选 { $levels }
rating-threshold-not-a-count = 阈值设置：min_cases={ $value } 不是案件数（应为整数，如 min_cases=10）
rating-threshold-order-higher = 阈值设置：{ $measure }的红线（{ $red }）低于黄线（{ $yellow }）；比率高于红线为红，红线应不低于黄线
rating-threshold-order-lower = 阈值设置：{ $measure }的红线（{ $red }）高于黄线（{ $yellow }）；比率低于红线为红，红线应不高于黄线

## The review page (gongkai report)
review-title = { $name }{ $years }年政府信息公开工作年度报告汇总审阅
review-years = 年度
review-year = { $year }年
review-search = 查找单位：
review-search-placeholder = 输入单位名称
review-unplaced = 无法归属单位和年度的问题（{ $count } 项）
review-close = 关闭
review-col-unit = 单位
review-col-value = 数值
review-col-share = 占比
review-col-status = 状态
review-col-errors = 错误
review-col-warnings = 提示
review-col-rank = 排名
review-col-rating = 评级
review-col-measure = 指标
review-footer = 本页由 gongkai 生成，可离线打开，不含任何外部链接或网络请求。数字与 gongkai consolidate 的汇总结果一致。
review-nothing = 没有可汇总的报告。
review-lead = { $year }年：已汇总 { $summed } 个单位；未通过校验 { $failing } 个；未报送 { $missing } 个；报告未纳入汇总 { $left } 个。
review-totals = { $name }{ $year }年汇总表（{ $form }版表式，{ $units } 个单位）
review-caveat = 注意：本年合计不完整或含未通过校验的数据——未纳入汇总的报告 { $left } 份，未报送单位 { $missing } 个，未通过校验但已汇总的单位 { $failing } 个。详见下方单位情况。
review-click-hint = 点击任一合计数字，可查看各单位构成（由大到小，含占比）。
review-unit-tables-more = 以下列出每个单位的问题，每条都指明单元格及其在该单位文件中的位置；为控制页面大小，仅前 { $listed } 个单位附标出需核对单元格的表格，其余 { $count } 个单位未附。gongkai feedback 可为每个单位写出整改通知。
review-units-clean-more = 另有 { $count } 个单位通过全部检查，未在此逐一列出。
review-units = { $year }年各单位情况（{ $count } 个）
review-left-out = 未纳入汇总的文件（{ $count } 份）及原因
review-to-fix = { $year }年需要核改的单位（{ $count } 个）
review-unit-summary = { $unit }：{ $status }（错误 { $errors } 项，提示 { $warnings } 项）
review-status-missing = 未报送
review-status-left-out = 报告未纳入汇总
review-status-summed = 已汇总
review-status-failing = 未通过校验
review-status-warned = 有提示
review-status-unregistered = 不在单位名录中
review-ratings = { $year }年评级
review-ratings-more = 另有 { $count } 个单位未在此列出；每个单位的评级见 --ratings 写出的 CSV 文件。
review-ratings-rule = 只有当比率的置信区间整体越过阈值时才标红或标黄；案件太少、区间跨越阈值时标为“样本太少无法判断”；没有申请或案件的为“无数据”。阈值：{ $thresholds }
review-trend = { $name }历年情况
review-break-note = † 表示该年表式与上年不同（2021年起使用新表式），部分指标与上年不可比，不计算增减。
review-new = 新增
review-makeup-sum = 合计 %total%，共 %units% 个单位汇总。
review-makeup-others = 另有 %count% 个单位未逐一列出，合计 %sum%。
review-makeup-rest = 另有 %count% 个单位为 0。
review-makeup-blank = %count% 个单位未填。
review-makeup-none = 没有单位填报非零数值。
report-nothing-to-write = 请指定要生成的内容：--out 审阅页（HTML）、--docx 年度报告初稿（Word）或 --ratings 评级（CSV）
report-page-written = 已写入审阅页 { $file }
report-ratings-written = 已写入评级 { $file }
report-draft-written = 已写入年度报告初稿 { $file }
report-draft-refused = 合计不完整，未写年度报告初稿 { $file }；如确需写入，请加 --force（初稿中会注明）
help-report-about = 年终成果：一个可离线打开的审阅页（HTML：汇总表、各单位构成、未通过校验和未报送的单位、评级、历年趋势），本级年度报告的 Word 初稿，以及各单位的评级（CSV）
help-report-out = 审阅页（一个完整的 HTML 文件，不发出任何网络请求），整体写入
help-report-docx = 年度报告初稿（Word .docx）：一、总体情况的语句和二、三、四的表格均取自合计数
help-report-ratings = 把合计和各单位的评级写入此 CSV 文件（每项指标由差到好排序）
help-report-thresholds = 评级阈值，如 correction.red=15%,correction.yellow=10%,disclosure.red=40%,disclosure.yellow=45%,confidence=95%,min_cases=10
help-report-force = 合计不完整时仍写 Word 初稿（审阅页和评级总会写入）
help-report-examples =
    示例：
      gongkai report 报表/2020 --name 兰州市 --out 兰州市2020年汇总.html
          生成审阅页：点击合计数可看各单位构成
      gongkai report 报表 --name 兰州市 --out 审阅.html --docx 兰州市2020年政府信息公开工作年度报告.docx --ratings 评级.csv
          多个年度：审阅页含历年趋势，Word 初稿写最近一年并与上年比较
## 年度报告 Word 初稿（crates/draft）：文档正文总用中文
draft-error-values = { $year }年的数据有 { $found } 个值，{ $form } 版表格应有 { $expected } 个单元格：无法生成年度报告初稿
draft-error-previous-year = 用于同比的上年数据（{ $previous }年）不早于本年（{ $current }年）：无法生成年度报告初稿
draft-error-package = 无法写出 Word 文件：{ $why }
draft-title = { $name }{ $year }年政府信息公开工作年度报告
draft-intro = 本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告格式的要求（{ $notice }），综合{ $name }各区、县人民政府和市政府各部门、各直属机构的政府信息公开工作年度报告编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。本报告所列数据的统计期限自{ $year }年1月1日起至{ $year }年12月31日止。本报告电子版可在【请填写：政府门户网站名称及网址】查阅或下载。如对本报告有疑问，请与【请填写：联系单位】联系（地址：【请填写】；电话：【请填写】）。
draft-heading-overview = 一、总体情况
draft-heading-active = （一）主动公开
draft-heading-requests = （二）依申请公开
draft-heading-management = （三）政府信息管理
draft-heading-platforms = （四）平台建设
draft-heading-supervision = （五）监督保障
draft-heading-problems = 五、存在的主要问题及改进情况
draft-heading-other = 六、其他需要报告的事项
draft-placeholder-active = 【请补充：政策解读、重点领域信息公开、政务公开标准化规范化等主动公开工作的做法和成效。】
draft-placeholder-management = 【请填写：公文公开属性审查、政府信息管理动态调整、规章和规范性文件清理等情况。】
draft-placeholder-platforms = 【请填写：政府网站、政务新媒体、政府公报、政务服务场所等公开平台的建设和管理情况。】
draft-placeholder-supervision = 【请填写：政务公开工作考核、社会评议、责任追究和业务培训等监督保障情况。】
draft-placeholder-problems = 【请填写：本年度政府信息公开工作存在的主要问题、上一年度问题的改进情况及下一步改进措施。】
draft-placeholder-other = 【请填写：收取信息处理费的情况，人大代表建议和政协提案办理结果公开情况，本年度政务公开工作要点落实情况，以及其他需要报告的事项。】
draft-note-procurement-amount = 注：政府集中采购总金额单位为万元。
draft-separator = ；
draft-unit-piece = 件
draft-unit-project = 个
draft-unit-money = 万元
draft-since-last-year = 同比
draft-since-year = 较{ $year }年
draft-change-same-last-year = ，与上年持平
draft-change-same-year = ，与{ $year }年持平
draft-change-up = ，{ $since }增加{ $by }{ $unit }（{ $percent }%）
draft-change-down = ，{ $since }减少{ $by }{ $unit }（{ $percent }%）
draft-change-up-from-none = ，{ $since }增加{ $by }{ $unit }
draft-change-down-from-none = ，{ $since }减少{ $by }{ $unit }
draft-fact = { $label }{ $value }{ $unit }{ $change }
draft-fact-regulations-new-made = 新制作规章
draft-fact-regulations-new-published = 新公开规章
draft-fact-regulations-total-published = 对外公开规章总数
draft-fact-normative-new-made = 新制作规范性文件
draft-fact-normative-new-published = 新公开规范性文件
draft-fact-normative-total-published = 对外公开规范性文件总数
draft-fact-regulations-issued = 制发规章
draft-fact-regulations-abolished = 废止规章
draft-fact-regulations-in-force = 现行有效规章
draft-fact-normative-issued = 制发行政规范性文件
draft-fact-normative-abolished = 废止行政规范性文件
draft-fact-normative-in-force = 现行有效行政规范性文件
draft-fact-licensing-decisions = 作出行政许可处理决定
draft-fact-other-services-decisions = 作出其他对外管理服务事项处理决定
draft-fact-penalty-decisions = 作出行政处罚处理决定
draft-fact-coercion-decisions = 作出行政强制处理决定
draft-fact-procurement-projects = 政府集中采购项目
draft-fact-procurement-amount = 政府集中采购总金额
draft-fact-fees-amount = 收取行政事业性收费
draft-active = { $year }年，{ $name }{ $facts }。
draft-requests-received = { $year }年，{ $name }新收政府信息公开申请{ $received }件{ $change }，其中自然人申请{ $persons }件，法人或其他组织申请{ $organisations }件；上年结转政府信息公开申请{ $carried }件。
draft-requests-results = 本年度办理结果中，{ $results }；办理结果总计{ $total }件{ $change }；结转下年度继续办理{ $forward }件。
draft-result-granted = 予以公开
draft-result-partially-granted = 部分公开
draft-result-withheld = 不予公开
draft-result-unable = 无法提供
draft-result-not-processed = 不予处理
draft-result-other = 其他处理
draft-appeals = { $year }年，{ $name }发生政府信息公开行政复议案件{ $reviews }件{ $reviews_change }，其中结果维持{ $reviews_upheld }件，结果纠正{ $reviews_corrected }件，其他结果{ $reviews_other }件，尚未审结{ $reviews_pending }件；发生政府信息公开行政诉讼案件{ $suits }件{ $suits_change }，其中未经复议直接起诉{ $suits_direct }件、复议后起诉{ $suits_after_review }件，结果维持{ $suits_upheld }件，结果纠正{ $suits_corrected }件，其他结果{ $suits_other }件，尚未审结{ $suits_pending }件。

## gongkai generate --variety（issue 18）：各单位自己的工具保存的表格
help-generate-variety = 配合 --layout grid：每个单位的表格按其自用工具的保存方式生成（标题行写明单位、各行不补齐、零值留空或填 0、+3、半角括号 (一)、省略序号、金额带元/万元/亿、UTF-8、GBK 或带 BOM、CRLF 换行、多余空行、末尾附注行），文件名为 DIR/<年度>/<单位>.csv；完整读取器读回的数值与生成的一致
synth-variety-layout = --variety 不能与 --layout { $layout } 同时使用：多样格式只适用于官方表格；请使用 --layout grid

## import-report 读取（issue 19，pageread）：标题、文件名、页面元数据、文字识别与 Markdown 文本
pages-year-differs = 文件名“{ $name }”中的年度为 { $name_year } 年，页面标题为 { $title_year } 年，已按标题记为 { $title_year } 年。请核对。
pages-unit-from-column = 标题中没有报告单位名称，已按页面所在栏目（ColumnName）记为“{ $name }”。请核对单位名称。
pages-unit-from-site = 标题中没有报告单位名称，已按网站名称（SiteName）记为“{ $name }”；部门发布在本级政府网站上的报告会因此记错单位。请核对单位名称。
pages-title-from-meta = 页面上没有报告标题，单位和年度取自页面元数据（{ $field }：“{ $title }”）。请核对。
pages-ocr-number = “{ $text }”已按数字 { $value } 读取（文字识别常把 0、1 识别为字母 O、l）。请核对原件。
pages-ocr-unreadable = “{ $text }”位于一行数字之中，但不是数字，该行数值未读取。请核对原件。

## gongkai audit（议题 19 第 4 项）：成批核查已发布的年度报告、C1、单位名录别名
registry-alias-taken = { $unit } 的别名已是 { $other } 的名称或别名
registry-alias-once = 只属于一个单位的别名
rule-c1 = { $place }填 { $value }，下级 { $children } 个单位的报告之和为 { $sum }，相差 { $diff }。请对照下级单位的报告核对此格。
rule-c1-missing = 下级 { $due } 个单位中有 { $count } 个没有报告，核对所用的合计未计入：{ $units }
rule-c1-not-found = （{ $count } 个下级单位的报告中未找到此格，按 0 计：{ $units }）
audit-twice = 与 { $used } 为同一单位、同一年度的报告；跨年度核对和上下级核对使用该文件
audit-no-reports = audit：没有可读取的报告（请给出文件，或含已发布报告的文件夹：网页、复制的文字、Word、PDF、工作簿）
audit-unreconciled = 提示：{ $unit } { $year }年度未与下级核对：其 { $due } 个下级单位都没有报告
audit-summary = audit：文件 { $files } 个，报告 { $reports } 份（{ $units } 个单位），未读出报告的文件 { $unreadable } 个；错误 { $errors } 项，提示 { $warnings } 项；有错误的文件 { $failing } 个
audit-report-heading = { $rank }. { $unit } { $year }年（{ $file }）：错误 { $errors } 项，提示 { $warnings } 项
audit-file-heading = { $rank }. { $file }：未读出报告
audit-published-as = 报告署名为 { $name }
audit-col-rank = 排名
audit-col-unit = 单位
audit-col-year = 年度
audit-col-form = 表式
audit-col-file = 文件
audit-col-values = 数值
audit-col-blank = 空格
audit-col-errors = 错误
audit-col-warnings = 提示
audit-col-rules = 规则
audit-title = 已发布年度报告核查：{ $reports } 份报告
audit-lead = 文件 { $files } 个：读出报告 { $reports } 份，有错误的 { $failing } 份，未读出报告的 { $unreadable } 个。按问题从多到少排列：先看错误数，再看提示数。
audit-footer = 本页由 gongkai audit 生成，可离线打开，不发出任何网络请求。每个问题都注明所在文件和位置。
help-audit-about = 成批核查已发布的年度报告：逐份校验，同一单位相邻年度互相核对（X1–X4），上级报告与下级报告之和核对（C1）；按问题从多到少排列
help-audit-paths = 已发布的报告及其所在文件夹：另存的网页（.html，任意字符集）、复制的文字（.txt）、Word（.docx）、PDF、工作簿；文件夹会逐一查找，并行读取
help-audit-units = 单位名录（unit,kind,parent[,from,to,reorganised,aliases]）：aliases 为单位报告曾用的其他名称；有下级单位（parent）的单位，其报告与下级报告之和核对（C1）。默认：输入文件夹或其上级中的 units.csv
help-audit-allow = 不检查某条规则（C1、R1…R6、X1…X4 或 coverage）；可重复
help-audit-format = table：排名表，其后列出各报告的问题；csv：unit,year,form,file,values,blank,errors,warnings,rules（问题输出到标准错误）；json：排名及各报告的问题；html：可离线打开的网页
help-audit-examples =
    示例：
      gongkai audit 报告/
          文件夹中全部已发布报告，问题多的在前，附各自的问题
      gongkai audit 报告/ --units units.csv -o 核查.html
          配合单位名录：识别曾用名，并将市级报告与各区县、部门报告之和核对
      gongkai audit 报告/ -o 核查.csv
          排名表，供电子表格使用

## import-report 直接读取门户网站：获取网址、留存证据（issue 19 第 5 项）
help-arg-urls = 报告网址清单文件：每行一个网址（空行和以 # 开头的行跳过）；与 FILE|URL 中的网址一样获取
help-arg-allow-private = 也访问内网、本机回环、链路本地等非公网地址（默认拒绝，重定向后同样检查）
help-arg-evidence = 留存获取页面的文件夹：页面按原样保存，另附记录（.json）写明网址、最终网址、状态码、Content-Type、获取时间（UTC）、SHA-256 和大小；默认：--out 所在文件夹下的 evidence，否则为 ./evidence
help-arg-timeout = 每个网址的应答时限（秒），含重定向和页面内容
help-arg-connect-timeout = 连接服务器的时限（秒）
help-arg-max-size = 页面大小上限：字节数，或带 K、M（KiB、MiB）
help-arg-max-redirects = 每个网址最多跟随的重定向次数，超过即报错
help-arg-pace = 对同一主机两次请求之间的最短间隔（秒）（请求逐个发出）
cli-not-seconds = 不是秒数：{ $value }
cli-not-size = 不是大小（字节数，或带 K、M 的数）：{ $value }
fetch-bad-address = 不是网址（应以 http:// 或 https:// 开头）：{ $detail }
fetch-dns = 无法解析域名 { $host }：{ $detail }
fetch-non-public = 已拒绝：{ $host } 的地址 { $ip } 是{ $kind }，不是公网地址；确需访问请加 --allow-private
fetch-kind-unspecified = 未指定地址
fetch-kind-loopback = 本机回环地址
fetch-kind-private = 内网地址
fetch-kind-link-local = 链路本地地址
fetch-kind-unique-local = 唯一本地地址（IPv6 内网）
fetch-kind-multicast = 组播地址
fetch-kind-reserved = 保留地址或文档示例地址
fetch-connect-timeout = { $seconds } 秒内未能连接（--connect-timeout）
fetch-timeout = { $seconds } 秒内未收到完整应答（--timeout）
fetch-network = 连接失败：{ $detail }
fetch-too-large = 页面超过 { $limit } 字节（--max-size）
fetch-too-many-redirects = 重定向超过 { $limit } 次（--max-redirects）
fetch-bad-redirect = 重定向到 { $location }，不是网址
fetch-status = 服务器返回 HTTP { $status } { $reason }
fetch-other = 获取失败：{ $detail }
html-header-invalid = 服务器 Content-Type 声明的字符集为 { $charset }，但页面内容不符合该编码
html-header-not-chinese = 服务器 Content-Type 声明的字符集 { $charset } 不适用于中文，已忽略
sources-not-an-address = 不是网址
sources-address-expected = 以 http:// 或 https:// 开头的网址
sources-urls-unreadable = 无法读取网址清单：{ $error }
sources-listed-twice = { $address } 重复列出，只获取一次
sources-fetched = { $address }：已获取，HTTP { $status }，{ $size } 字节{ $redirected }；留存为 { $file }
sources-redirected = ，经重定向至 { $to }
sources-kept-anyway = { $error }；页面已留存为 { $file }
sources-evidence-failed = 页面无法留存为证据：{ $error }
sources-evidence = 共获取 { $count } 个页面，已留存为证据，位于 { $dir }
## 正文与表格对照（issue 19 第 3 项，规则 N1）：正文所述数字与表格不符
narrative-mismatch = { $section }称“{ $quote }”，{ $table }，相差 { $diff }。请核对正文或表格。
narrative-section = { $name }
narrative-section-none = 正文
narrative-cell-value = { $cell }为 { $value }
narrative-parts = （{ $parts }）
narrative-part = { $label } { $value }
narrative-together = 合计 { $value }
narrative-separator = ，
