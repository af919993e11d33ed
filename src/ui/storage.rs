//! The settings remembered between visits, in `localStorage`. Settings only: never a file,
//! a figure or a child's ID.

use serde::{Deserialize, Serialize};

use crate::present::Targets;
use crate::settings::Settings;

const KEY: &str = "careboard.settings.v1";

/// What the page remembers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Remembered {
    pub publication: bool,
    pub settings: Settings,
    /// Targets for the headline figures.
    #[serde(default)]
    pub targets: Targets,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The remembered settings, or the defaults.
pub fn load() -> Remembered {
    storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Remembers the settings (silently does nothing where storage is refused).
pub fn save(remembered: &Remembered) {
    if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(remembered)) {
        let _ = s.set_item(KEY, &text);
    }
}
