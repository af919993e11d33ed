//! Bytes in, recognised 903 tables out. (Being written.)
