//! Where the tables hold each kind of figure the text states: one or more readings, each a sum
//! of cells of the report's form, any of which the text may mean (本年新收, or 本年新收 and
//! 上年结转 together). Only what the tables really hold: form 2019 has no 废止 or 现行有效, form
//! 2021 no 新公开 or 对外公开总数, and neither a count of all information published (主动公开政
//! 府信息2415条), so those figures are read by no cell.

use gongkai_form::{FormVersion, Section};

use crate::claim::{DocumentColumn, DocumentRow, Kind, Suit};

/// A cell of the form by its codes.
pub(crate) type At = (Section, &'static str, &'static str);

const NEW_RECEIVED: At = (Section::Requests, "new_received", "total");
const CARRIED_OVER: At = (Section::Requests, "carried_over", "total");
const RESULTS_TOTAL: At = (Section::Requests, "total", "total");
const GRANTED: At = (Section::Requests, "granted", "total");
const PARTIALLY_GRANTED: At = (Section::Requests, "partially_granted", "total");
const CARRIED_FORWARD: At = (Section::Requests, "carried_forward", "total");
const RECONSIDERATION: At = (Section::Appeals, "reconsideration", "total");
const SUIT_DIRECT: At = (Section::Appeals, "litigation_direct", "total");
const SUIT_AFTER: At = (
    Section::Appeals,
    "litigation_after_reconsideration",
    "total",
);

/// The readings of a figure of `kind` in `form`, the usual one first; none where the form
/// holds no such figure.
pub(crate) fn readings(kind: Kind, form: FormVersion) -> Vec<Vec<At>> {
    match kind {
        Kind::Received => vec![vec![NEW_RECEIVED], vec![NEW_RECEIVED, CARRIED_OVER]],
        Kind::ReceivedOrHandled => vec![
            vec![NEW_RECEIVED],
            vec![NEW_RECEIVED, CARRIED_OVER],
            vec![RESULTS_TOTAL],
        ],
        Kind::Handled => vec![vec![RESULTS_TOTAL]],
        Kind::Granted => vec![vec![GRANTED], vec![GRANTED, PARTIALLY_GRANTED]],
        Kind::CarriedForward => vec![vec![CARRIED_FORWARD]],
        Kind::Reconsideration => vec![vec![RECONSIDERATION]],
        Kind::Litigation(Suit::Direct) => vec![vec![SUIT_DIRECT]],
        Kind::Litigation(Suit::AfterReconsideration) => vec![vec![SUIT_AFTER]],
        Kind::Litigation(Suit::Any) => {
            vec![
                vec![SUIT_DIRECT, SUIT_AFTER],
                vec![SUIT_DIRECT],
                vec![SUIT_AFTER],
            ]
        }
        Kind::Appeals => vec![vec![RECONSIDERATION, SUIT_DIRECT, SUIT_AFTER]],
        Kind::Documents(row, column) => {
            let row = match row {
                DocumentRow::Regulations => "regulations",
                DocumentRow::NormativeDocuments => "normative_documents",
            };
            let columns: &[&'static str] = match (form, column) {
                (FormVersion::F2019, DocumentColumn::Issued) => &["new_made", "new_published"],
                (FormVersion::F2019, DocumentColumn::NewMade) => &["new_made"],
                (FormVersion::F2019, DocumentColumn::NewPublished) => &["new_published"],
                (FormVersion::F2019, DocumentColumn::TotalPublished) => &["total_published"],
                (FormVersion::F2019, DocumentColumn::Abolished | DocumentColumn::InForce) => &[],
                (FormVersion::F2021, DocumentColumn::Issued | DocumentColumn::NewMade) => {
                    &["issued"]
                }
                (FormVersion::F2021, DocumentColumn::Abolished) => &["abolished"],
                (FormVersion::F2021, DocumentColumn::InForce) => &["in_force"],
                (
                    FormVersion::F2021,
                    DocumentColumn::NewPublished | DocumentColumn::TotalPublished,
                ) => &[],
            };
            columns
                .iter()
                .map(|column| vec![(Section::Active, row, *column)])
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every cell a reading names is a cell of the form it is read in.
    #[test]
    fn every_reading_is_of_cells_of_its_form() {
        let documents = [DocumentRow::Regulations, DocumentRow::NormativeDocuments];
        let published = [
            DocumentColumn::Issued,
            DocumentColumn::NewMade,
            DocumentColumn::NewPublished,
            DocumentColumn::TotalPublished,
            DocumentColumn::Abolished,
            DocumentColumn::InForce,
        ];
        let mut kinds = vec![
            Kind::Received,
            Kind::ReceivedOrHandled,
            Kind::Handled,
            Kind::Granted,
            Kind::CarriedForward,
            Kind::Reconsideration,
            Kind::Litigation(Suit::Direct),
            Kind::Litigation(Suit::AfterReconsideration),
            Kind::Litigation(Suit::Any),
            Kind::Appeals,
        ];
        for d in documents {
            kinds.extend(published.iter().map(|p| Kind::Documents(d, *p)));
        }
        for form in FormVersion::ALL {
            let cat = form.catalogue();
            let mut read = 0;
            for kind in &kinds {
                for reading in readings(*kind, form) {
                    for (section, row, column) in reading {
                        assert!(
                            cat.find(section, row, column).is_some(),
                            "{form:?} {kind:?}: {row}.{column}"
                        );
                        read += 1;
                    }
                }
            }
            assert!(read > 20, "{form:?}");
        }
        // What a form does not hold is read by no cell.
        let none = Kind::Documents(DocumentRow::Regulations, DocumentColumn::InForce);
        assert!(readings(none, FormVersion::F2019).is_empty());
        let none = Kind::Documents(DocumentRow::Regulations, DocumentColumn::NewPublished);
        assert!(readings(none, FormVersion::F2021).is_empty());
    }
}
