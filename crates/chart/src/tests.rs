//! Whole charts drawn in memory: SVG and PNG, with and without fonts.

use super::*;
use fonts::tests::latin_only_database;

fn sample(n: usize) -> Vec<Series> {
    let names = [
        (
            "本年新收政府信息公开申请数量",
            "requests.new_received.total",
            false,
        ),
        ("予以公开", "requests.granted.total", false),
        ("部分公开", "requests.partially_granted.total", false),
        ("不予公开", "requests.withheld.total", false),
        ("行政复议", "appeals.reconsideration.total", false),
        ("未经复议直接起诉", "appeals.litigation_direct.total", false),
        (
            "复议后起诉",
            "appeals.litigation_after_reconsideration.total",
            false,
        ),
        ("公开率", "rate.disclosure", true),
        ("不予公开占比", "rate.withheld", true),
        ("无此信息占比", "rate.not_held", true),
        ("不予处理占比", "rate.not_processed", true),
        ("复议纠错率", "rate.reconsideration_corrected", true),
        ("诉讼纠错率", "rate.litigation_corrected", true),
        ("自然人申请占比", "rate.natural_person", true),
    ];
    names
        .iter()
        .take(n)
        .enumerate()
        .map(|(i, &(zh, en, rate))| {
            let points = (2019..=2023)
                .map(|y| {
                    let k = (y - 2019) as f64;
                    // 2021 has no comparable value in every third series, the rest are full.
                    let v = if rate {
                        0.4 + 0.05 * k + 0.02 * i as f64
                    } else {
                        1200.0 + 310.0 * k - 37.0 * i as f64 * k
                    };
                    (y, (!(y == 2021 && i % 3 == 0)).then_some(v))
                })
                .collect();
            Series {
                label_zh: zh.to_string(),
                label_en: en.to_string(),
                points,
                is_rate: rate,
            }
        })
        .collect()
}

const TITLE_ZH: &str = "兰州市 政府信息公开 2019–2023";
const TITLE_EN: &str = "Lanzhou government information disclosure 2019–2023";

/// The contents of the SVG's `<text>` elements, trimmed.
fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            let body = &t[t.find('>')? + 1..t.find("</text>")?];
            Some(body.trim().to_string())
        })
        .collect()
}

/// The system's fonts less the CJK ones: English labels.
fn latin_fonts() -> Fonts {
    Fonts::discover(&latin_only_database(), None)
}

/// Not a check: writes /tmp/chart-test*.png and .svg to look at.
#[test]
#[ignore]
fn chart_demo() {
    let save = |name: &str, chart: Chart| std::fs::write(name, chart.bytes).unwrap();
    let mut s = sample(14);
    s[0].points[4].1 = None;
    let draw = |format, series: &[Series]| draw(format, TITLE_ZH, TITLE_EN, series).unwrap();
    save("/tmp/chart-test.png", draw(Format::Png, &s));
    save("/tmp/chart-test.svg", draw(Format::Svg, &s));
    save("/tmp/chart-test-3.png", draw(Format::Png, &s[5..8]));
    // Edge cases: a long span, small counts, one lone value, nothing comparable.
    let long =
        |f: &dyn Fn(i32) -> Option<f64>| (2008..=2024).map(|y| (y, f(y))).collect::<Vec<_>>();
    let edge = vec![
        Series {
            label_zh: "行政复议·纠正".into(),
            label_en: "appeals.reconsideration.corrected".into(),
            points: long(&|y| Some(f64::from((y * 7) % 4))),
            is_rate: false,
        },
        Series {
            label_zh: "复议纠错率".into(),
            label_en: "rate.reconsideration_corrected".into(),
            points: long(&|y| (y == 2015).then_some(0.125)),
            is_rate: true,
        },
        Series {
            label_zh: "不予处理占比".into(),
            label_en: "rate.not_processed".into(),
            points: long(&|_| None),
            is_rate: true,
        },
        Series {
            label_zh: "收费金额（万元）".into(),
            label_en: "fees".into(),
            points: long(&|y| Some(0.05 * f64::from(y - 2000))),
            is_rate: false,
        },
    ];
    save(
        "/tmp/chart-test-edge.png",
        super::draw(
            Format::Png,
            "边界情况 2008–2024",
            "Edge cases 2008–2024",
            &edge,
        )
        .unwrap(),
    );
    let en = draw_with(Format::Png, TITLE_ZH, TITLE_EN, &s[..7], &latin_fonts()).unwrap();
    save("/tmp/chart-test-en.png", en);
}

