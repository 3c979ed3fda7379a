//! Font discovery: the system's fonts through `fontdb`, ranked by family name; the first face
//! that really has the probe glyphs is loaded. A CJK face (Noto Sans CJK SC, Source Han Sans,
//! WenQuanYi, …) when one is installed, else a Latin sans face for English labels.
//! `GONGKAI_FONT` names a font file whose faces are tried before any other.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use ab_glyph::Font as _;
use fontdb::{Database, FaceInfo, Source, Stretch, Style};

/// Characters a font must have to count as CJK.
const CJK_PROBE: &str = "政府信息公开申请数量率年";
/// Characters a font must have to draw English labels.
const LATIN_PROBE: &str = "Aaz09%.";

/// One face, loaded for measuring and rasterising text.
pub(crate) struct LoadedFont {
    /// The file the face was read from (`None` for a font given as bytes).
    pub path: Option<PathBuf>,
    /// The family name of the face loaded (a collection holds several).
    pub face: Option<String>,
    pub font: ab_glyph::FontVec,
}

impl std::fmt::Debug for LoadedFont {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoadedFont")
            .field("path", &self.path)
            .field("face", &self.face)
            .finish_non_exhaustive()
    }
}

/// The fonts a chart can use.
#[derive(Debug, Default)]
pub(crate) struct Fonts {
    /// A font with CJK glyphs (it has Latin glyphs too).
    pub cjk: Option<LoadedFont>,
    /// A Latin font, looked for only when there is no CJK font.
    pub latin: Option<LoadedFont>,
}

/// The system's fonts, found once per process.
pub(crate) fn system() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        let explicit = std::env::var_os("GONGKAI_FONT").map(PathBuf::from);
        Fonts::discover(&system_database(explicit.as_deref()), explicit.as_deref())
    })
}

/// Every face of the system's font folders (fontconfig's list on Linux), and of `explicit`.
fn system_database(explicit: Option<&Path>) -> Database {
    let mut db = Database::new();
    if let Some(path) = explicit {
        // An unreadable GONGKAI_FONT is passed over like any broken font file.
        let _ = db.load_font_file(path);
    }
    db.load_system_fonts();
    db
}

impl Fonts {
    /// The best CJK face in `db` that has the CJK probe glyphs; without one, the best Latin face
    /// that has the Latin ones. Faces of the file `first` come before all others.
    pub fn discover(db: &Database, first: Option<&Path>) -> Fonts {
        let is_first = |face: &FaceInfo| first.is_some() && source_path(face) == first;
        let cjk = ranked(db, |face| {
            let rank = if is_first(face) {
                0
            } else {
                1 + cjk_rank(&names(face))?
            };
            Some((rank, style_penalty(face), face_preference(family(face))))
        })
        .find_map(|face| load(db, face, CJK_PROBE));
        if cjk.is_some() {
            return Fonts { cjk, latin: None };
        }
        let latin = ranked(db, |face| {
            let rank = if is_first(face) {
                0
            } else {
                1 + latin_rank(face)
            };
            Some((rank, style_penalty(face), 0))
        })
        .find_map(|face| load(db, face, LATIN_PROBE));
        Fonts { cjk: None, latin }
    }
}

/// The faces `key` ranks (lower is better; `None` leaves a face out), best first; ties go by
/// file and face index, so the choice does not depend on the order folders were read.
fn ranked(
    db: &Database,
    key: impl Fn(&FaceInfo) -> Option<(u32, u32, u32)>,
) -> impl Iterator<Item = &FaceInfo> {
    let mut faces: Vec<_> = db
        .faces()
        .filter_map(|face| Some((key(face)?, source_path(face), face.index, face)))
        .collect();
    faces.sort_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)));
    faces.into_iter().map(|f| f.3)
}

/// Loads `face` if it has a glyph for every character of `probe`.
fn load(db: &Database, face: &FaceInfo, probe: &str) -> Option<LoadedFont> {
    let font = db
        .with_face_data(face.id, |data, index| {
            let font = ab_glyph::FontRef::try_from_slice_and_index(data, index).ok()?;
            probe
                .chars()
                .all(|c| font.glyph_id(c).0 != 0)
                .then(|| ab_glyph::FontVec::try_from_vec_and_index(data.to_vec(), index).ok())?
        })
        .flatten()?;
    Some(LoadedFont {
        path: source_path(face).map(Path::to_path_buf),
        face: family(face).map(str::to_string),
        font,
    })
}

