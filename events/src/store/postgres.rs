//! The PostgreSQL backend (not built yet: the store interface comes first).

use super::backend::Backend;
use super::location::PgUrl;
use super::{Access, StoreError};
use crate::clock::Clock;

/// Not built yet.
pub(crate) struct PgBackend;

impl PgBackend {
    fn unsupported(url: &PgUrl) -> StoreError {
        StoreError::NotALog {
            path: url.redacted().into(),
            reason: "this accord does not support PostgreSQL yet".into(),
        }
    }
    pub(crate) fn create(url: &PgUrl, _clock: Clock) -> Result<Box<dyn Backend>, StoreError> {
        Err(Self::unsupported(url))
    }
    pub(crate) fn open(url: &PgUrl, _access: Access) -> Result<Box<dyn Backend>, StoreError> {
        Err(Self::unsupported(url))
    }
    pub(crate) fn create_for_restore(
        url: &PgUrl,
        _clock: Clock,
    ) -> Result<Box<dyn Backend>, StoreError> {
        Err(Self::unsupported(url))
    }
}