#[test]
fn chart_svg_for_3_to_14_series() {
    for n in [3, 7, 14] {
        let chart = draw(Format::Svg, TITLE_ZH, TITLE_EN, &sample(n)).unwrap();
        assert!(
            chart.drawn.chinese,
            "SVG labels are Chinese: the viewer's fonts render them"
        );
        let svg = String::from_utf8(chart.bytes).unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..80]);
        assert!(svg.trim_end().ends_with("</svg>"));
        assert!(svg.len() > 2048, "{} bytes", svg.len());
        let texts = svg_texts(&svg);
        for year in 2019..=2023 {
            assert!(
                texts.contains(&year.to_string()),
                "year {year} is a tick label"
            );
        }
        assert!(!texts.iter().any(|t| t.starts_with("20") && t.contains('.')));
        assert!(svg.contains("兰州市 政府信息公开 2019–2023"));
        if n >= 8 {
            assert!(texts.contains(&"公开率 (%)".to_string()), "rate caption");
            assert!(texts.iter().any(|t| t.ends_with('%')), "rate ticks");
        }
        assert!(svg.contains("Noto Sans CJK SC"), "CJK font-family list");
        // Balanced text elements: XML-ish.
        assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
    }
}

#[test]
fn chart_svg_without_any_font_file() {
    let chart = draw_with(
        Format::Svg,
        TITLE_ZH,
        TITLE_EN,
        &sample(5),
        &Fonts::default(),
    )
    .unwrap();
    assert_eq!(
        chart.drawn,
        Drawn {
            chinese: true,
            font: None
        }
    );
    let svg = String::from_utf8(chart.bytes).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains(TITLE_ZH));
    assert!(svg_texts(&svg).contains(&"2023".to_string()));
}

fn decode_png(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

#[test]
fn chart_png_for_3_to_14_series() {
    let fonts = fonts::system();
    for n in [3, 14] {
        match draw(Format::Png, TITLE_ZH, TITLE_EN, &sample(n)) {
            Ok(chart) => {
                assert_eq!(chart.drawn.chinese, fonts.cjk.is_some());
                assert!(chart.drawn.font.is_some());
                let (w, h, rgb) = decode_png(&chart.bytes);
                assert!(
                    (800..=2000).contains(&w) && (400..=2000).contains(&h),
                    "{w}×{h}"
                );
                assert!(chart.bytes.len() > 10_000);
                // Not blank: white background, dark text, coloured lines.
                let dark = rgb.chunks(3).filter(|p| p.iter().all(|&c| c < 80)).count();
                let coloured = rgb.chunks(3).filter(|p| p[0].abs_diff(p[2]) > 60).count();
                assert!(
                    dark > 500 && coloured > 500,
                    "dark {dark}, coloured {coloured}"
                );
            }
            Err(e) => {
                // Only a machine without any font file may refuse a PNG.
                assert!(fonts.cjk.is_none() && fonts.latin.is_none(), "{e}");
                assert!(e.to_string().contains("font"));
            }
        }
    }
}

#[test]
fn chart_png_english_with_a_latin_font() {
    let fonts = latin_fonts();
    let Some(latin) = &fonts.latin else {
        return;
    };
    let chart = draw_with(Format::Png, TITLE_ZH, TITLE_EN, &sample(4), &fonts).unwrap();
    assert_eq!(
        chart.drawn,
        Drawn {
            chinese: false,
            font: latin.path.clone()
        }
    );
    assert!(chart.drawn.font.is_some());
    let (w, h, _) = decode_png(&chart.bytes);
    assert_eq!((w, h), Layout::new(4).size);
}

#[test]
fn chart_png_without_any_font_is_an_error() {
    let e = draw_with(
        Format::Png,
        TITLE_ZH,
        TITLE_EN,
        &sample(3),
        &Fonts::default(),
    )
    .unwrap_err();
    assert!(matches!(e, ChartError::NoFont));
    assert!(e.to_string().contains("fonts-noto-cjk"), "{e}");
    assert!(e.to_string().contains("no font"), "{e}");
}

#[test]
fn chart_unknown_extension_is_an_error() {
    for name in ["trend.pdf", "trend", "trend.svg.txt", "svg", ".png"] {
        assert_eq!(Format::from_path(Path::new(name)), None, "{name}");
    }
    assert_eq!(
        Format::from_path(Path::new("out/trend.SVG")),
        Some(Format::Svg)
    );
    assert_eq!(Format::from_path(Path::new("trend.png")), Some(Format::Png));
    for format in [Format::Svg, Format::Png] {
        let e = draw(format, TITLE_ZH, TITLE_EN, &[]).unwrap_err();
        assert!(matches!(e, ChartError::NoSeries), "{e}");
    }
}

#[test]
fn chart_same_input_same_bytes() {
    let s = sample(5);
    let svg = draw(Format::Svg, TITLE_ZH, TITLE_EN, &s).unwrap();
    assert_eq!(svg, draw(Format::Svg, TITLE_ZH, TITLE_EN, &s).unwrap());
    if let Ok(png) = draw(Format::Png, TITLE_ZH, TITLE_EN, &s) {
        assert_eq!(png, draw(Format::Png, TITLE_ZH, TITLE_EN, &s).unwrap());
    }
}
