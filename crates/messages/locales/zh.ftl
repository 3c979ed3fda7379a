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

# 数值类型与数值错误（form）。
value-expected-count = 不小于 0 的整数
value-expected-signed = 整数（可为负数）
value-expected-money = 不小于 0 的金额，以万元计（也可注明单位：元、万元、亿）
value-not-a-number = 不是数字
value-not-whole = 不是整数
value-too-precise = 金额精确到分以下
value-too-large = 数值过大，超出可处理的范围
value-unit-in-count = 数量栏中填了金额单位
list-separator = 、

# 未计入汇总的报表照常核对（ingest）。
read-rule-not-checked = { $scope }未核对：{ $cells }未能读取
read-rule-not-checked-implied = { $scope }未核对：{ $cells }未能读取；该格若为 { $value }，则本项相符
