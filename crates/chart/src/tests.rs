//! Whole charts drawn in memory: SVG and PNG, with and without fonts, both presets, and the
//! geometry they were painted with.

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
                breaks: Vec::new(),
            }
        })
        .collect()
}

/// The full grid of the first `n` sample series.
fn grid(n: usize) -> Figure {
    Figure::grid(TITLE_ZH, TITLE_EN, sample(n))
}

fn years(values: &[Option<f64>]) -> Vec<(i32, Option<f64>)> {
    (2019..).zip(values.iter().copied()).collect()
}

fn line(zh: &str, values: &[Option<f64>], breaks: &[i32], is_rate: bool) -> Series {
    let en = match zh {
        "本年新收" => "new applications",
        "公开率" => "disclosure rate",
        "行政复议" => "reconsiderations",
        "行政诉讼" => "lawsuits",
        "本年新制作数量" => "made (2019 form)",
        "本年制发件数" => "issued (2021 form)",
        _ => "line",
    };
    Series {
        label_zh: zh.to_string(),
        label_en: en.to_string(),
        points: years(values),
        is_rate,
        breaks: breaks.to_vec(),
    }
}

fn counts(v: &[i64]) -> Vec<Option<f64>> {
    v.iter().map(|&v| Some(v as f64)).collect()
}

/// Four panels as the CLI's report preset draws them, on the Lanzhou sample's city totals.
fn report() -> Figure {
    let panel = |zh: &str, lines: Vec<Series>| Panel {
        title_zh: zh.to_string(),
        title_en: format!("{} (en)", lines.first().map_or("", |s| s.label_en.as_str())),
        unit_zh: Some("件".into()),
        unit_en: Some("cases".into()),
        lines,
    };
    let rates = [0.8438538, 0.8543417, 0.8388626, 0.8388278, 0.8287671].map(Some);
    let docs_old = [Some(1589.0), Some(1705.0), None, None, None];
    let docs_new = [None, None, Some(1847.0), Some(1728.0), Some(1961.0)];
    Figure {
        title_zh: "兰州市政府信息公开工作年度报告图表 2019–2023年".into(),
        title_en: "Lanzhou: government information disclosure, 2019–2023".into(),
        preset: Preset::Report,
        incomplete: Vec::new(),
        panels: vec![
            panel(
                "本年新收政府信息公开申请数量",
                vec![line(
                    "本年新收",
                    &counts(&[306, 343, 432, 556, 578]),
                    &[],
                    false,
                )],
            ),
            panel("公开率", vec![line("公开率", &rates, &[], true)]),
            panel(
                "政府信息公开行政复议、行政诉讼",
                vec![
                    line("行政复议", &counts(&[61, 68, 70, 83, 83]), &[], false),
                    line("行政诉讼", &counts(&[51, 55, 60, 70, 70]), &[], false),
                ],
            ),
            panel(
                "主动公开：行政规范性文件",
                vec![
                    line("本年新制作数量", &docs_old, &[], false),
                    line("本年制发件数", &docs_new, &[2021], false),
                ],
            ),
        ],
    }
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
    let draw = |format, series: &[Series]| {
        draw(format, &Figure::grid(TITLE_ZH, TITLE_EN, series.to_vec())).unwrap()
    };
    save("/tmp/chart-test.png", draw(Format::Png, &s));
    save("/tmp/chart-test.svg", draw(Format::Svg, &s));
    save("/tmp/chart-test-3.png", draw(Format::Png, &s[5..8]));
    save(
        "/tmp/chart-test-report.png",
        super::draw(Format::Png, &report()).unwrap(),
    );
    save(
        "/tmp/chart-test-report.svg",
        super::draw(Format::Svg, &report()).unwrap(),
    );
    // Edge cases: a long span, small counts, one lone value, nothing comparable.
    let long =
        |f: &dyn Fn(i32) -> Option<f64>| (2008..=2024).map(|y| (y, f(y))).collect::<Vec<_>>();
    let edge = vec![
        Series {
            label_zh: "行政复议·纠正".into(),
            label_en: "appeals.reconsideration.corrected".into(),
            points: long(&|y| Some(f64::from((y * 7) % 4))),
            is_rate: false,
            breaks: Vec::new(),
        },
        Series {
            label_zh: "复议纠错率".into(),
            label_en: "rate.reconsideration_corrected".into(),
            points: long(&|y| (y == 2015).then_some(0.125)),
            is_rate: true,
            breaks: Vec::new(),
        },
        Series {
            label_zh: "不予处理占比".into(),
            label_en: "rate.not_processed".into(),
            points: long(&|_| None),
            is_rate: true,
            breaks: Vec::new(),
        },
        Series {
            label_zh: "收费金额（万元）".into(),
            label_en: "fees".into(),
            points: long(&|y| Some(0.05 * f64::from(y - 2000))),
            is_rate: false,
            breaks: vec![2021],
        },
    ];
    save(
        "/tmp/chart-test-edge.png",
        super::draw(
            Format::Png,
            &Figure::grid("边界情况 2008–2024", "Edge cases 2008–2024", edge),
        )
        .unwrap(),
    );
    let en = draw_with(Format::Png, &grid(7), &latin_fonts()).unwrap().0;
    save("/tmp/chart-test-en.png", en);
    let mut en_report = draw_with(Format::Png, &report(), &latin_fonts()).unwrap().0;
    en_report.drawn.font = None;
    save("/tmp/chart-test-report-en.png", en_report);
    let mut incomplete = report();
    incomplete.incomplete = vec![2022];
    let incomplete = super::draw(Format::Png, &incomplete).unwrap();
    save("/tmp/chart-test-report-incomplete.png", incomplete);
}

