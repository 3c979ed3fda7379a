//! Text widths estimated from the characters alone (no font): fitting captions and titles, and
//! the metrics of an SVG drawn without a font file.

/// Rough advance of `c` in ems: full width for CJK and full-width forms, about half otherwise.
pub(crate) fn char_em(c: char) -> f64 {
    match c as u32 {
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 => 1.0,
        0x20000..=0x3FFFD => 1.0,
        _ if c.is_ascii_uppercase() || c == '%' || c == '…' => 0.66,
        _ => 0.55,
    }
}

/// `s` cut to about `ems` em widths (a CJK character is one em), with an ellipsis if cut.
pub(crate) fn fit(s: &str, ems: f64) -> String {
    let mut width = 0.0;
    let mut out = String::new();
    for c in s.chars() {
        width += char_em(c);
        if width > ems {
            out.pop();
            out.push('…');
            return out;
        }
        out.push(c);
    }
    out
}

/// `size`, or smaller if a line of `text` would not fit in `width` pixels less a margin.
pub(crate) fn size_to_fit(text: &str, size: f64, width: u32) -> f64 {
    let ems: f64 = text.chars().map(char_em).sum();
    let fits = f64::from(width.saturating_sub(40)) / ems.max(1.0) * 1.24;
    size.min(fits).max(10.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_text_fits() {
        assert_eq!(fit("本年新收政府信息公开申请数量", 6.0), "本年新收政…");
        assert_eq!(fit("公开率 (%)", 20.0), "公开率 (%)");
        assert_eq!(size_to_fit("短", 34.0, 900), 34.0);
        assert!(size_to_fit(&"长".repeat(80), 34.0, 900) < 34.0);
        assert_eq!(size_to_fit(&"长".repeat(800), 34.0, 900), 10.0);
    }
}