fn source_path(face: &FaceInfo) -> Option<&Path> {
    match &face.source {
        Source::File(path) | Source::SharedFile(path, _) => Some(path),
        Source::Binary(_) => None,
    }
}

/// The face's family name in English (fontdb lists it first).
fn family(face: &FaceInfo) -> Option<&str> {
    face.families.first().map(|(name, _)| name.as_str())
}

/// The face's family names in every language and its file name, lower case, without spaces,
/// hyphens or underscores: what [`cjk_rank`] looks for names in.
fn names(face: &FaceInfo) -> String {
    let file = source_path(face)
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy());
    squash(
        face.families
            .iter()
            .map(|(name, _)| name.as_str())
            .chain(file.as_deref()),
    )
}

/// `names` in lower case without spaces, hyphens or underscores, each followed by `|`.
fn squash<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    names
        .into_iter()
        .flat_map(|name| name.chars().chain(['|']))
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// How good a CJK font the names suggest (lower is better); `None` if they suggest none.
fn cjk_rank(names: &str) -> Option<u32> {
    let has = |keys: &[&str]| keys.iter().any(|k| names.contains(k));
    if has(&["notosanscjk", "sourcehansans", "notosanssc"]) {
        Some(0)
    } else if has(&[
        "wqymicrohei",
        "wqyzenhei",
        "wenquanyi",
        "msyh",
        "yahei",
        "pingfang",
        "hiraginosansgb",
        "stheiti",
        "simhei",
    ]) {
        Some(1)
    } else if has(&["notoserifcjk", "sourcehanserif", "notoserifsc"]) {
        Some(2)
    } else if has(&[
        "droidsansfallback",
        "uming",
        "ukai",
        "simsun",
        "songti",
        "kaiti",
        "fangsong",
        "arphic",
        "cjk",
        "wqy",
    ]) {
        Some(3)
    } else {
        None
    }
}

/// How good a Latin sans face the family suggests (lower is better).
fn latin_rank(face: &FaceInfo) -> u32 {
    let name = family(face).unwrap_or("").to_lowercase();
    if matches!(name.as_str(), "dejavu sans" | "liberation sans" | "arial") {
        0
    } else if name.contains("sans") && !name.contains("mono") {
        1
    } else {
        2
    }
}

/// Regular upright faces of normal width first; monospaced faces after.
fn style_penalty(face: &FaceInfo) -> u32 {
    u32::from(face.weight.0.abs_diff(400).div_ceil(100))
        + u32::from(face.style != Style::Normal)
        + u32::from(face.stretch != Stretch::Normal)
        + u32::from(face.monospaced)
}