#[test]
fn chart_svg_for_3_to_14_series() {
    for n in [3, 7, 14] {
        let chart = draw(Format::Svg, &grid(n)).unwrap();
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
    let (chart, _) = draw_with(Format::Svg, &grid(5), &Fonts::default()).unwrap();
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
        match draw(Format::Png, &grid(n)) {
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
    let (chart, _) = draw_with(Format::Png, &grid(4), &fonts).unwrap();
    assert_eq!(
        chart.drawn,
        Drawn {
            chinese: false,
            font: latin.path.clone()
        }
    );
    assert!(chart.drawn.font.is_some());
    let (w, h, _) = decode_png(&chart.bytes);
    // Two notes: the grid's, and the grey bands' (the sample's first series misses 2021).
    assert_eq!((w, h), Layout::new(Preset::Full, 4, 2).size);
}

#[test]
fn chart_png_without_any_font_is_an_error() {
    let e = draw_with(Format::Png, &grid(3), &Fonts::default()).unwrap_err();
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
        let e = draw(format, &grid(0)).unwrap_err();
        assert!(matches!(e, ChartError::NoSeries), "{e}");
        let mut mixed = report();
        mixed.panels[2].lines[1].is_rate = true;
        let e = draw(format, &mixed).unwrap_err();
        assert!(e.to_string().contains("mixes rates"), "{e}");
    }
}

#[test]
fn chart_same_input_same_bytes() {
    for figure in [grid(5), report()] {
        let svg = draw(Format::Svg, &figure).unwrap();
        assert_eq!(svg, draw(Format::Svg, &figure).unwrap());
        if let Ok(png) = draw(Format::Png, &figure) {
            assert_eq!(png, draw(Format::Png, &figure).unwrap());
        }
    }
}

/// Checks a painted panel's labels against its geometry by sampling, independently of the
/// placement's own tests: inside the plot and off its axes, off every line and point, apart.
fn assert_labels_clear(panel: &plot::PanelLayout) {
    let plot = panel.plot.expect("a plot area");
    let labels: Vec<&labels::Rect> = panel.labels.iter().map(|(_, r)| r).collect();
    for (i, (text, r)) in panel.labels.iter().enumerate() {
        assert!(
            r.x0 > plot.x0 && r.x1 < plot.x1 && r.y0 > plot.y0 && r.y1 < plot.y1,
            "{}: {text} {r:?} is on an axis or outside the plot {plot:?}",
            panel.title
        );
        for &(a, b) in &panel.scene.segments {
            let n = ((b.0 - a.0).hypot(b.1 - a.1) * 2.0).ceil().max(1.0) as usize;
            for k in 0..=n {
                let t = k as f64 / n as f64;
                let (x, y) = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
                assert!(
                    !(x > r.x0 - 2.0 && x < r.x1 + 2.0 && y > r.y0 - 2.0 && y < r.y1 + 2.0),
                    "{}: {text} {r:?} sits on the line {a:?}–{b:?}",
                    panel.title
                );
            }
        }
        for &(c, rad) in &panel.scene.marks {
            let (nx, ny) = (c.0.clamp(r.x0, r.x1), c.1.clamp(r.y0, r.y1));
            assert!(
                (c.0 - nx).hypot(c.1 - ny) >= rad,
                "{}: {text} on the point {c:?}",
                panel.title
            );
        }
        for o in labels.iter().skip(i + 1) {
            assert!(
                !r.overlaps(o),
                "{}: {text} {r:?} overlaps {o:?}",
                panel.title
            );
        }
    }
}

#[test]
fn chart_report_has_four_panels_every_value_written_clear_of_the_lines() {
    let fonts = fonts::system();
    for format in [Format::Svg, Format::Png] {
        let Ok((chart, painted)) = draw_with(format, &report(), fonts) else {
            assert!(fonts.cjk.is_none() && fonts.latin.is_none());
            continue;
        };
        assert_eq!(painted.panels.len(), 4);
        for panel in &painted.panels {
            assert_eq!(
                panel.labels.len(),
                panel.wanted,
                "{}: every value written",
                panel.title
            );
            assert_labels_clear(panel);
        }
        // Every value, exact: counts whole, rates to a tenth of a percent.
        let written: Vec<&str> = painted
            .panels
            .iter()
            .flat_map(|p| p.labels.iter().map(|(t, _)| t.as_str()))
            .collect();
        for v in ["306", "578", "84.4%", "82.9%", "61", "70", "1,589", "1,961"] {
            assert!(written.contains(&v), "{v} in {written:?}");
        }
        assert_eq!(written.len(), 5 + 5 + 10 + 5);
        // The documents' panel draws the form change; nothing else breaks or has gaps.
        let breaks: Vec<&[i32]> = painted.panels.iter().map(|p| p.breaks.as_slice()).collect();
        assert_eq!(breaks, [&[][..], &[], &[], &[2021]]);
        assert!(painted.panels.iter().all(|p| p.gaps.is_empty()));
        assert_eq!(painted.notes.len(), 1, "{:?}", painted.notes);
        if chart.drawn.chinese {
            assert!(painted.notes[0].contains("2021年起报表格式调整"));
        }
        if format == Format::Svg {
            let svg = String::from_utf8(chart.bytes).unwrap();
            let texts = svg_texts(&svg);
            for title in [
                "本年新收政府信息公开申请数量",
                "公开率",
                "主动公开：行政规范性文件",
            ] {
                assert_eq!(texts.iter().filter(|t| *t == title).count(), 1, "{title}");
            }
            assert_eq!(texts.iter().filter(|t| t.starts_with("单位：")).count(), 4);
            assert!(texts.contains(&"单位：%".to_string()));
            assert_eq!(texts.iter().filter(|t| *t == "2021年").count(), 4);
            for legend in ["行政复议", "行政诉讼", "本年新制作数量", "本年制发件数"]
            {
                assert!(texts.contains(&legend.to_string()), "legend {legend}");
            }
        }
    }
}

#[test]
fn chart_grid_labels_clear_and_ticks_even() {
    let (_, painted) = draw_with(Format::Svg, &grid(14), fonts::system()).unwrap();
    assert_eq!(painted.panels.len(), 14);
    for panel in &painted.panels {
        assert_eq!(panel.wanted, 1, "the grid writes the latest value only");
        assert_eq!(panel.labels.len(), 1, "{}", panel.title);
        assert_labels_clear(panel);
        // Tick labels: 4 to 8, evenly spaced as written (no float noise to hide behind).
        let ticks: Vec<f64> = panel
            .ticks
            .iter()
            .map(|t| t.trim_end_matches('%').replace(',', "").parse().unwrap())
            .collect();
        assert!((4..=8).contains(&ticks.len()), "{:?}", panel.ticks);
        let step = ticks[1] - ticks[0];
        for w in ticks.windows(2) {
            assert!(
                ((w[1] - w[0]) - step).abs() < step * 1e-9,
                "{:?}",
                panel.ticks
            );
        }
    }
    // The sample's every third series has no 2021 value: grey bands, and their note.
    assert!(painted.notes.iter().any(|n| n.starts_with("灰色竖条")));
    assert!(!painted.notes.iter().any(|n| n.contains("报表格式")));
}

#[test]
fn chart_break_note_only_when_a_break_is_drawn() {
    let texts = |figure: &Figure| {
        let chart = draw(Format::Svg, figure).unwrap();
        svg_texts(&String::from_utf8(chart.bytes).unwrap())
    };
    let has_break_note = |t: &[String]| t.iter().any(|t| t.contains("报表格式调整"));
    let has_band_note = |t: &[String]| t.iter().any(|t| t.starts_with("灰色竖条"));
    // Full values in every year, no break: neither note.
    let whole = Figure::grid(
        TITLE_ZH,
        TITLE_EN,
        vec![line("予以公开", &counts(&[1, 2, 3, 4, 5]), &[], false)],
    );
    let t = texts(&whole);
    assert!(!has_break_note(&t) && !has_band_note(&t), "{t:?}");
    assert!(t.iter().any(|t| t.starts_with("每个小图")));
    // A break inside the years drawn: the note, with its year.
    let mut broken = whole.clone();
    broken.panels[0].lines[0].breaks = vec![2021];
    let t = texts(&broken);
    assert!(has_break_note(&t) && !has_band_note(&t), "{t:?}");
    assert!(t.iter().any(|t| t.contains("2021年起")));
    // A break at the first year drawn (from 2021 on): nothing to break, no note.
    let mut later = broken.clone();
    later.panels[0].lines[0].points.retain(|p| p.0 >= 2021);
    assert!(!has_break_note(&texts(&later)));
    // The report from 2021: the 2019 form's documents line has no value, so no legend entry,
    // and nothing on the far side of the form change, so no break note.
    let mut from_2021 = report();
    for line in from_2021.panels.iter_mut().flat_map(|p| p.lines.iter_mut()) {
        line.points.retain(|p| p.0 >= 2021);
    }
    let t = texts(&from_2021);
    assert!(!has_break_note(&t), "{t:?}");
    assert!(!t.contains(&"本年新制作数量".to_string()), "{t:?}");
    assert!(t.contains(&"本年制发件数".to_string()), "{t:?}");
    // The report without its documents' panel: no break note at all.
    let mut report = report();
    report.panels.pop();
    let t = texts(&report);
    assert!(!has_break_note(&t) && !has_band_note(&t), "{t:?}");
    assert!(!t.iter().any(|t| t.starts_with("每个小图")), "{t:?}");
}

#[test]
fn chart_png_labels_are_drawn_in_their_boxes() {
    for (figure, count) in [(report(), 25), (grid(14), 14)] {
        png_labels_in_their_boxes(&figure, count);
    }
}

fn png_labels_in_their_boxes(figure: &Figure, count: usize) {
    let Ok((chart, painted)) = draw_with(Format::Png, figure, fonts::system()) else {
        return; // no font file at all: no PNG
    };
    let (w, _, rgb) = decode_png(&chart.bytes);
    let ink = |x: i64, y: i64| -> bool {
        let i = (y as usize * w as usize + x as usize) * 3;
        rgb[i..i + 3].iter().any(|&c| c < 150)
    };
    let mut labels = 0;
    for panel in &painted.panels {
        for (text, r) in &panel.labels {
            // The text's ink is inside its box (a pixel's grace for anti-aliasing)…
            let inner = r.grow(1.0);
            let (x0, y0, x1, y1) = (
                inner.x0.floor() as i64,
                inner.y0.floor() as i64,
                inner.x1.ceil() as i64,
                inner.y1.ceil() as i64,
            );
            let inside = (y0..y1)
                .flat_map(|y| (x0..x1).map(move |x| (x, y)))
                .filter(|&(x, y)| ink(x, y))
                .count();
            assert!(inside > 20, "{text}: no text drawn in {r:?}");
            // …and a ring around the box is clear: no line, point or other text touches it.
            let outer = r.grow(2.5);
            for y in outer.y0.floor() as i64..outer.y1.ceil() as i64 {
                for x in outer.x0.floor() as i64..outer.x1.ceil() as i64 {
                    let on_ring = !(x >= x0 && x < x1 && y >= y0 && y < y1);
                    assert!(
                        !(on_ring && ink(x, y)),
                        "{text}: ink at ({x}, {y}) next to {r:?}"
                    );
                }
            }
            labels += 1;
        }
    }
    assert_eq!(labels, count);
}

#[test]
fn chart_incomplete_years_are_starred_and_explained() {
    let texts = |figure: &Figure| {
        let chart = draw(Format::Svg, figure).unwrap();
        svg_texts(&String::from_utf8(chart.bytes).unwrap())
    };
    let t = texts(&report());
    assert!(!t.iter().any(|t| t.contains('*')), "{t:?}");
    let mut marked = report();
    marked.incomplete = vec![2022, 2030];
    let t = texts(&marked);
    assert_eq!(t.iter().filter(|t| *t == "2022年*").count(), 4, "{t:?}");
    assert!(!t.iter().any(|t| t.starts_with("2030")));
    assert!(
        t.iter().any(|t| t.starts_with("标*的年份数据不完整")),
        "{t:?}"
    );
    // A year outside those drawn marks nothing.
    let mut outside = report();
    outside.incomplete = vec![2030];
    assert!(!texts(&outside).iter().any(|t| t.contains('*')));
}
