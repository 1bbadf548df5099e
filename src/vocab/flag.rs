//! The kinds of flag the statement trails raise ([`FlagKind`]), named
//! here, at the bottom, because the query language filters and counts them
//! (`flag:quote-differs`, the Flags facet) and the analyses raise them
//! (`analyze::trail`, where each kind's rule is specified).

use serde::{Deserialize, Serialize};

/// A flag's kind; serialized as the search filter names it
/// (`flag:quote-differs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FlagKind {
    /// Direct quotes of one speaker and statement with different words.
    QuoteDiffers,
    /// The same words credited to different speakers.
    AttributionDiffers,
    /// A direct quote elsewhere presented without quotation marks.
    Unattributed,
}

impl FlagKind {
    /// Every kind.
    pub const ALL: [FlagKind; 3] = [
        FlagKind::QuoteDiffers,
        FlagKind::AttributionDiffers,
        FlagKind::Unattributed,
    ];

    /// The name in search filters and output ("quote-differs").
    pub fn name(self) -> &'static str {
        match self {
            FlagKind::QuoteDiffers => "quote-differs",
            FlagKind::AttributionDiffers => "attribution-differs",
            FlagKind::Unattributed => "unattributed",
        }
    }

    /// The kind a filter value names, case-insensitively.
    pub fn from_name(name: &str) -> Option<FlagKind> {
        let n = name.trim().to_lowercase().replace(['_', ' '], "-");
        FlagKind::ALL.into_iter().find(|k| k.name() == n)
    }

    /// The label a reader sees ("quotation differs").
    pub fn label(self) -> &'static str {
        match self {
            FlagKind::QuoteDiffers => "quotation differs",
            FlagKind::AttributionDiffers => "attribution differs",
            FlagKind::Unattributed => "unattributed",
        }
    }
}
