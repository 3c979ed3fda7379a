//! Name material: provinces, place-name characters and the departments of a local government,
//! each department with the size of its caseload.

/// Provinces and autonomous regions (the municipalities are cities themselves).
pub(crate) const PROVINCES: &[&str] = &[
    "河北省",
    "山西省",
    "辽宁省",
    "吉林省",
    "黑龙江省",
    "江苏省",
    "浙江省",
    "安徽省",
    "福建省",
    "江西省",
    "山东省",
    "河南省",
    "湖北省",
    "湖南省",
    "广东省",
    "海南省",
    "四川省",
    "贵州省",
    "云南省",
    "陕西省",
    "甘肃省",
    "青海省",
    "内蒙古自治区",
    "广西壮族自治区",
    "西藏自治区",
    "宁夏回族自治区",
    "新疆维吾尔自治区",
];

/// Characters that make up Chinese place names; two (or three) of them make a city, county,
/// district, town or street.
pub(crate) const PLACE_CHARS: &[char] = &[
    '安', '宁', '城', '关', '七', '里', '河', '西', '固', '红', '古', '永', '登', '皋', '兰', '榆',
    '中', '东', '南', '北', '平', '山', '阳', '江', '湖', '清', '泉', '水', '丰', '泰', '华', '新',
    '昌', '德', '兴', '临', '川', '定', '武', '威', '靖', '远', '通', '化', '庆', '云', '龙', '凤',
    '林', '松', '桂', '梅', '石', '岭', '峰', '源', '溪', '沙', '海', '滨', '洲', '台', '明', '光',
    '长', '乐', '福', '寿', '康', '吉', '祥', '和', '顺', '广', '宜', '信', '仁', '义', '正', '文',
    '成', '金', '银', '玉', '白', '青', '黄', '丹', '崇', '高', '汉', '秦', '晋', '宝', '延', '商',
    '洛', '柳', '杨', '桃', '荷', '莲', '方', '合', '嘉', '鹤', '岗', '坪', '岩', '营', '口', '集',
    '店', '桥', '塘', '湾', '坝', '堡', '屯', '庄', '寨', '铺', '埠', '津', '浦', '潭', '陵', '阴',
    '盛', '隆', '昭', '绥', '怀', '会', '宣', '恩', '施', '涪', '綦', '蓬', '邛', '崃', '岷', '沅',
];

/// How many cases a department handles in a year, as a class: 0 none … 5 the largest
/// (市场监管's licences, 公安's penalties).
pub(crate) type Class = u8;

/// One department of a city or county government.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Department {
    /// Appended to the place name: `兰州市` + `财政局`.
    pub suffix: &'static str,
    /// Ordered first when a government has few departments: most have these.
    pub core: bool,
    pub licensing: Class,
    pub penalty: Class,
    pub coercion: Class,
    pub other_services: Class,
    pub requests: Class,
    pub procurement: Class,
    pub fees: Class,
    /// Drafts 规章 (only at city level: the government office and the justice bureau).
    pub regulations: bool,
}

const fn dept(
    suffix: &'static str,
    core: bool,
    [licensing, penalty, coercion, other_services, requests, procurement, fees]: [Class; 7],
) -> Department {
    Department {
        suffix,
        core,
        licensing,
        penalty,
        coercion,
        other_services,
        requests,
        procurement,
        fees,
        regulations: false,
    }
}

const fn drafts(mut d: Department) -> Department {
    d.regulations = true;
    d
}

/// Classes: licensing, penalty, coercion, other services, requests, procurement, fees.
pub(crate) const DEPARTMENTS: &[Department] = &[
    drafts(dept("人民政府办公室", true, [0, 0, 0, 1, 2, 1, 0])),
    dept("发展和改革委员会", true, [2, 1, 0, 2, 1, 1, 1]),
    dept("教育局", true, [2, 1, 0, 2, 2, 3, 1]),
    dept("公安局", true, [5, 5, 4, 4, 2, 2, 2]),
    dept("民政局", true, [2, 1, 0, 3, 2, 1, 0]),
    drafts(dept("司法局", true, [1, 1, 0, 2, 2, 1, 0])),
    dept("财政局", true, [1, 1, 0, 1, 1, 1, 1]),
    dept("人力资源和社会保障局", true, [3, 2, 1, 4, 2, 1, 1]),
    dept("自然资源局", true, [4, 3, 2, 3, 3, 2, 2]),
    dept("生态环境局", true, [3, 4, 3, 2, 2, 1, 1]),
    dept("住房和城乡建设局", true, [4, 3, 2, 3, 3, 2, 2]),
    dept("交通运输局", true, [4, 4, 3, 3, 2, 2, 2]),
    dept("卫生健康委员会", true, [4, 3, 2, 3, 2, 2, 1]),
    dept("市场监督管理局", true, [5, 4, 3, 3, 2, 1, 1]),
    dept("农业农村局", false, [3, 3, 2, 3, 1, 1, 1]),
    dept("水务局", false, [3, 2, 1, 2, 1, 2, 1]),
    dept("商务局", false, [2, 1, 0, 2, 1, 1, 0]),
    dept("文化和旅游局", false, [3, 3, 1, 2, 1, 1, 1]),
    dept("退役军人事务局", false, [0, 0, 0, 2, 1, 1, 0]),
    dept("应急管理局", false, [3, 3, 2, 2, 1, 1, 0]),
    dept("审计局", false, [0, 0, 0, 0, 1, 1, 0]),
    dept("统计局", false, [0, 1, 0, 1, 1, 0, 0]),
    dept("医疗保障局", false, [1, 2, 0, 3, 1, 1, 0]),
    dept("城市管理综合执法局", false, [3, 4, 4, 3, 2, 2, 1]),
    dept("林业和草原局", false, [3, 2, 1, 1, 1, 1, 0]),
    dept("行政审批服务局", false, [5, 0, 0, 4, 2, 1, 0]),
    dept("科学技术局", false, [1, 0, 0, 1, 1, 1, 0]),
    dept("工业和信息化局", false, [2, 1, 0, 1, 1, 1, 0]),
    dept("信访局", false, [0, 0, 0, 1, 1, 0, 0]),
    dept("民族宗教事务委员会", false, [1, 0, 0, 1, 0, 0, 0]),
    dept("国有资产监督管理委员会", false, [0, 0, 0, 1, 1, 0, 0]),
    dept("机关事务管理局", false, [0, 0, 0, 1, 0, 2, 0]),
    dept("体育局", false, [1, 1, 0, 1, 0, 1, 0]),
    dept("外事办公室", false, [1, 0, 0, 1, 0, 0, 0]),
    dept("档案馆", false, [0, 0, 0, 2, 1, 0, 1]),
    dept("人民防空办公室", false, [2, 2, 1, 1, 1, 1, 1]),
    dept("地方金融监督管理局", false, [1, 1, 0, 1, 1, 0, 0]),
    dept("粮食和物资储备局", false, [1, 1, 0, 1, 0, 1, 0]),
    dept("数据局", false, [0, 0, 0, 1, 1, 1, 0]),
    dept("乡村振兴局", false, [0, 0, 0, 1, 1, 1, 0]),
];

/// Index of the government office: a district's or county's own government is the district
/// unit itself, so its departments leave this one out.
pub(crate) const GOVERNMENT_OFFICE: usize = 0;
