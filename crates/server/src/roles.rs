//! The roles of the contract, their order of authority and display names.

use latchkey_protocol::Role;

pub const FULFILLMENT_CONTACT: &str = "fulfillment_contact";
pub const ACCOUNT_ADMIN: &str = "account_admin";
pub const CO_ADMIN: &str = "co_admin";
pub const PRODUCT_DELIVERY_DOWNLOAD: &str = "product_delivery_download";

/// Every role, highest authority first.
pub const ALL: [(&str, &str); 4] = [
    (FULFILLMENT_CONTACT, "Fulfillment Contact"),
    (ACCOUNT_ADMIN, "Account Administrator"),
    (CO_ADMIN, "Co-Administrator"),
    (PRODUCT_DELIVERY_DOWNLOAD, "Product Delivery – Download"),
];

/// Position in the order of authority (0 is highest); unknown roles sort last.
pub fn rank(role: &str) -> usize {
    ALL.iter().position(|(id, _)| *id == role).unwrap_or(ALL.len())
}

pub fn list() -> Vec<Role> {
    ALL.iter().map(|(id, name)| Role { id: (*id).into(), name: (*name).into() }).collect()
}