/// Lower is better: a Simplified Chinese face, then any other; monospaced faces last.
fn face_preference(name: Option<&str>) -> u32 {
    let name = name.unwrap_or("");
    let simplified = name.ends_with(" SC")
        || name.contains(" SC ")
        || name.contains("GB")
        || name.contains("Micro Hei");
    u32::from(name.contains("Mono")) * 2 + u32::from(!simplified)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The system's faces less every face a CJK name ranks: a machine with Latin fonts only.
    pub(crate) fn latin_only_database() -> Database {
        let mut db = system_database(None);
        let cjk: Vec<_> = db
            .faces()
            .filter(|face| cjk_rank(&names(face)).is_some())
            .map(|face| face.id)
            .collect();
        for id in cjk {
            db.remove_face(id);
        }
        db
    }

    #[test]
    fn chart_font_found_here() {
        let fonts = system();
        eprintln!("fonts: {fonts:?}");
        if let Some(cjk) = &fonts.cjk {
            // In a collection the Simplified Chinese face is the one loaded.
            let file = cjk.path.as_deref().and_then(Path::file_name);
            if file.is_some_and(|n| n.to_string_lossy().starts_with("NotoSansCJK")) {
                assert_eq!(cjk.face.as_deref(), Some("Noto Sans CJK SC"));
            }
        }
    }

    #[test]
    fn chart_font_finds_a_cjk_face_when_one_is_installed() {
        let db = system_database(None);
        let fonts = Fonts::discover(&db, None);
        let has = |family: &str| db.faces().any(|f| f.families.iter().any(|n| n.0 == family));
        if has("Noto Sans CJK SC") {
            // The first choice when installed (fonts-noto-cjk): its regular Simplified face.
            let cjk = fonts.cjk.as_ref().expect("a CJK font");
            assert_eq!(cjk.face.as_deref(), Some("Noto Sans CJK SC"), "{fonts:?}");
            assert!(cjk.font.glyph_id('政').0 != 0);
            assert!(fonts.latin.is_none(), "no Latin font needed");
            let file = cjk.path.as_deref().and_then(Path::file_name).unwrap();
            assert!(
                !file.to_string_lossy().contains("Bold"),
                "the regular weight"
            );
        }
        let any_cjk = db
            .faces()
            .any(|f| cjk_rank(&names(f)).is_some() && load(&db, f, CJK_PROBE).is_some());
        assert_eq!(fonts.cjk.is_some(), any_cjk, "{fonts:?}");
    }

    #[test]
    fn chart_font_falls_back_on_an_empty_database() {
        let fonts = Fonts::discover(&Database::new(), None);
        assert!(fonts.cjk.is_none() && fonts.latin.is_none());
        // A file that is not there adds nothing.
        let fonts = Fonts::discover(&Database::new(), Some(Path::new("/no/such/font.ttf")));
        assert!(fonts.cjk.is_none() && fonts.latin.is_none());
    }

    #[test]
    fn chart_font_latin_without_cjk() {
        let db = latin_only_database();
        let fonts = Fonts::discover(&db, None);
        assert!(fonts.cjk.is_none());
        let Some(latin) = &fonts.latin else {
            // No font at all on this machine.
            assert!(db.faces().all(|f| load(&db, f, LATIN_PROBE).is_none()));
            return;
        };
        assert!(latin.path.is_some());
        if db.faces().any(|f| family(f) == Some("DejaVu Sans")) {
            assert_eq!(latin.face.as_deref(), Some("DejaVu Sans"));
            let file = latin.path.as_deref().and_then(Path::file_name).unwrap();
            assert_eq!(file, "DejaVuSans.ttf", "the regular face");
        }
        // GONGKAI_FONT first, whatever its rank: the last-ranked face that has the glyphs.
        let last = ranked(&db, |f| Some((latin_rank(f), style_penalty(f), 0)))
            .filter(|f| load(&db, f, LATIN_PROBE).is_some())
            .last()
            .unwrap();
        let first = source_path(last);
        let fonts = Fonts::discover(&db, first);
        assert_eq!(fonts.latin.unwrap().path.as_deref(), first);
    }

    #[test]
    fn chart_font_names() {
        let rank = |families: &[&str], file: &str| {
            cjk_rank(&squash(families.iter().copied().chain([file])))
        };
        assert_eq!(
            rank(&["Noto Sans CJK SC"], "NotoSansCJK-Regular.ttc"),
            Some(0)
        );
        assert_eq!(
            rank(&["Source Han Sans SC"], "SourceHanSansSC.otf"),
            Some(0)
        );
        assert_eq!(
            rank(&["WenQuanYi Micro Hei", "文泉驿微米黑"], "wqy-microhei.ttc"),
            Some(1)
        );
        assert_eq!(rank(&["Microsoft YaHei"], "msyh.ttc"), Some(1));
        assert_eq!(
            rank(&["Noto Serif CJK SC"], "NotoSerifCJK-Regular.ttc"),
            Some(2)
        );
        assert_eq!(rank(&["AR PL UMing CN"], "uming.ttc"), Some(3));
        // Mono faces of the Noto collection keep the collection's rank (the file name).
        assert_eq!(
            rank(&["Noto Sans Mono CJK SC"], "NotoSansCJK-Regular.ttc"),
            Some(0)
        );
        assert_eq!(rank(&["DejaVu Sans"], "DejaVuSans.ttf"), None);
        assert_eq!(face_preference(Some("Noto Sans CJK SC")), 0);
        assert_eq!(face_preference(Some("Noto Sans CJK JP")), 1);
        assert_eq!(face_preference(Some("Noto Sans Mono CJK SC")), 2);
    }
}
